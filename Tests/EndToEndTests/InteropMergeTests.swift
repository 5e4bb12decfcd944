import ActorGraphModel
import Foundation
import GraphML
import Testing

/// Whether python3 can import a module.
func pythonHas(_ module: String) -> Bool {
    guard let py = tool("python3") else { return false }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: py)
    p.arguments = ["-c", "import \(module)"]
    p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
}

let sampleCorpus = root.appendingPathComponent("Corpus/sample")

/// The `.txt` documents of a corpus folder, sorted.
func documents(in folder: URL) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "txt" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
}

/// Copies documents into a fresh folder under `dir`.
func folder(_ name: String, of docs: [URL], in dir: URL) throws -> String {
    let f = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true)
    for d in docs { try FileManager.default.copyItem(at: d, to: f.appendingPathComponent(d.lastPathComponent)) }
    return f.path
}

@Suite("GraphML read alike by NetworkX and igraph; merge of stores", .serialized)
struct InteropMergeTests {
    static let corpora: [URL] = [sampleCorpus] + (haveShared ? [devCorpus] : [])

    @Test("NetworkX and igraph read the export with the store's counts, integer weights, Arabic labels byte for byte",
          .enabled(if: pythonHas("networkx") && pythonHas("igraph"), "needs python3 with networkx and igraph (scripts/setup.sh)"),
          arguments: corpora)
    func readersAgree(corpus: URL) throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("g.sqlite").path
        let out = dir.appendingPathComponent("g.graphml").path
        try run(exe, ["build", corpus.path, "--store", store, "--quiet"])
        try run(exe, ["export", "--store", store, "--output", out])
        if let xmllint = tool("xmllint") {
            try run(xmllint, ["--nonet", "--noout", "--schema", shared.appendingPathComponent("graphml-xsd/local/graphml.xsd").path, out])
        }
        let (nodes, edges) = try GraphMLReader(path: out).readAll()
        let check = try run(exe, ["check", "--store", store])
        #expect(check.out.contains("\(edges.count) edges"), "store and export disagree: \(check.out)")

        let r = try run(tool("python3")!, [root.appendingPathComponent("scripts/graphml-readers.py").path, out])
        let last = try #require(r.out.split(separator: "\n").last, "no output: \(r.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        let nx = try #require(json["networkx"] as? [String: Any])
        let ig = try #require(json["igraph"] as? [String: Any])
        for reader in [nx, ig] {
            #expect(reader["nodes"] as? Int == nodes.count)
            #expect(reader["edges"] as? Int == edges.count)
            #expect(reader["directed"] as? Bool == true)
        }
        let nxEdge = try #require(nx["edge_attributes"] as? [String: [String]])
        let nxNode = try #require(nx["node_attributes"] as? [String: [String]])
        let igEdge = try #require(ig["edge_attributes"] as? [String: [String]])
        let igNode = try #require(ig["node_attributes"] as? [String: [String]])
        #expect(nxEdge["weight"] == ["int"])
        #expect(nxNode["mentions"] == ["int"])
        #expect(nxEdge["confidence"] == ["float"])
        // igraph has one numeric type (double): weights arrive as whole floats, checked equal below.
        #expect(igEdge["weight"] == ["float"])
        // Every key but `label` (declared for="all", which igraph 0.11.8 skips) reaches igraph with NetworkX's type kind.
        #expect(Set(nxEdge.keys).subtracting(igEdge.keys) == ["label"])
        #expect(Set(nxNode.keys).subtracting(igNode.keys) == ["label"])
        for (k, v) in nxEdge where v == ["str"] && k != "label" { #expect(igEdge[k] == ["str"], "edge \(k)") }
        for (k, v) in nxNode where v == ["str"] && k != "label" { #expect(igNode[k] == ["str"], "node \(k)") }
        let same = try #require(json["same"] as? [String: Bool])
        #expect(same == ["counts": true, "node_labels_bytes": true, "edge_ids_endpoints_relation": true, "weights_integral_and_equal": true])
        // Arabic labels as NetworkX reads them are the store's, byte for byte.
        let labels = try #require(json["labels"] as? [String: String])
        for n in nodes { #expect(labels[n.id.rawValue].map { Array($0.utf8) } == Array(n.label.utf8), "label of \(n.id)") }
        #expect(nodes.contains { $0.label.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } })
    }

    @Test("import: a store built from half a corpus plus the other half's GraphML exports what the whole gives",
          arguments: corpora)
    func mergeHalves(corpus: URL) throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let docs = try documents(in: corpus)
        try #require(docs.count >= 3)
        let half = docs.count / 2
        // The halves share one document: it must count once.
        let a = try folder("a", of: Array(docs[..<(half + 1)]), in: dir)
        let b = try folder("b", of: Array(docs[half...]), in: dir)
        let whole = try folder("whole", of: docs, in: dir)
        func path(_ n: String) -> String { dir.appendingPathComponent(n).path }
        try run(exe, ["build", a, "--store", path("a.sqlite"), "--quiet"])
        try run(exe, ["build", b, "--store", path("b.sqlite"), "--quiet"])
        try run(exe, ["build", whole, "--store", path("w.sqlite"), "--quiet"])
        try run(exe, ["export", "--store", path("b.sqlite"), "-o", path("b.graphml")])
        try run(exe, ["export", "--store", path("a.sqlite"), "-o", path("a.graphml")])
        try run(exe, ["export", "--store", path("w.sqlite"), "-o", path("w.graphml")])
        let wholeText = try String(contentsOfFile: path("w.graphml"), encoding: .utf8)

        // Half A's store plus half B's file.
        let imported = try run(exe, ["import", path("b.graphml"), "--store", path("a.sqlite")])
        #expect(imported.out.contains("1 documents already in the store"), "\(imported.out)")
        try run(exe, ["export", "--store", path("a.sqlite"), "-o", path("m.graphml")])
        #expect(try String(contentsOfFile: path("m.graphml"), encoding: .utf8) == wholeText)
        // Building the imported documents' own text afterwards replaces their imported evidence: still the whole.
        try run(exe, ["build", whole, "--store", path("a.sqlite"), "--quiet"])
        try run(exe, ["export", "--store", path("a.sqlite"), "-o", path("m2.graphml")])
        #expect(try String(contentsOfFile: path("m2.graphml"), encoding: .utf8) == wholeText)

        // Both files into an empty store, then the same file again: nothing changes.
        try run(exe, ["import", path("a.graphml"), path("b.graphml"), "--store", path("e.sqlite"), "--quiet"])
        try run(exe, ["import", path("b.graphml"), "--store", path("e.sqlite"), "--quiet"])
        try run(exe, ["export", "--store", path("e.sqlite"), "-o", path("e.graphml")])
        #expect(try String(contentsOfFile: path("e.graphml"), encoding: .utf8) == wholeText)
        // The merged store answers queries like the whole one.
        for q in [["adversaries", "ISIS"], ["allies", "SDF"]] {
            let m = try run(exe, q + ["--store", path("e.sqlite"), "--format", "json"], )
            let w = try run(exe, q + ["--store", path("w.sqlite"), "--format", "json"])
            #expect(m.out == w.out)
        }
    }

    @Test("import refuses hostile files with a clear error and leaves the store as it was")
    func hostileImports() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        let doc = dir.appendingPathComponent("d.txt")
        try "قصفت القوات التركية مواقع لوحدات حماية الشعب قرب عفرين.".write(to: doc, atomically: true, encoding: .utf8)
        try run(exe, ["build", doc.path, "--store", store, "--quiet"])
        let before = try run(exe, ["export", "--store", store, "-o", "-"]).out

        var lol = "<!ENTITY a \"lol\">"
        for i in 1...9 { lol += "<!ENTITY a\(i) \"" + String(repeating: "&a\(i == 1 ? "" : String(i - 1));", count: 10) + "\">" }
        let head = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/><graph edgedefault=\"directed\">"
        let files: [(String, String, String)] = [
            ("laughs.graphml", "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [\(lol)]>\n\(head)<node id=\"X\"><data key=\"label\">&a9;</data></node></graph></graphml>", "DOCTYPE"),
            ("xxe.graphml", "<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n\(head)<node id=\"X\"><data key=\"label\">&x;</data></node></graph></graphml>", "DOCTYPE"),
            ("deep.graphml", "<?xml version=\"1.0\"?>\n\(head)<node id=\"X\">" + String(repeating: "<desc>", count: 200_000), "nested deeper"),
            ("foreign.graphml", "<?xml version=\"1.0\"?>\n\(head)<node id=\"X\"/><node id=\"Y\"/><edge source=\"X\" target=\"Y\"><data key=\"label\">attacked</data></edge></graph></graphml>", "evidence_detail"),
        ]
        // A good file before a bad one: the command fails as a whole and imports nothing.
        let good = dir.appendingPathComponent("good.graphml")
        let other = dir.appendingPathComponent("o.txt")
        try "2019-01-01\nهاجم تنظيم الدولة مواقع قوات النظام في ريف حمص الشرقي.".write(to: other, atomically: true, encoding: .utf8)
        let otherStore = dir.appendingPathComponent("o.sqlite").path
        try run(exe, ["build", other.path, "--store", otherStore, "--quiet"])
        try run(exe, ["export", "--store", otherStore, "-o", good.path])

        // A gigabyte of nesting through standard input: refused at the depth limit, long before the end.
        let started = Date()
        let opening = "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"directed\">"
        let pipeline = try run("/bin/bash", ["-c", "{ printf '%s' '\(opening)'; yes '<desc>'; } | head -c 1000000000 | '\(exe)' import - --store '\(store)'"],
                               expect: 1)
        #expect(pipeline.err.contains("<stdin>") && pipeline.err.contains("nested deeper"), "\(pipeline.err)")
        #expect(Date().timeIntervalSince(started) < 10)

        for (name, text, reason) in files {
            let f = dir.appendingPathComponent(name)
            try text.write(to: f, atomically: true, encoding: .utf8)
            let started = Date()
            let r = try run(exe, ["import", good.path, f.path, "--store", store], expect: 1)
            #expect(r.err.contains(name) && r.err.contains(reason) && r.err.contains("nothing was imported"), "\(name): \(r.err)")
            #expect(Date().timeIntervalSince(started) < 10)
            #expect(try run(exe, ["export", "--store", store, "-o", "-"]).out == before, "\(name) changed the store")
        }
        // The good file alone does change it.
        try run(exe, ["import", good.path, "--store", store, "--quiet"])
        #expect(try run(exe, ["export", "--store", store, "-o", "-"]).out != before)
    }
}
