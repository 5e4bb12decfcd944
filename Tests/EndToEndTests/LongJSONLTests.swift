import Foundation
import Testing

@Suite("A JSONL file of several megabytes")
struct LongJSONLTests {
    /// Lines across the reader's 1 MiB refills: once its buffer was compacted mid-search, a line was cut
    /// ("not valid JSON") and the reader then crashed.
    @Test func everyLineIsReadAcrossBufferRefills() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("many.jsonl")
        let filler = String(repeating: "وقال مصدر محلي إن الاشتباكات استمرت حتى المساء في المنطقة. ", count: 40)
        var lines: [String] = []
        for i in 0..<900 { lines.append("{\"id\": \"d\(i)\", \"text\": \"\(filler)\"}") }
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int ?? 0 > 3 << 20)
        let r = try run(exe, ["build", file.path, "--store", dir.appendingPathComponent("g.sqlite").path])
        #expect(r.err.contains("read 900 documents"))
    }
}
