import ActorGraphModel
import ArgumentParser
import Foundation
import GraphML
import GraphPicture
import GraphStore

enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case graphml, dot
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph as GraphML (through libxml2) for Gephi, yEd, Cytoscape, NetworkX, igraph, Neo4j — or as Graphviz DOT.",
        discussion: """
        Node ids are the canonical actor ids (ISIS, SDF, …) and ASCII place ids; node keys: label, name,
        label_en, kind, aliases, mentions, mention_detail. One edge per (source, relation, target) with keys
        label, relation, weight, documents, first_seen, last_seen, evidence, confidence, evidence_detail
        (one line per evidence sentence: what `actorgraph import` needs to merge graphs exactly).
        The file is written beside its target and renamed into place, so a failed export leaves an old file whole.

        Filters choose part of the graph:
          actorgraph export -o attacks.graphml --relation attacked --min-weight 2
          actorgraph export -o 2017.graphml --since 2017-01-01 --until 2017-12-31
          actorgraph export -o sdf.graphml --ego قسد --depth 2 --exclude-kind location
          actorgraph export -o graph.dot --format dot      # for Graphviz tools (see also `actorgraph render`)
        """)
    @OptionGroup var options: StoreOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The file to write; - for standard output.", valueName: "FILE.graphml"))
    var output: String
    @Option(help: "graphml or dot.") var format: ExportFormat = .graphml
    @OptionGroup(title: "Filters") var filters: GraphFilterOptions

    func run() throws {
        let store = try openStore(options.storePath, readOnly: true)
        let filter = try filters.filter(store: store, ontologyFolder: options.ontology)
        do {
            switch format {
            case .graphml:
                let writer = try GraphMLWriter(path: output)
                if filter.isEmpty {
                    // The whole graph streams: never held in memory. A SQLite store's edges are
                    // formatted on every core, in ranges written back in order; the worker threads map
                    // the store into memory, this connection, which reads little, does not.
                    // A node's mention rows (one per document naming it) stream too.
                    if let sqlite = store as? SQLiteStore {
                        // The edges' ranges are found, and the first formatted, on other threads while
                        // the nodes are written.
                        try ParallelEdgeExport(storePath: sqlite.path).run(into: writer) {
                            try sqlite.readWithoutMemoryMap()
                            try sqlite.forEachNodeStreamingDetail { node, rows in try writer.write(node: node, rows: rows) }
                        }
                    } else {
                        try store.forEachNodeStreamingDetail { node, rows in try writer.write(node: node, rows: rows) }
                        try store.forEachEdge { try writer.write(edge: $0) }
                    }
                } else {
                    // Which nodes and edges to keep is worked out first, without the text; then they
                    // stream as the whole graph does.
                    try store.forEachSelected(filter, node: { node, rows in try writer.write(node: node, rows: rows) },
                                              edge: { try writer.write(edge: $0) })
                }
                try writer.finish()
            case .dot:
                let (nodes, edges) = try store.selectGraphOutline(filter)
                let dot = DOTWriter(focus: filter.ego).dot(nodes: nodes, edges: edges)
                try writeText(dot, to: output)
            }
        } catch let e as ExitCode { throw e } catch {
            warn("actorgraph: \(error)")
            throw ExitCode(1)
        }
    }
}

/// Writes text to a file (beside it first, then renamed into place) or to standard output for `-`.
func writeText(_ text: String, to path: String) throws {
    if path == "-" {
        FileHandle.standardOutput.write(Data(text.utf8))
        return
    }
    do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw InputError("cannot write: \((error as NSError).localizedDescription)", file: path)
    }
}
