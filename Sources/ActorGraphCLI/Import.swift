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
        counts once (the store's own copy wins). All files are imported in one transaction: if one
        has an error, nothing is imported.

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
        // One transaction for every file: a command that fails leaves the store as it was.
        var current = files[0]
        do {
            let summary = try store.importGraph { node, edge in
                for file in files {
                    current = file
                    try GraphMLReader(path: file).read(node: node, edge: edge)
                }
            }
            if !quiet {
                print("\(files.joined(separator: " ")): \(summary.nodesAdded) nodes, \(summary.edgesAdded) edges, "
                    + "\(summary.evidenceAdded) evidence sentences and \(summary.mentionsAdded) mention counts added from "
                    + "\(summary.documentsAdded) new documents; \(summary.documentsAlreadyKnown) documents already in the store "
                    + "were not counted again")
            }
        } catch let e as InputError {
            warn("actorgraph: \(e.file == nil ? InputError(e.message, file: current) : e)")
            warn("actorgraph: nothing was imported")
            throw ExitCode(1)
        } catch {
            warn("actorgraph: \(current): \(error)")
            warn("actorgraph: nothing was imported")
            throw ExitCode(1)
        }
    }
}
