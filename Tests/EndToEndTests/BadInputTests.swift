import Foundation
import Testing

/// Writes raw bytes to a file in `dir`.
@discardableResult
func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> URL {
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

@discardableResult
func write(_ text: String, _ name: String, in dir: URL) throws -> URL {
    try write(Array(text.utf8), name, in: dir)
}

/// The rows of a query on a store, through the sqlite3 shell.
func query(_ store: String, _ sql: String) throws -> String? {
    guard let sqlite = tool("sqlite3") else { Issue.record("sqlite3 is not installed (apt-get install sqlite3)"); return nil }
    return try run(sqlite, [store, sql]).out.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Our own test sentences.
enum Texts {
    static let attack = "قصفت الطائرات الروسية مواقع تنظيم الدولة في ريف حمص الشرقي."
    static let advance = "هاجمت قوات سوريا الديمقراطية مواقع لتنظيم الدولة قرب بلدة هجين."
    static let turkey = "قصفت المدفعية التركية مواقع لوحدات حماية الشعب قرب عفرين."
}

@Suite("Bad input: reported, repaired or skipped, never fatal", .serialized)
struct BadInputTests {
    @Test("invalid UTF-8 is reported with its byte offset, replaced, and the document read and marked")
    func invalidUTF8() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let head = Array("2016-04-01\n".utf8) + Array(Texts.attack.utf8)
        let bytes = head + [0x20, 0xC3, 0x28, 0x20] + Array(Texts.advance.utf8)
        try write(bytes, "broken.txt", in: dir)
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try run(exe, ["build", dir.path, "--store", store], expect: 0)
        #expect(r.err.contains("broken.txt"))
        #expect(r.err.contains("file byte \(head.count + 1)"), "\(r.err)")
        #expect(r.err.contains("1 repaired"))
        #expect(try query(store, "SELECT notes FROM documents WHERE id = 'broken'")?.contains("invalid UTF-8") == true)
        // Both sentences, on either side of the bad byte, were read.
        let adversaries = try run(exe, ["adversaries", "ISIS", "--store", store])
        #expect(adversaries.out.contains("RUSSIA") && adversaries.out.contains("SDF"))
    }

    @Test("binary, UTF-16 and empty files are skipped with a warning; the rest is built; exit 1")
    func skippedFiles() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00], "program.txt", in: dir)
        try write([0xFF, 0xFE] + Array("a".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "wide.txt", in: dir)
        try write("", "empty.txt", in: dir)
        try write("2016-01-01\n  \n", "dateonly.txt", in: dir)
        try write(Texts.turkey, "good.txt", in: dir)
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try run(exe, ["build", dir.path, "--store", store], expect: 1)
        #expect(r.err.contains("program.txt") && r.err.contains("binary"))
        #expect(r.err.contains("wide.txt") && r.err.contains("UTF-16"))
        #expect(r.err.contains("empty.txt") && r.err.contains("empty"))
        #expect(r.err.contains("read 1 document from 5 files"), "\(r.err)")
        #expect(r.err.contains("4 skipped, 0 failed"))
        #expect(try query(store, "SELECT id FROM documents") == "good")
    }

    @Test("a JSONL line over the limit is skipped without being held; its neighbours are read")
    func overlongJSONLine() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = "{\"id\": \"long\", \"text\": \"" + String(repeating: "كلمة ", count: 4000) + "\"}"
        let lines = [
            "{\"id\": \"a\", \"text\": \"\(Texts.attack)\"}", long, "{\"id\": \"b\", \"text\": \"\(Texts.turkey)\"}",
        ]
        try write(lines.joined(separator: "\n") + "\n", "feed.jsonl", in: dir)
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try run(exe, ["build", dir.path, "--store", store, "--max-line-bytes", "10000"], expect: 1)
        #expect(r.err.contains("feed.jsonl:2:"), "\(r.err)")
        #expect(try query(store, "SELECT group_concat(id, ' ') FROM (SELECT id FROM documents ORDER BY id)") == "a b")
    }

    @Test("a large text read in parts gives the graph the whole text gives")
    func largeDocumentInParts() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One line of 300 sentences, no line break anywhere.
        var sentences: [String] = []
        for i in 0..<100 {
            sentences.append(Texts.attack)
            sentences.append(i % 2 == 0 ? Texts.advance : Texts.turkey)
            sentences.append("وقال مصدر محلي إن الاشتباكات استمرت حتى ساعات الليل دون أن تتغير خطوط التماس في المنطقة.")
        }
        let text = sentences.joined(separator: " ")
        try write("2017-02-02\n" + text, "long.txt", in: dir)
        let whole = dir.appendingPathComponent("whole.sqlite").path
        let parts = dir.appendingPathComponent("parts.sqlite").path
        try run(exe, ["build", dir.appendingPathComponent("long.txt").path, "--store", whole, "--quiet"])
        try run(exe, ["build", dir.appendingPathComponent("long.txt").path, "--store", parts, "--quiet",
                      "--large-document-bytes", "8192", "--part-bytes", "4096"])
        let sql = "SELECT e.source, e.relation, e.target, count(*), min(v.date) FROM edges e JOIN evidence v ON v.edge_id = e.id GROUP BY e.id ORDER BY 1, 2, 3"
        let a = try query(whole, sql), b = try query(parts, sql)
        #expect(a != nil && a == b)
        #expect(a?.contains("2017-02-02") == true)
        let hashes = "SELECT hash FROM documents"
        #expect(try query(whole, hashes) == query(parts, hashes))
        // The parts' mentions add up to one row per (node, surface), as the whole text's do.
        let mentions = "SELECT group_concat(node_id || ' ' || surface || ' ' || count, '; ') FROM (SELECT * FROM mentions ORDER BY node_id, surface)"
        let m = try query(whole, mentions)
        let n = try query(parts, mentions)
        #expect(m != nil && m == n)
        #expect(m?.contains("ISIS") == true)
        // Building it again in parts changes nothing.
        let again = try run(exe, ["build", dir.appendingPathComponent("long.txt").path, "--store", parts,
                                  "--large-document-bytes", "8192", "--part-bytes", "4096"])
        #expect(again.err.contains("1 unchanged"))
    }

    @Test("HTML leftovers and bidi controls do not change what is found")
    func markupAndBidi() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(Texts.attack + "\n" + Texts.advance, "clean.txt", in: dir)
        let dirty = "<html><body><p class=\"lead\">" + Texts.attack.replacingOccurrences(of: " ", with: "&nbsp;")
            + "</p><script>var s = \"\(Texts.turkey)\";</script><p>\u{200F}"
            + Texts.advance.replacingOccurrences(of: "سوريا", with: "سو\u{2067}ريا\u{2069}") + "\u{200E}</p></body></html>"
        let dirtyDir = dir.appendingPathComponent("d")
        try FileManager.default.createDirectory(at: dirtyDir, withIntermediateDirectories: true)
        try write(dirty, "clean.txt", in: dirtyDir)
        let a = dir.appendingPathComponent("a.sqlite").path, b = dir.appendingPathComponent("b.sqlite").path
        try run(exe, ["build", dir.appendingPathComponent("clean.txt").path, "--store", a, "--quiet"])
        try run(exe, ["build", dirtyDir.appendingPathComponent("clean.txt").path, "--store", b, "--quiet"])
        let sql = "SELECT source, relation, target FROM edges ORDER BY 1, 2, 3"
        #expect(try query(a, sql) == query(b, sql))
        #expect(try query(b, sql)?.contains("TURKEY") == false, "text inside <script> was read")
    }

    @Test("the same id with another text: a warning, and the later text is kept")
    func duplicateIDs() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = ["{\"id\": \"x\", \"text\": \"\(Texts.attack)\"}", "{\"id\": \"x\", \"text\": \"\(Texts.turkey)\"}"]
        try write(lines.joined(separator: "\n"), "dup.jsonl", in: dir)
        let store = dir.appendingPathComponent("s.sqlite").path
        let r = try run(exe, ["build", dir.path, "--store", store])
        #expect(r.err.contains("dup.jsonl:2") && r.err.contains("document id x"))
        let edges = try query(store, "SELECT source || '>' || target FROM edges ORDER BY 1")
        #expect(edges == "TURKEY>YPG")

        // Batches of one document: several are extracted at once, and still written in the order read.
        let many = ["{\"id\": \"x\", \"text\": \"\(Texts.attack)\"}", "{\"id\": \"y\", \"text\": \"\(Texts.advance)\"}",
                    "{\"id\": \"x\", \"text\": \"\(Texts.turkey)\"}", "{\"id\": \"y\", \"text\": \"\(Texts.attack)\"}",
                    "{\"id\": \"x\", \"text\": \"\(Texts.advance)\"}"]
        let manyDir = dir.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: manyDir, withIntermediateDirectories: true)
        try write(many.joined(separator: "\n"), "dup.jsonl", in: manyDir)
        let single = dir.appendingPathComponent("one-by-one.sqlite").path
        _ = try run(exe, ["build", manyDir.path, "--store", single, "--batch-size", "1", "--quiet"])
        let kept = try query(single, "SELECT d.id || ':' || e.source || '>' || e.target FROM evidence v JOIN edges e ON e.id = v.edge_id JOIN documents d ON d.id = v.doc_id ORDER BY 1")
        #expect(kept == "x:SDF>ISIS\ny:RUSSIA>ISIS")
    }

    @Test("--strict stops at the first bad document and leaves the store as it was")
    func strict() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let first = dir.appendingPathComponent("first")
        try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
        try write(Texts.attack, "a.txt", in: first)
        try run(exe, ["build", first.path, "--store", store, "--quiet"])
        let before = try query(store, "SELECT count(*) FROM documents") ?? ""
        let second = dir.appendingPathComponent("second")
        try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
        try write(Texts.advance, "b.txt", in: second)
        try write(Array(Texts.turkey.utf8) + [0xFF], "c.txt", in: second)
        try write(Texts.turkey, "d.txt", in: second)
        let r = try run(exe, ["build", second.path, "--store", store, "--strict"], expect: 1)
        #expect(r.err.contains("c.txt") && r.err.contains("--strict"))
        #expect(try query(store, "SELECT count(*) FROM documents") == before)
        #expect(try query(store, "SELECT group_concat(id) FROM documents") == "a")
        // Without --strict the same folder builds, with the damage reported.
        try run(exe, ["build", second.path, "--store", store, "--quiet"])
        #expect(try query(store, "SELECT count(*) FROM documents") == "4")
        // Into an empty store a build writes the mentions before indexing them; stopped by --strict
        // it still leaves the index made, and the store healthy.
        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        _ = try run(exe, ["build", second.path, "--store", fresh, "--strict", "--quiet"], expect: 1)
        #expect(try query(fresh, "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_node'") == "1")
        try run(exe, ["build", second.path, "--store", fresh, "--quiet"])
        #expect(try query(fresh, "SELECT count(*) FROM sqlite_master WHERE name = 'mentions_node'") == "1")
        #expect(try query(fresh, "SELECT count(*) FROM documents") == "3")
        #expect(try query(fresh, "SELECT count(*) FROM mentions WHERE doc_id <> 'a'") == (try query(store, "SELECT count(*) FROM mentions WHERE doc_id <> 'a'")))
        try run(exe, ["check", "--store", fresh])
    }
}

@Suite("Output safety: valid XML whatever the text, and the old file kept on failure", .serialized)
struct OutputSafetyTests {
    @Test("text with < & ]]> quotes and characters XML forbids still exports as valid GraphML")
    func hostileTextExportsValidXML() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = "]]> <b>\"x\" & 'y'</b> \u{1}\u{8}\u{B}\u{FFFE} " + Texts.attack
        try write(hostile, "hostile.txt", in: dir)
        let store = dir.appendingPathComponent("s.sqlite").path
        try run(exe, ["build", dir.appendingPathComponent("hostile.txt").path, "--store", store, "--quiet"])
        let out = dir.appendingPathComponent("g.graphml").path
        try run(exe, ["export", "--store", store, "--output", out])
        let xml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(xml.contains("RUSSIA"))
        #expect(!xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        guard let xmllint = tool("xmllint") else { Issue.record("xmllint is not installed"); return }
        try run(xmllint, ["--nonet", "--noout", out])
    }

    @Test("a full disk or an unwritable folder is a clear error, and the old file stays whole")
    func failedWritesKeepTheOldFile() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        try run(exe, ["build", sampleCorpus.path, "--store", store, "--quiet"])
        let out = dir.appendingPathComponent("g.graphml").path
        try write("old contents\n", "g.graphml", in: dir)
        // A file-size limit of 48 KiB (room for SQLite's 32 KiB shared-memory file, not for the
        // sample graph's GraphML) stands in for a full disk: writes fail with EFBIG.
        let r = try run("/bin/sh", ["-c", "ulimit -f 96; exec \"$0\" export --store \"$1\" --output \"$2\"", exe, store, out], expect: 1)
        #expect(r.err.contains("g.graphml") && r.err.contains("cannot write"), "\(r.err)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old contents\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("g.graphml") }
        #expect(leftovers == ["g.graphml"], "a temporary file was left behind: \(leftovers)")
        // An output folder that does not exist.
        let missing = try run(exe, ["export", "--store", store, "--output", dir.appendingPathComponent("no/such/g.graphml").path], expect: 1)
        #expect(missing.err.contains("no/such"))
    }
}
