import Foundation
import Testing
@testable import ActorGraphCLI

/// A build's progress moves with the bytes read, inside a large JSONL file too, and its line says
/// how far, how many documents, how fast and how long to go.
@Suite struct ProgressTests {
    @Test func lineSaysHowFarHowFastAndHowLong() {
        #expect(Progress.line(file: 0, files: 3, name: "feed.jsonl", done: 430_000_000, total: 1_000_000_000,
                              documents: 431_200, seconds: 43)
            == "[1/3] feed.jsonl · 43% · 431,200 documents · 10.0 MB/s · about 57 s left")
        // Minutes once the rest takes more than 90 seconds; no rate in the first second.
        #expect(Progress.line(file: 1, files: 2, name: "a.txt", done: 100_000_000, total: 1_000_000_000,
                              documents: 1, seconds: 20)
            == "[2/2] a.txt · 10% · 1 document · 5.0 MB/s · about 3 min left")
        #expect(Progress.line(file: 0, files: 1, name: "a.txt", done: 10, total: 100, documents: 0, seconds: 0.5)
            == "[1/1] a.txt · 10% · 0 documents")
        // Done: no time left shown; empty files: no percentage.
        #expect(Progress.line(file: 0, files: 1, name: "x", done: 100, total: 100, documents: 2, seconds: 4)
            == "[1/1] x · 100% · 2 documents · 0.0 MB/s")
        #expect(Progress.line(file: 0, files: 1, name: "x", done: 0, total: 0, documents: 0, seconds: 4)
            == "[1/1] x · 0 documents")
        #expect(Progress.grouped(0) == "0" && Progress.grouped(999) == "999" && Progress.grouped(1000) == "1,000"
            && Progress.grouped(1_234_567) == "1,234,567")
    }

    /// The reader tells its position after each line of a JSONL file (blank and bad lines too),
    /// rising to the file's size; a text file, once, at its end.
    @Test func readerTellsItsPosition() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let jsonl = folder.appendingPathComponent("feed.jsonl")
        let lines = [#"{"id": "a", "text": "هاجم التنظيم مواقع الجيش."}"#, "", "not json",
                     #"{"id": "b", "text": "قصفت الطائرات البلدة."}"#]
        try lines.joined(separator: "\n").write(to: jsonl, atomically: true, encoding: .utf8)
        let size = DocumentReader.fileSize(jsonl.path)
        #expect(size == lines.joined(separator: "\n").utf8.count)
        var positions: [Int] = []
        var documents = 0
        try DocumentReader.read(jsonl.path, position: { positions.append($0) }) { event in
            if case .document = event { documents += 1 }
        }
        #expect(documents == 2)
        #expect(positions.count >= 4)
        #expect(positions == positions.sorted())
        #expect(positions.first! > 0 && positions.last == size)
        let text = folder.appendingPathComponent("one.txt")
        try "قصفت الطائرات البلدة.".write(to: text, atomically: true, encoding: .utf8)
        positions = []
        try DocumentReader.read(text.path, position: { positions.append($0) }) { _ in }
        #expect(positions == [DocumentReader.fileSize(text.path)])
        #expect(DocumentReader.fileSize(folder.appendingPathComponent("missing").path) == 0)
    }
}
