import ActorGraphModel
import Foundation

/// Reads documents from files and folders: `.txt` is one document (id = file name without
/// extension; a first line holding only a date `YYYY-MM-DD` gives the date), `.jsonl` is one
/// document per line (`id` and `text` required; `date`, `source`, `title` optional).
struct DocumentReader {
    /// A file's documents, or the problems found (file:line).
    struct FileResult {
        var path: String
        var documents: [Document] = []
        var problems: [Diagnostic] = []
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

    static func read(_ path: String) -> FileResult {
        var r = FileResult(path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            r.problems.append(Diagnostic(.error, "cannot read the file", file: path)); return r
        }
        if path.hasSuffix(".jsonl") {
            var lineNo = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNo += 1
                if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                do {
                    guard let obj = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                        r.problems.append(Diagnostic(.error, "a line must hold one JSON object", file: path, line: lineNo)); continue
                    }
                    guard let id = obj["id"] as? String ?? (obj["id"] as? NSNumber)?.stringValue, !id.isEmpty else {
                        r.problems.append(Diagnostic(.error, "the object has no \"id\"", file: path, line: lineNo)); continue
                    }
                    guard let text = obj["text"] as? String else {
                        r.problems.append(Diagnostic(.error, "the object has no \"text\" string", file: path, line: lineNo)); continue
                    }
                    var date = obj["date"] as? String
                    if let d = date, !isDate(d) { date = String(d.prefix(10)); if !isDate(date!) { date = nil } }
                    r.documents.append(Document(id: id, text: text, date: date, source: obj["source"] as? String, title: obj["title"] as? String))
                } catch {
                    r.problems.append(Diagnostic(.error, "not valid JSON (\(error.localizedDescription))", file: path, line: lineNo))
                }
            }
            return r
        }
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let text = String(decoding: data, as: UTF8.self)
        var date: String? = nil
        var body = text
        if let nl = text.firstIndex(of: "\n") {
            let first = text[..<nl].trimmingCharacters(in: .whitespaces)
            if isDate(first) { date = first; body = String(text[text.index(after: nl)...]) }
        }
        r.documents.append(Document(id: id, text: body, date: date))
        return r
    }

    static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        return u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
    }
}
