import ActorGraphModel
import ArabicText
import Foundation
import GraphStore

/// Reads documents from files and folders in bounded memory: `.txt` is one document (id = file
/// name without extension; a first line holding only a date `YYYY-MM-DD` gives the date), `.jsonl`
/// is one document per line (`id` and `text` required; `date`, `source`, `title` optional).
///
/// What is wrong with the input is reported, never fatal: invalid UTF-8 is replaced with U+FFFD
/// and the document marked (`Document.notes`); binary and empty files, malformed JSONL lines and
/// lines over `maxLineBytes` are skipped with a message naming the file, line and byte.
struct DocumentReader {
    /// How much of a document is held at once.
    struct Limits {
        /// A `.txt` file larger than this is read and extracted in parts of `partBytes`.
        var largeDocumentBytes = 8 << 20
        var partBytes = 1 << 20
        /// The longest JSONL line read; a longer one is skipped without being held in memory.
        var maxLineBytes = 64 << 20
    }

    /// What reading a file yields, in file order.
    enum Event {
        /// A whole document. Its `notes` say what was repaired, if anything.
        case document(Document, line: Int?)
        /// A `.txt` document too large to hold at once: extract it part by part.
        case large(LargeDocument)
        /// A problem. `skipped`: the document (or line, or file) was not read at all; otherwise it was
        /// read with the damage repaired.
        case problem(Diagnostic, skipped: Bool)
    }

    /// Every readable document file under the given paths, sorted, recursing into folders.
    static func files(under paths: [String]) throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                throw InputError("no such file or folder", file: p)
            }
            if isDir.boolValue {
                guard let e = fm.enumerator(atPath: p) else { throw InputError("cannot read the folder", file: p) }
                var found: [String] = []
                for case let rel as String in e {
                    let full = (p as NSString).appendingPathComponent(rel)
                    if rel.hasSuffix(".txt") || rel.hasSuffix(".jsonl") {
                        if (rel as NSString).lastPathComponent.hasPrefix(".") { continue }
                        found.append(full)
                    }
                }
                out += found.sorted()
            } else {
                out.append(p)
            }
        }
        return out
    }

    /// Reads one file, handing each event to `handle` as soon as it is read. `position` hears how
    /// many bytes of the file are read: after each line of a .jsonl file, and at the end of any file.
    static func read(_ path: String, limits: Limits = Limits(), position: (Int) -> Void = { _ in },
                     _ handle: (Event) throws -> Void) throws {
        let file: ChunkedFile
        do { file = try ChunkedFile(path: path) } catch let e as InputError {
            try handle(.problem(Diagnostic(.error, e.message + "; skipped", file: path), skipped: true)); return
        }
        let head: ArraySlice<UInt8>
        do { head = try file.peek(8192) } catch let e as InputError {
            try handle(.problem(Diagnostic(.error, e.message + "; skipped", file: path), skipped: true)); return
        }
        if let reason = binaryReason(head) {
            try handle(.problem(Diagnostic(.warning, reason + "; skipped", file: path), skipped: true)); return
        }
        if path.hasSuffix(".jsonl") {
            try readJSONL(file, limits: limits, position: position, handle)
        } else {
            try readText(file, limits: limits, handle)
        }
        position(file.size ?? file.offset)
    }

    /// A file's size in bytes (0 when it cannot be read: reading it reports why).
    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Every event of a file, collected (for small inputs such as `extract`'s).
    static func readAll(_ path: String) throws -> [Event] {
        var events: [Event] = []
        try read(path) { events.append($0) }
        return events
    }

    /// Why the first bytes of a file show it is not text, or nil.
    static func binaryReason(_ head: ArraySlice<UInt8>) -> String? {
        let bytes = Array(head)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return "the file is UTF-16, not UTF-8 (convert it, e.g. `iconv -f UTF-16 -t UTF-8`)"
        }
        if bytes.contains(0) {
            return "the file is binary (it holds NUL bytes), not text"
        }
        return nil
    }

    // MARK: - .txt

    private static func readText(_ file: ChunkedFile, limits: Limits, _ handle: (Event) throws -> Void) throws {
        let path = file.path
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if let size = file.size, size > limits.largeDocumentBytes {
            try handle(.large(LargeDocument(path: path, id: id, partBytes: limits.partBytes)))
            return
        }
        // Small enough to hold: read it whole.
        let bytes = try file.readRest()
        var (text, notes, problem) = decode(bytes, fileOffset: 0, path: path)
        let date: String?
        (date, text) = splitDateLine(text)
        if isBlank(text.utf8) {
            try handle(.problem(Diagnostic(.warning, "the file is empty; skipped", file: path), skipped: true)); return
        }
        if let problem { try handle(.problem(problem, skipped: false)) }
        try handle(.document(Document(id: id, text: text, date: date, notes: notes), line: nil))
    }

    /// A leading line holding only a date becomes the document's date.
    static func splitDateLine(_ text: String) -> (date: String?, body: String) {
        var first = text.utf8.prefix(40)
        if let nl = first.firstIndex(of: 0x0A) { first = first[..<nl] } else if text.utf8.count > 40 { return (nil, text) }
        let line = String(decoding: first, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\u{FEFF}", with: "")
        guard isDate(line) else { return (nil, text) }
        let rest = text.utf8.dropFirst(first.count + 1)
        return (line, String(decoding: rest, as: UTF8.self))
    }

    /// UTF-8 bytes as text, with ill-formed sequences replaced by U+FFFD and reported.
    static func decode(_ bytes: [UInt8], fileOffset: Int, path: String, line: Int? = nil) -> (String, notes: String?, Diagnostic?) {
        let (count, offsets) = bytes.withUnsafeBufferPointer { UTF8Validation.invalidSequences($0, limit: 3) }
        let text = String(decoding: bytes, as: UTF8.self)
        guard count > 0 else { return (text, nil, nil) }
        let at = offsets.map { "\($0 + fileOffset)" }.joined(separator: ", ") + (count > offsets.count ? ", …" : "")
        let note = "invalid UTF-8: \(count) sequence\(count == 1 ? "" : "s") replaced with U+FFFD (file byte \(at))"
        return (text, note, Diagnostic(.warning, note + "; the document is read and marked", file: path, line: line))
    }

    // MARK: - .jsonl

    private static func readJSONL(_ file: ChunkedFile, limits: Limits, position: (Int) -> Void,
                                  _ handle: (Event) throws -> Void) throws {
        let maxLineBytes = limits.maxLineBytes
        let path = file.path
        var lineNo = 0
        while true {
            let lineStart = file.offset
            guard let line = try file.nextLine(limit: maxLineBytes) else { break }
            lineNo += 1
            switch line {
            case .tooLong(let n):
                try handle(.problem(Diagnostic(.error, "the line holds \(n) bytes, more than the \(maxLineBytes >> 20) MiB a JSONL document may have; skipped (put a text this long in a .txt file of its own, which is read in parts)", file: path, line: lineNo), skipped: true))
            case .line(let bytes):
                if isBlank(bytes) { continue }
                try parseJSONLine(bytes, path: path, lineNo: lineNo, fileOffset: lineStart, handle)
            }
            position(file.offset)
        }
    }

    private static func parseJSONLine(_ raw: [UInt8], path: String, lineNo: Int, fileOffset: Int,
                                      _ handle: (Event) throws -> Void) throws {
        var bytes = raw
        if lineNo == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The common line, valid UTF-8 and flat, is read straight from its bytes: its values are
        // checked as they are made into strings, and only a line failing that is repaired first.
        /// Emits a flat object whose id is a string; false for any other line.
        func emitFlat(_ flat: (strings: [String: String], others: Set<String>)?, notes: String?, problem: Diagnostic?) throws -> Bool {
            guard let flat, !flat.others.contains("id"), let id = flat.strings["id"] else { return false }
            try emit(id: id, body: flat.strings["text"], date: flat.strings["date"], source: flat.strings["source"],
                     title: flat.strings["title"], notes: notes, problem: problem, path: path, lineNo: lineNo, handle)
            return true
        }
        if try emitFlat(bytes.withUnsafeBufferPointer { FlatJSON.parse($0, validating: true) }, notes: nil, problem: nil) { return }
        var (text, notes, problem) = decode(bytes, fileOffset: fileOffset, path: path, line: lineNo)
        // The flat object with invalid UTF-8 is read by the byte scanner once repaired; anything else by JSONSerialization.
        if try emitFlat(text.withUTF8 { FlatJSON.parse($0) }, notes: notes, problem: problem) { return }
        let obj: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
                try handle(.problem(Diagnostic(.error, "a line must hold one JSON object; skipped", file: path, line: lineNo), skipped: true)); return
            }
            obj = o
        } catch {
            let reason = (error as NSError).userInfo["NSDebugDescription"] as? String ?? error.localizedDescription
            try handle(.problem(Diagnostic(.error, "not valid JSON (\(reason)); skipped", file: path, line: lineNo), skipped: true)); return
        }
        try emit(id: obj["id"] as? String ?? (obj["id"] as? NSNumber)?.stringValue, body: obj["text"] as? String,
                 date: obj["date"] as? String, source: obj["source"] as? String, title: obj["title"] as? String,
                 notes: notes, problem: problem, path: path, lineNo: lineNo, handle)
    }

    /// Checks a parsed line's fields and hands on the document, or the reason it is skipped.
    private static func emit(id: String?, body: String?, date: String?, source: String?, title: String?, notes: String?,
                             problem: Diagnostic?, path: String, lineNo: Int, _ handle: (Event) throws -> Void) throws {
        guard let id, !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            try handle(.problem(Diagnostic(.error, "the object has no \"id\"; skipped", file: path, line: lineNo), skipped: true)); return
        }
        guard let body else {
            try handle(.problem(Diagnostic(.error, "the object has no \"text\" string; skipped", file: path, line: lineNo), skipped: true)); return
        }
        if isBlank(body.utf8) {
            try handle(.problem(Diagnostic(.warning, "document \(id) has an empty text; skipped", file: path, line: lineNo), skipped: true)); return
        }
        var date = date
        if let d = date, !isDate(d) { date = String(d.prefix(10)); if !isDate(date!) { date = nil } }
        if let problem { try handle(.problem(problem, skipped: false)) }
        try handle(.document(Document(id: id, text: body, date: date, source: source, title: title, notes: notes), line: lineNo))
    }

    /// Only spaces, tabs and line breaks.
    static func isBlank<Bytes: Sequence>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        return u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
    }
}

/// A `.txt` document read in parts: once to hash it, once to extract it.
struct LargeDocument {
    let path: String
    let id: String
    let partBytes: Int

    /// One part: its text (repaired), where it starts in the document, and what was repaired.
    struct Part {
        var index: Int
        var text: String
        var byteOffset: Int
        var notes: String?
        var problem: Diagnostic?
    }

    /// Calls `body` for each part in order; the date line, if any, is taken off the first part and
    /// returned through `date`.
    func forEachPart(_ body: (Part, _ date: String?) throws -> Void) throws {
        let file = try ChunkedFile(path: path)
        var index = 0
        var documentOffset = 0   // bytes of text handed out so far (after the date line)
        var date: String? = nil
        while true {
            let fileOffset = file.offset
            guard let bytes = try file.nextPart(size: partBytes) else { break }
            var (text, notes, problem) = DocumentReader.decode(bytes, fileOffset: fileOffset, path: path)
            if index == 0 { (date, text) = DocumentReader.splitDateLine(text) }
            let part = Part(index: index, text: text, byteOffset: documentOffset, notes: notes, problem: problem)
            try body(part, date)
            documentOffset += text.utf8.count
            index += 1
        }
    }

    /// The content hash of the whole text, as the store computes it for a small document.
    func hash() throws -> String {
        var hasher = ContentHasher()
        try forEachPart { part, _ in hasher.update(part.text.utf8) }
        return hasher.hex
    }
}
