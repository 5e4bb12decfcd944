import Foundation
import Testing
@testable import ActorGraphCLI

/// The byte scanner must read every line it accepts exactly as JSONSerialization does, and hand
/// every other line back (nil) so that JSONSerialization and its error messages decide.
@Suite struct FlatJSONTests {
    func flat(_ line: String) -> (strings: [String: String], others: Set<String>)? {
        var copy = line
        return copy.withUTF8 { FlatJSON.parse($0) }
    }

    /// The string values JSONSerialization reads from a flat object (nil when it is not one).
    func reference(_ line: String) -> [String: String]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        var out: [String: String] = [:]
        for (k, v) in object { if let s = v as? String { out[k] = s } }
        return out
    }

    @Test(arguments: [
        #"{"id": "a1", "date": "2019-03-02", "text": "قصفت طائرات مواقع في ريف المدينة."}"#,
        #"  {"id":"x","text":"سطر\nثان\t\"مقتبس\" \\ \/ \b\f\r"}  "#,
        #"{"id": "u", "text": "\u0627\u0644\u062c\u064a\u0634 \ud83d\ude00 \u00e9 \u0000 end"}"#,
        #"{"id": "n", "text": "t", "views": 12, "score": -0.5e+3, "ok": true, "bad": false, "none": null, "date": null}"#,
        #"{"id": "e", "text": ""}"#,
        #"{}"#,
        #"{"id": "k", "te\u0078t": "escaped key"}"#,
        #"{"id": "z", "text": "t", "n": 0, "m": -0, "f": 1.25, "g": 1E9}"#,
    ])
    func readsWhatJSONSerializationReads(line: String) throws {
        let parsed = try #require(flat(line))
        #expect(parsed.strings == reference(line))
    }

    /// The eight-byte test finds a quote, a backslash or a control byte wherever it is, and nothing else.
    @Test func eightByteTestAgreesWithBytes() {
        var rng = SystemRandomNumberGenerator()
        let interesting: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xD8, 0xDC, 0xFF]
        for _ in 0..<20_000 {
            var bytes = (0..<8).map { _ in Bool.random(using: &rng) ? interesting.randomElement(using: &rng)! : UInt8.random(in: 0x20...0xFF, using: &rng) }
            if Bool.random(using: &rng) { bytes = bytes.map { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 ? 0x41 : $0 } }
            let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect(FlatJSON.hasSpecialByte(word) == bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C })
        }
        // A long plain value with the quote at every place after the first eight bytes.
        for at in 0..<24 {
            let value = String(repeating: "ق", count: 12) + String(repeating: "a", count: at)
            let line = #"{"id": "a", "text": ""# + value + #"", "n": 1}"#
            #expect(flat(line)?.strings["text"] == value)
        }
    }

    /// Validating, invalid UTF-8 in a key or a value hands the line back; otherwise it is replaced.
    @Test func invalidUTF8IsHandedBackWhenValidating() {
        let before = Array(#"{"id": "a", "text": "قصف "#.utf8), after = Array(#" ثم", "x": 1}"#.utf8)
        for bad: [UInt8] in [[0xFF], [0xD8], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80]] {
            let line = before + bad + after
            let checked = line.withUnsafeBufferPointer { FlatJSON.parse($0, validating: true) }
            #expect(checked == nil)
            let repaired = line.withUnsafeBufferPointer { FlatJSON.parse($0) }
            #expect(repaired?.strings["text"]?.contains("\u{FFFD}") == true)
        }
        let badKey = Array(#"{"id": "a", "t"#.utf8) + [0xFF] + Array(#"": "x"}"#.utf8)
        #expect(badKey.withUnsafeBufferPointer { FlatJSON.parse($0, validating: true) } == nil)
        // Valid text reads the same either way.
        let good = Array(#"{"id": "a", "text": "قصف \u0645 ثم"}"#.utf8)
        #expect(good.withUnsafeBufferPointer { FlatJSON.parse($0, validating: true) }?.strings
                == good.withUnsafeBufferPointer { FlatJSON.parse($0) }?.strings)
    }

    @Test(arguments: [
        #"{"id": "a", "nested": {"b": 1}}"#,          // nested object: the full parser's job
        #"{"id": "a", "list": [1, 2]}"#,
        #"{"id": "a", "id": "b"}"#,                    // duplicate key
        #"{"id": "a", "text": "\ud83d"}"#,             // lone high surrogate
        #"{"id": "a", "text": "\ude00"}"#,             // lone low surrogate
        "{\"id\": \"a\", \"text\": \"tab\tinside\"}",    // raw control character
        #"{"id": "a", "text": "x"} trailing"#,
        #"{"id": "a", "text": "x",}"#,
        #"{"id": "a" "text": "x"}"#,
        #"{"id": 01}"#,
        #"{"id": 1.}"#,
        #"{"id": tru}"#,
        #"["id"]"#,
        #"{"id": "a", "text": "\x"}"#,
        #"{"id": "a", "text": "\u12"}"#,
        #"{"id": "unterminated}"#,
        "",
    ])
    func handsBackWhatItDoesNotRead(line: String) {
        #expect(flat(line) == nil)
    }

    /// Numbers and literals are seen (so an id that is a number goes to the full parser) but not kept.
    @Test func listsKeysOfOtherValues() throws {
        let parsed = try #require(flat(#"{"id": 7, "text": "t", "flag": true}"#))
        #expect(parsed.others == ["id", "flag"])
        #expect(parsed.strings == ["text": "t"])
    }

    /// A JSONL corpus read through the scanner gives the documents JSONSerialization gives, and a
    /// numeric id still becomes its string (through the full parser).
    @Test func documentReaderKeepsItsResults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flatjson-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("c.jsonl")
        let lines = [
            #"{"id": "d1", "date": "2020-01-05T10:00:00Z", "source": "وكالة", "title": "عنوان", "text": "هاجم التنظيم مواقع الجيش."}"#,
            #"{"id": 42, "text": "نص \"مقتبس\""}"#,
            #"{"id": "d3", "text": "   "}"#,
            #"{"id": "d4", "text": 5}"#,
            #"{"text": "no id"}"#,
            #"{"id": "d6", "text": "x", "meta": {"a": 1}}"#,
        ]
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        var documents: [(String, String, String?, String?, String?)] = []
        var problems: [String] = []
        try DocumentReader.read(file.path) { event in
            switch event {
            case .document(let d, _): documents.append((d.id, d.text, d.date, d.source, d.title))
            case .problem(let p, _): problems.append(p.message)
            default: break
            }
        }
        #expect(documents.map(\.0) == ["d1", "42", "d6"])
        #expect(documents[0].1 == "هاجم التنظيم مواقع الجيش." && documents[0].2 == "2020-01-05")
        #expect(documents[0].3 == "وكالة" && documents[0].4 == "عنوان")
        #expect(documents[1].1 == "نص \"مقتبس\"")
        #expect(problems.count == 3)
        #expect(problems.contains { $0.contains("empty text") })
        #expect(problems.contains { $0.contains("no \"text\" string") })
        #expect(problems.contains { $0.contains("no \"id\"") })
    }
}
