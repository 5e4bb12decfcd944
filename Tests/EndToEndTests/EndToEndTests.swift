import ActorGraphModel
import Foundation
import GraphML
import Testing

/// The package root, three levels above this file.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
let devCorpus = shared.appendingPathComponent("corpus/dev")
let haveShared = FileManager.default.fileExists(atPath: devCorpus.path)

/// The actorgraph executable `swift build` made (debug, or release when newer).
func binary() throws -> String {
    if let env = ProcessInfo.processInfo.environment["ACTORGRAPH_BIN"] { return env }
    let candidates = [".build/debug/actorgraph", ".build/release/actorgraph"].map { root.appendingPathComponent($0).path }
    let existing = candidates.filter { FileManager.default.isExecutableFile(atPath: $0) }
    let newest = existing.max { a, b in
        let da = ((try? FileManager.default.attributesOfItem(atPath: a))?[.modificationDate] as? Date) ?? .distantPast
        let db = ((try? FileManager.default.attributesOfItem(atPath: b))?[.modificationDate] as? Date) ?? .distantPast
        return da < db
    }
    guard let b = newest else {
        Issue.record("no actorgraph executable: run `swift build` before `swift test` (the README's test command does)")
        throw CancellationError()
    }
    return b
}

@discardableResult
func run(_ exe: String, _ args: [String], expect: Int32? = 0) throws -> (out: String, err: String, status: Int32) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let r = (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self), p.terminationStatus)
    if let expect { #expect(r.2 == expect, "\(exe) \(args.joined(separator: " ")) exited \(r.2): \(r.1.prefix(600))") }
    return r
}

func tool(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let p = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

func tempDir() throws -> URL {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("actorgraph-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
    return d
}

@Suite("End to end on the development corpus", .serialized, .enabled(if: haveShared, "../shared/corpus/dev is absent"))
struct DevCorpusTests {
    @Test("build, export, validate against the GraphML schema, read back with libxml2 and NetworkX")
    func buildExportValidate() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("g.sqlite").path
        let out = dir.appendingPathComponent("g.graphml").path
        try run(exe, ["build", devCorpus.path, "--store", store, "--quiet"])
        // Building again changes nothing.
        try run(exe, ["export", "--store", store, "--output", out])
        let first = try String(contentsOfFile: out, encoding: .utf8)
        try run(exe, ["build", devCorpus.path, "--store", store, "--quiet"])
        try run(exe, ["export", "--store", store, "--output", out])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == first, "a second build of the same documents changed the graph")

        // libxml2 reads it back.
        let (nodes, edges) = try GraphMLReader(path: out).readAll()
        #expect(nodes.contains { $0.id.rawValue == "ISIS" && $0.kind == .armedGroup })
        #expect(edges.contains { $0.source.rawValue == "ISIS" && $0.relation == .attacked && $0.target.rawValue == "SYRIAN_GOVERNMENT" && $0.weight >= 2 })
        #expect(edges.allSatisfy { e in nodes.contains { $0.id == e.source } && nodes.contains { $0.id == e.target } })
        #expect(edges.filter { $0.relation == .controls }.allSatisfy { e in nodes.first { $0.id == e.target }?.kind == .location })

        // The schema.
        if let xmllint = tool("xmllint") {
            let xsd = shared.appendingPathComponent("graphml-xsd/local/graphml.xsd").path
            try run(xmllint, ["--nonet", "--noout", "--schema", xsd, out])
        } else {
            Issue.record("xmllint is not installed (apt-get install libxml2-utils)")
        }

        // NetworkX reads the same counts and integer weights.
        if let py = tool("python3") {
            let script = """
            import sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            assert all(isinstance(d["weight"], int) for _, _, d in g.edges(data=True)), "weight not int"
            print(g.number_of_nodes(), g.number_of_edges())
            """
            let r = try run(py, ["-c", script, out])
            #expect(r.out.trimmingCharacters(in: .whitespacesAndNewlines) == "\(nodes.count) \(edges.count)")
        }
    }

    /// The evaluation script of ../shared, with floors on its figures.
    @Test("score.py: edges F1 and actors F1 stay above their floors")
    func scoreFloors() throws {
        let exe = try binary()
        guard let py = tool("python3") else { Issue.record("python3 is missing"); return }
        let r = try run(py, [shared.appendingPathComponent("eval/score.py").path, "--cli", exe,
                             "--corpus", devCorpus.path, "--gold", shared.appendingPathComponent("eval/dev").path, "--json"])
        let json = r.out.split(separator: "\n").first { $0.hasPrefix("{") }.map(String.init) ?? "{}"
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        let edges = (obj["edges"] as? [String: Any])?["f1"] as? Double ?? 0
        let edgesP = (obj["edges"] as? [String: Any])?["p"] as? Double ?? 0
        let actors = (obj["actors"] as? [String: Any])?["f1"] as? Double ?? 0
        print(r.out.split(separator: "\n").last ?? "")
        #expect(edges >= 0.90, "edges F1 \(edges)")
        #expect(edgesP >= 0.90, "edges precision \(edgesP)")
        #expect(actors >= 0.97, "actors F1 \(actors)")
    }
}

@Suite("Command line", .serialized)
struct CommandLineTests {
    @Test("the sample corpus builds and answers allies / adversaries in Arabic and English")
    func sampleCorpus() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        try run(exe, ["build", root.appendingPathComponent("Corpus/sample").path, "--store", store, "--quiet"])
        let ar = try run(exe, ["adversaries", "داعش", "--store", store, "--format", "json"])
        let en = try run(exe, ["adversaries", "ISIS", "--store", store, "--format", "json"])
        #expect(ar.out == en.out)
        let arr = try JSONSerialization.jsonObject(with: Data(en.out.utf8)) as? [[String: Any]] ?? []
        #expect(!arr.isEmpty)
        for o in arr { for k in ["id", "label", "relation", "weight", "documents"] { #expect(o[k] != nil, "missing \(k)") } }
        try run(exe, ["allies", "قوات سوريا الديمقراطية", "--store", store])
        try run(exe, ["actors", "--store", store])
    }

    @Test("an unknown actor is exit 1 with suggestions; bad usage is exit 2")
    func errors() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let doc = dir.appendingPathComponent("d.txt")
        try "هاجم تنظيم الدولة مواقع قوات النظام في ريف حمص الشرقي.".write(to: doc, atomically: true, encoding: .utf8)
        try run(exe, ["build", doc.path, "--store", store, "--quiet"])
        let r = try run(exe, ["allies", "داعس", "--store", store], expect: 1)
        #expect(r.err.contains("داعش") || r.err.contains("ISIS"), "no suggestion in: \(r.err)")
        try run(exe, ["allies", "--store", store], expect: 2)
        try run(exe, ["no-such-command"], expect: 2)
        try run(exe, ["build", "--no-such-flag", doc.path, "--store", store], expect: 2)
        try run(exe, ["build", dir.appendingPathComponent("missing").path, "--store", store], expect: 1)
        let broken = dir.appendingPathComponent("b.jsonl")
        try "{\"id\": \"a\", \"text\": \"قصفت القوات التركية مواقع لوحدات حماية الشعب.\"}\n{not json\n".write(to: broken, atomically: true, encoding: .utf8)
        let b = try run(exe, ["build", broken.path, "--store", store, "--quiet"], expect: 1)
        #expect(b.err.contains("b.jsonl:2"), "no file:line in: \(b.err)")
        let adv = try run(exe, ["adversaries", "YPG", "--store", store, "--format", "json"])
        #expect(adv.out.contains("TURKEY"), "the good line was not ingested")
    }

    @Test("check passes a healthy store and names what is wrong in a damaged one")
    func check() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let doc = dir.appendingPathComponent("d.txt")
        try "قصفت القوات التركية مواقع لوحدات حماية الشعب قرب عفرين.".write(to: doc, atomically: true, encoding: .utf8)
        try run(exe, ["build", doc.path, "--store", store, "--quiet"])
        let ok = try run(exe, ["check", "--store", store])
        #expect(ok.out.hasPrefix("ok:"))
        guard let sqlite = tool("sqlite3") else { Issue.record("sqlite3 is not installed (apt-get install sqlite3)"); return }
        try run(sqlite, [store, "PRAGMA foreign_keys=OFF; DELETE FROM edges;"])
        let bad = try run(exe, ["check", "--store", store], expect: 1)
        #expect(!bad.err.isEmpty)
    }

    @Test("explain shows the evidence sentence")
    func explain() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let doc = dir.appendingPathComponent("d.txt")
        try "2016-03-02\nشنت هيئة تحرير الشام هجوما على مواقع قوات النظام في ريف حماة.".write(to: doc, atomically: true, encoding: .utf8)
        try run(exe, ["build", doc.path, "--store", store, "--quiet"])
        let r = try run(exe, ["explain", "HTS", "النظام", "--store", store])
        #expect(r.out.contains("HTS attacked SYRIAN_GOVERNMENT"))
        #expect(r.out.contains("ريف حماة"))
        #expect(r.out.contains("2016-03-02"))
    }
}
