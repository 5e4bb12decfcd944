import ActorGraphModel
import ArgumentParser
import Foundation
import GraphStore
import Relations

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read documents and add the actors and relations they state to the store.",
        discussion: """
        Each PATH is a file or a folder searched recursively. A .txt file is one document, its id the
        file name without extension; a first line holding only a date (2017-06-14) is the document's
        date. A .jsonl file holds one document a line: {"id": "...", "text": "...", "date": "YYYY-MM-DD",
        "source": "...", "title": "..."} (only id and text required).

        Building the same document twice changes nothing; a document whose text changed replaces its
        old evidence (so when one build meets the same id twice with different texts, the later one
        is kept, with a warning). Documents are written in batches, one transaction each: a build
        that is killed loses at most its current batch, and running it again completes it.

        Bad input is reported and the rest is still read: invalid UTF-8 is replaced with U+FFFD and
        the document marked; binary, UTF-16 and empty files, malformed JSONL lines and JSONL lines
        over 64 MiB are skipped. A .txt file over 8 MiB is read in parts, in bounded memory.

        On a terminal the build shows how far it has read (by bytes, inside a large JSONL file too),
        the documents read, MB/s and the time left; --quiet turns that and the summary off.

        The summary at the end counts documents read, skipped and failed and the edges added. The
        exit status is 1 when anything was skipped or failed, 0 otherwise. With --strict the build
        stops at the first bad document and leaves the store exactly as it was.
        """
    )

    @Argument(help: ArgumentHelp("Files or folders to read.", valueName: "PATH"))
    var paths: [String]

    @OptionGroup var options: StoreOptions

    @Option(help: "Documents per transaction.")
    var batchSize: Int = 200

    @Flag(help: "Stop at the first bad document (skipped, repaired or failed) and change nothing.")
    var strict = false

    @Flag(help: "Print no progress and no summary.")
    var quiet = false

    @Option(help: .hidden) var largeDocumentBytes: Int = DocumentReader.Limits().largeDocumentBytes
    @Option(help: .hidden) var partBytes: Int = DocumentReader.Limits().partBytes
    @Option(help: .hidden) var maxLineBytes: Int = DocumentReader.Limits().maxLineBytes

    func validate() throws {
        guard batchSize > 0 else { throw ValidationError("--batch-size must be at least 1") }
        guard partBytes >= 4096, largeDocumentBytes >= partBytes, maxLineBytes > 0 else {
            throw ValidationError("--part-bytes must be at least 4096 and at most --large-document-bytes")
        }
    }

    func run() throws {
        let ontology = try OntologyCache.load(ProjectPaths.ontology(options.ontology))
        let files: [String]
        do { files = try DocumentReader.files(under: paths) } catch let e as InputError {
            warn("actorgraph: \(e)"); throw ExitCode(1)
        }
        let store = try openStore(options.storePath)
        let limits = DocumentReader.Limits(largeDocumentBytes: largeDocumentBytes, partBytes: partBytes,
                                           maxLineBytes: maxLineBytes)
        var run = BuildRun(pipeline: Pipeline(ontology: ontology), store: store, batchSize: batchSize, strict: strict)
        let progress = Progress(sizes: files.map(DocumentReader.fileSize), enabled: !quiet && isatty(2) == 1)
        // Into an empty SQLite store the mentions are written without their by-node index, which is
        // made once at the end (`SQLiteStore.beginBulkWrite`), also when the build stops on an error.
        let bulk = try? (store as? SQLiteStore)?.beginBulkWrite()
        func finishBulk() throws {
            guard bulk == true, let sqlite = store as? SQLiteStore else { return }
            if !quiet && isatty(2) == 1 { warn("actorgraph: indexing the mentions and the evidence…") }
            do { try sqlite.finishBulkWrite() } catch {
                warn("actorgraph: \(error) (the next build or import into this store makes the index)")
                throw ExitCode(1)
            }
        }
        do {
            try run.wholeBuild {
                for (n, file) in files.enumerated() {
                    try DocumentReader.read(file, limits: limits, position: { offset in
                        progress.update(file: n, name: file, offset: offset, documents: run.summary.read)
                    }) { event in try run.handle(event, file: file) }
                }
                try run.flush()
                try run.drain()
            }
        } catch is StrictStop {
            progress.finish()
            try finishBulk()
            warn("actorgraph: --strict: stopped at the first bad document; the store is unchanged")
            throw ExitCode(1)
        } catch let e as InputError {
            progress.finish()
            try finishBulk()
            warn("actorgraph: \(e)")
            throw ExitCode(1)
        } catch let e as StoreError {
            progress.finish()
            try? finishBulk()
            warn("actorgraph: \(e)")
            throw ExitCode(1)
        } catch {
            progress.finish()
            try? finishBulk()
            throw error
        }
        progress.finish()
        try finishBulk()
        let s = run.summary
        if !quiet {
            var line = "read \(s.read) document\(s.read == 1 ? "" : "s") from \(files.count) file\(files.count == 1 ? "" : "s"): "
                + "\(s.ingest.documentsAdded) added, \(s.ingest.documentsReplaced) replaced, \(s.ingest.documentsUnchanged) unchanged"
            if s.repaired > 0 { line += ", \(s.repaired) repaired" }
            line += "; \(s.skipped) skipped, \(s.failed) failed; "
                + "\(s.ingest.edgesAdded) edge\(s.ingest.edgesAdded == 1 ? "" : "s") and \(s.ingest.evidenceAdded) evidence sentences added → \(store.location)"
            warn(line)
        }
        if s.skipped > 0 || s.failed > 0 { throw ExitCode(1) }
    }
}

/// Thrown under `--strict` at the first bad document; the enclosing transaction rolls back.
struct StrictStop: Error {}

/// One build's state: the pending batch, the ids seen, and the counts for the summary.
struct BuildRun {
    struct Summary {
        var read = 0, skipped = 0, failed = 0, repaired = 0
        var ingest = IngestSummary()
    }
    let pipeline: Pipeline
    let store: any GraphStoreWriter
    let batchSize: Int
    let strict: Bool
    var summary = Summary()
    /// Documents read but not yet extracted and written.
    private var pending: [(document: Document, file: Int32, line: Int?)] = []
    /// The batches handed to the worker threads and not yet written, oldest first. While this thread
    /// writes the oldest and reads the next, the workers extract the others: reading, extraction and
    /// writing overlap. With one batch only, the workers sat idle whenever they finished before the
    /// write did (a build of 100k documents used 170% of 2 cores).
    private var inFlight: [InFlight] = []
    /// At most this many batches in flight: enough that the workers always have one to extract, few
    /// enough that memory stays bounded (`batchSize` documents and their extractions each).
    static let maxInFlight = 3
    /// Document id → the first 64 bits of its text's hash and the file it came from, to warn about
    /// repeated ids (kept small: one entry per document of the build, a million for a big archive).
    private var seen: [String: (hash: UInt64, file: Int32)] = [:]
    private var fileNames: [String] = []

    init(pipeline: Pipeline, store: any GraphStoreWriter, batchSize: Int, strict: Bool) {
        self.pipeline = pipeline; self.store = store; self.batchSize = batchSize; self.strict = strict
    }

    /// Runs the build; under --strict in one transaction, so that stopping changes nothing.
    func wholeBuild(_ body: () throws -> Void) throws {
        if strict { try store.transaction(body) } else { try body() }
    }

    mutating func handle(_ event: DocumentReader.Event, file: String) throws {
        switch event {
        case .problem(let diagnostic, let skipped):
            warn("actorgraph: \(diagnostic)")
            if skipped { summary.skipped += 1 } else { summary.repaired += 1 }
            if strict { throw StrictStop() }
        case .document(let document, let line):
            summary.read += 1
            pending.append((document, fileIndex(file), line))
            if pending.count >= batchSize { try flush() }
        case .large(let large):
            try flush()
            try drain()
            try ingestLarge(large, file: file)
        }
    }

    /// Hands the pending batch to the worker threads; when `maxInFlight` batches are then in flight,
    /// writes the oldest (in the order read, so a later text of an id still replaces an earlier one).
    /// `drain` writes the rest.
    mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let documents = pending.map(\.document)
        let next = InFlight(origins: pending.map { ($0.file, $0.line) })
        pending.removeAll(keepingCapacity: true)
        let pipeline = self.pipeline
        // Each document's hash and mention counts are made on the worker that extracted it: this
        // thread reads and writes for all of them, and at a million documents sets the pace.
        DispatchQueue.global().async(group: next.group) {
            next.result = pipeline.extractConcurrently(documents) { extraction in
                extraction.textHash = contentHash(extraction.document.text)
                extraction.countMentions()
            }
        }
        inFlight.append(next)
        if inFlight.count >= Self.maxInFlight { try write(inFlight.removeFirst()) }
    }

    /// Waits for the batches in flight and writes them, oldest first.
    mutating func drain() throws {
        while !inFlight.isEmpty { try write(inFlight.removeFirst()) }
    }

    /// Writes an extracted batch. When one of its documents cannot be stored, the others are written
    /// one by one and that one is counted as failed.
    private mutating func write(_ done: InFlight) throws {
        done.group.wait()
        let batch = done.result
        done.result = []
        for (extraction, origin) in zip(batch, done.origins) {
            noteRepeat(extraction.document.id, hash: extraction.textHash ?? "", file: origin.file, line: origin.line)
        }
        do {
            summary.ingest += try store.ingest(batch)
        } catch is InputError where !strict {
            for extraction in batch {
                do { summary.ingest += try store.ingest([extraction]) } catch let e as InputError {
                    warn("actorgraph: document \(extraction.document.id): \(e); not stored")
                    summary.failed += 1
                }
            }
        }
    }

    /// A document too large to hold: hashed in one pass, then extracted part by part and written in
    /// one transaction, so that it lands whole or not at all.
    private mutating func ingestLarge(_ large: LargeDocument, file: String) throws {
        let hash = try large.hash()
        noteRepeat(large.id, hash: hash, file: fileIndex(file), line: nil)
        summary.read += 1
        if try store.storedHash(ofDocument: large.id) == hash {
            summary.ingest.documentsUnchanged += 1
            return
        }
        var repairedParts = 0
        var sentences = 0
        let pipeline = self.pipeline, store = self.store, strict = self.strict
        var added = IngestSummary()
        try store.transaction {
            try large.forEachPart { part, date in
                if let problem = part.problem {
                    repairedParts += 1
                    if repairedParts <= 3 { warn("actorgraph: \(problem)") }
                    if strict { throw StrictStop() }
                }
                let document = Document(id: large.id, text: part.text, date: date, notes: part.notes)
                var (piece, linked, _) = pipeline.extract(document, tracing: false)
                piece.part = DocumentPart(index: part.index, byteOffset: part.byteOffset,
                                          sentenceOffset: sentences)
                piece.textHash = hash
                sentences += linked.sentences.count
                added += try store.ingest([piece])
            }
        }
        summary.ingest += added
        if repairedParts > 3 {
            warn("actorgraph: \(large.path): warning: invalid UTF-8 in \(repairedParts - 3) more parts of the document; all replaced")
        }
        if repairedParts > 0 { summary.repaired += 1 }
    }

    /// The index of `file` in `fileNames` (files are read one after another).
    private mutating func fileIndex(_ file: String) -> Int32 {
        if fileNames.last != file { fileNames.append(file) }
        return Int32(fileNames.count - 1)
    }

    /// Warns when one build meets the same document id twice with different texts.
    /// Called as documents are written, in the order they were read.
    private mutating func noteRepeat(_ id: String, hash fullHash: String, file here: Int32, line: Int?) {
        let hash = UInt64(fullHash.prefix(16), radix: 16) ?? 0
        if let earlier = seen[id] {
            if earlier.hash != hash {
                let at = fileNames[Int(here)] + (line.map { ":\($0)" } ?? "")
                warn("actorgraph: \(at): warning: document id \(id) was already read from \(fileNames[Int(earlier.file)]) "
                    + "with a different text; the later text replaces the earlier")
            }
        }
        seen[id] = (hash, here)
    }
}

/// A batch being extracted: written by one worker task, read after `group.wait()`.
final class InFlight: @unchecked Sendable {
    let group = DispatchGroup()
    /// Where each document was read: its file (an index into `fileNames`) and line.
    let origins: [(file: Int32, line: Int?)]
    var result: [Extraction] = []
    init(origins: [(file: Int32, line: Int?)]) { self.origins = origins }
}

/// A one-line progress display on a terminal: how much of the input is read, by bytes (a single
/// JSONL file of a million documents moves it too), how many documents, how fast, how long to go.
final class Progress {
    /// The size of each file, in bytes.
    let sizes: [Int]
    let totalBytes: Int
    let enabled: Bool
    private let started = Date()
    private var last = Date.distantPast
    private var calls = 0
    /// Bytes of the files before the current one.
    private var before = 0
    private var beforeFile = 0

    init(sizes: [Int], enabled: Bool) {
        self.sizes = sizes
        self.totalBytes = sizes.reduce(0, +)
        self.enabled = enabled
    }

    /// `offset` bytes of file `file` (an index into `sizes`) are read, and `documents` documents in all.
    /// Asks the clock once in 64 calls and writes at most five lines a second.
    func update(file: Int, name: String, offset: Int, documents: Int) {
        guard enabled else { return }
        calls += 1
        guard calls & 63 == 0 || offset >= sizes[file] else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.2 else { return }
        last = now
        while beforeFile < file { before += sizes[beforeFile]; beforeFile += 1 }
        let line = Self.line(file: file, files: sizes.count, name: (name as NSString).lastPathComponent,
                             done: before + offset, total: totalBytes, documents: documents,
                             seconds: now.timeIntervalSince(started))
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    /// The line shown: `[1/3] feed.jsonl · 43% · 431,200 documents · 9.8 MB/s · about 2 min left`.
    static func line(file: Int, files: Int, name: String, done: Int, total: Int, documents: Int, seconds: Double) -> String {
        var parts = ["[\(file + 1)/\(files)] \(name)"]
        if total > 0 { parts.append("\(min(100, done * 100 / total))%") }
        parts.append("\(grouped(documents)) document\(documents == 1 ? "" : "s")")
        if seconds >= 1, done > 0 {
            let rate = Double(done) / seconds
            parts.append(String(format: "%.1f MB/s", rate / 1_000_000))
            if total > done, seconds >= 3 {
                let left = Double(total - done) / rate
                parts.append(left < 90 ? "about \(Int(left.rounded())) s left" : "about \(Int((left / 60).rounded())) min left")
            }
        }
        return parts.joined(separator: " · ")
    }

    /// 431200 → "431,200".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    func finish() { if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
}
