import ActorGraphModel
import ArgumentParser
import Foundation
import GraphML
import GraphStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the graph as GraphML (through libxml2) for Gephi, yEd, Cytoscape, NetworkX, igraph, Neo4j.",
        discussion: """
        Node ids are the canonical actor ids (ISIS, SDF, …) and ASCII place ids; node keys: label, name,
        label_en, kind, aliases, mentions. One edge per (source, relation, target) with keys label,
        relation, weight, documents, first_seen, last_seen, evidence, confidence.
        The file is written beside its target and renamed into place, so a failed export leaves an old file whole.
        """)
    @OptionGroup var options: StoreOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The GraphML file to write; - for standard output.", valueName: "FILE.graphml"))
    var output: String
    @Option(help: "Leave out edges whose confidence is below this (0–1).") var minConfidence: Double = 0

    func run() throws {
        let store = try openStore(options.storePath, readOnly: true)
        do {
            let writer = try GraphMLWriter(path: output)
            try store.forEachNode { try writer.write(node: $0) }
            try store.forEachEdge(minConfidence: minConfidence) { try writer.write(edge: $0) }
            try writer.finish()
        } catch let e as ExitCode { throw e } catch {
            warn("actorgraph: \(error)")
            throw ExitCode(1)
        }
    }
}
