import ActorGraphModel
import ArgumentParser
import Foundation
import GraphStore

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read documents and add the actors and relations they state to the store.",
        discussion: """
        Each PATH is a file or a folder searched recursively. A .txt file is one document, its id the
        file name without extension; a first line holding only a date (2017-06-14) is the document's
        date. A .jsonl file holds one document a line: {"id": "...", "text": "...", "date": "YYYY-MM-DD",
        "source": "...", "title": "..."} (only id and text required).

        Building the same document twice changes nothing; a document whose text changed replaces its
        old evidence. Documents are written in batches, one transaction each.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to read.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var options: StoreOptions

    @Option(help: "Documents per transaction.")
    var batchSize: Int = 200

    @Flag(help: "Print no progress.")
    var quiet = false

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
    }

    func run() throws {
        let ontology = try OntologyCache.load(ProjectPaths.ontology(options.ontology))
        let pipeline = Pipeline(ontology: ontology)
        let files: [String]
        do { files = try DocumentReader.files(under: paths) } catch let e as InputError {
            warn("actorgraph: \(e)"); throw ExitCode(1)
        }
        let store = try openStore(options.storePath)
        let progress = Progress(total: files.count, enabled: !quiet && isatty(2) == 1)
        var batch: [Extraction] = []
        var totals = IngestSummary(documentsAdded: 0, documentsReplaced: 0, documentsUnchanged: 0, evidenceAdded: 0)
        var problems = 0
        var documents = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let s = try store.ingest(batch)
            totals.documentsAdded += s.documentsAdded
            totals.documentsReplaced += s.documentsReplaced
            totals.documentsUnchanged += s.documentsUnchanged
            totals.evidenceAdded += s.evidenceAdded
            batch.removeAll(keepingCapacity: true)
        }
        for (n, file) in files.enumerated() {
            let result = DocumentReader.read(file)
            for p in result.problems { warn("actorgraph: \(p)"); problems += 1 }
            for doc in result.documents {
                batch.append(pipeline.extract(doc).0)
                documents += 1
                if batch.count >= batchSize { try flush() }
            }
            progress.update(n + 1, file)
        }
        try flush()
        progress.finish()
        if !quiet {
            warn("read \(documents) documents from \(files.count) files: \(totals.documentsAdded) added, \(totals.documentsReplaced) replaced, \(totals.documentsUnchanged) unchanged; \(totals.evidenceAdded) evidence sentences added → \(options.storePath)")
        }
        if problems > 0 { throw ExitCode(1) }
    }
}

func openStore(_ path: String, readOnly: Bool = false) throws -> SQLiteStore {
    do { return try SQLiteStore(path: path, readOnly: readOnly) } catch {
        warn("actorgraph: \(error)")
        throw ExitCode(1)
    }
}

/// A one-line progress display on a terminal.
final class Progress {
    let total: Int
    let enabled: Bool
    var last = Date.distantPast
    init(total: Int, enabled: Bool) { self.total = total; self.enabled = enabled }
    func update(_ done: Int, _ file: String) {
        guard enabled, Date().timeIntervalSince(last) > 0.1 || done == total else { return }
        last = Date()
        let name = (file as NSString).lastPathComponent
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] \(name)".utf8))
    }
    func finish() { if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
}
