import ActorGraphModel
import ArgumentParser
import GraphML
import GraphStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge GraphML files written by `actorgraph export` into the store.",
        discussion: """
        Combines graphs built on several machines: nodes merge by id, and evidence is added per
        (document, sentence) from each edge's evidence_detail, so a document built on both sides
        counts once (the store's own copy wins). Each file is imported in one transaction: a file
        with an error changes nothing.

        The file is streamed with libxml2's xmlTextReader with network access and entity
        substitution off; a file with a <!DOCTYPE> (entity declarations: billion laughs, external
        entities) or nested deeper than a GraphML file can be is refused.

        Example (two machines, one graph):
          actorgraph export --store a.sqlite --output a.graphml      # on machine A
          actorgraph import a.graphml --store b.sqlite               # on machine B
        """)
    @Argument(help: ArgumentHelp("GraphML files to merge; - for standard input.", valueName: "FILE.graphml"))
    var files: [String]
    @OptionGroup var options: StoreOptions
    @Flag(help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one GraphML file to import") }
    }

    func run() throws {
        let store = try openStore(options.storePath)
        for file in files {
            do {
                let reader = GraphMLReader(path: file)
                let summary = try store.importGraph { node, edge in try reader.read(node: node, edge: edge) }
                if !quiet {
                    print("\(file): \(summary.nodesAdded) nodes, \(summary.edgesAdded) edges, \(summary.evidenceAdded) evidence sentences and \(summary.mentionsAdded) mention counts added from \(summary.documentsAdded) new documents; \(summary.documentsAlreadyKnown) documents already in the store were not counted again")
                }
            } catch let e as InputError {
                warn("actorgraph: \(e.file == nil ? InputError(e.message, file: file) : e)")
                throw ExitCode(1)
            } catch {
                warn("actorgraph: \(file): \(error)")
                throw ExitCode(1)
            }
        }
    }
}
