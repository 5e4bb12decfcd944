import ActorGraphModel
import Foundation
import GraphML
import Testing

@Suite("export filters, DOT and pictures", .serialized)
struct ExportRenderTests {
    /// A store built from the sample corpus, in a folder removed afterwards.
    func withSampleStore(_ body: (String, String, URL) throws -> Void) throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        try run(exe, ["build", sampleCorpus.path, "--store", store, "--quiet"])
        try body(exe, store, dir)
    }

    @Test("export --relation, --min-weight, --since/--until, --ego/--depth, --exclude-kind write valid GraphML of the part asked for")
    func exportFilters() throws {
        try withSampleStore { exe, store, dir in
            func export(_ args: [String]) throws -> (nodes: [GraphNode], edges: [GraphEdge]) {
                let out = dir.appendingPathComponent("f.graphml").path
                try run(exe, ["export", "--store", store, "-o", out] + args)
                if let xmllint = tool("xmllint") {
                    try run(xmllint, ["--nonet", "--noout", "--schema", shared.appendingPathComponent("graphml-xsd/local/graphml.xsd").path, out])
                }
                return try GraphMLReader(path: out).readAll()
            }
            let all = try export([])
            let attacks = try export(["--relation", "attacked"])
            #expect(!attacks.edges.isEmpty && attacks.edges.allSatisfy { $0.relation == .attacked })
            #expect(attacks.edges.count == all.edges.filter { $0.relation == .attacked }.count)
            let heavy = try export(["--min-weight", "2"])
            #expect(heavy.edges.map(\.id) == all.edges.filter { $0.weight >= 2 }.map(\.id))
            let noPlaces = try export(["--exclude-kind", "location"])
            #expect(!noPlaces.nodes.contains { $0.kind == .location } && !noPlaces.edges.contains { $0.relation == .controls })
            let ego = try export(["--ego", "داعش", "--depth", "1"])
            #expect(ego.nodes.contains { $0.id.rawValue == "ISIS" })
            #expect(ego.edges.allSatisfy { e in ego.nodes.contains { $0.id == e.source } && ego.nodes.contains { $0.id == e.target } })
            #expect(ego.nodes.count < all.nodes.count)
            // Dated evidence only: every edge's dates inside the window, weights never above the whole graph's.
            let dated = try export(["--since", "2000-01-01", "--until", "2100-12-31"])
            #expect(dated.edges.allSatisfy { ($0.firstSeen ?? "") >= "2000-01-01" })
            let before = try export(["--until", "1900-01-01"])
            #expect(before.edges.isEmpty && before.nodes.isEmpty)
            // Usage errors are exit 2 (ArgumentParser's validation) and name the option.
            let bad = try run(exe, ["export", "--store", store, "-o", "-", "--since", "yesterday"], expect: 2)
            #expect(bad.err.contains("--since"))
            let unknown = try run(exe, ["export", "--store", store, "-o", "-", "--ego", "داعس"], expect: 1)
            #expect(unknown.err.contains("داعش") || unknown.err.contains("ISIS"))
        }
    }

    @Test("export --format dot and render draw the ego network with the relation styles")
    func dotAndRender() throws {
        try withSampleStore { exe, store, dir in
            let dot = try run(exe, ["export", "--store", store, "-o", "-", "--format", "dot", "--ego", "ISIS"]).out
            #expect(dot.hasPrefix("digraph actorgraph {"))
            #expect(dot.contains("\"ISIS\" [label=\"تنظيم الدولة الإسلامية"))
            #expect(dot.contains("color=\"#c0392b\""))
            if let dotTool = tool("dot") {
                let f = dir.appendingPathComponent("g.dot")
                try dot.write(to: f, atomically: true, encoding: .utf8)
                try run(dotTool, ["-Tsvg", "-o", dir.appendingPathComponent("viaDot.svg").path, f.path])
            }
            for ext in ["svg", "png"] {
                let out = dir.appendingPathComponent("isis.\(ext)").path
                try run(exe, ["render", "--store", store, "--ego", "ISIS", "--output", out])
                let data = try Data(contentsOf: URL(fileURLWithPath: out))
                if ext == "svg" {
                    let svg = String(decoding: data, as: UTF8.self)
                    #expect(svg.contains("تنظيم الدولة الإسلامية") && svg.contains("ISIS: direct neighbours"))
                    #expect(svg.contains("stroke=\"#c0392b\""))
                } else {
                    #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]) && data.count > 5_000)
                }
            }
            // A cap on the edges drawn, said on standard error; 0 draws them all.
            let capped = try run(exe, ["render", "--store", store, "--max-edges", "1", "--output", dir.appendingPathComponent("one.svg").path])
            #expect(capped.err.contains("drawing the 1 strongest of") && capped.err.contains("--max-edges 0"))
            let uncapped = try run(exe, ["render", "--store", store, "--max-edges", "0", "--output", dir.appendingPathComponent("all.svg").path])
            #expect(!uncapped.err.contains("strongest"))
            try run(exe, ["render", "--store", store, "--max-edges", "-1", "--output", dir.appendingPathComponent("n.svg").path], expect: 2)
            let wrong = try run(exe, ["render", "--store", store, "--output", dir.appendingPathComponent("x.gif").path], expect: 2)
            #expect(wrong.err.contains(".svg"))
            try run(exe, ["render", "--store", store, "--until", "1900-01-01", "--output", dir.appendingPathComponent("e.svg").path], expect: 1)
        }
    }
}
