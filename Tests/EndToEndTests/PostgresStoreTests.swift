import Foundation
import Testing

/// The command line over a PostgreSQL store: what `scripts/test-postgres.sh` runs with a server and an
/// executable built with the trait (`ACTORGRAPH_BIN`); without them only the refusal is checked.
@Suite("A PostgreSQL store from the command line", .serialized)
struct PostgresStoreCLITests {
    static let url = ProcessInfo.processInfo.environment["ACTORGRAPH_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    @Test func aServerURLItCannotUseExitsOneAndHidesThePassword() throws {
        let exe = try binary()
        let r = try run(exe, ["export", "--store", "postgres://analyst:s3cret@127.0.0.1:1/graph", "--output", "-"], expect: 1)
        #expect(!r.err.contains("s3cret"))
        #expect(r.err.contains("postgres://analyst:***@127.0.0.1:1/graph"))
        // Built without the trait it says how to build with it; with it, that nothing listens there.
        #expect(r.err.contains("swift build --traits PostgreSQL") || r.err.contains("cannot connect"))
        #expect(r.out.isEmpty)
    }

    @Test(.enabled(if: url != nil, "set ACTORGRAPH_TEST_POSTGRES_URL and ACTORGRAPH_BIN (scripts/test-postgres.sh)"))
    func theSampleCorpusGivesTheSameGraphInBothStores() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = try #require(Self.url)
        let postgres = base + (base.contains("?") ? "&" : "?") + "schema=e2e_" + UUID().uuidString.prefix(8).lowercased()
        let sqlite = dir.appendingPathComponent("g.sqlite").path
        let sample = root.appendingPathComponent("Corpus/sample").path
        for store in [sqlite, postgres] {
            try run(exe, ["build", sample, "--store", store, "--quiet"])
            try run(exe, ["build", sample, "--store", store, "--quiet"])  // again: nothing changes
        }
        let a = try run(exe, ["export", "--store", sqlite, "--output", "-"]).out
        let b = try run(exe, ["export", "--store", postgres, "--output", "-"]).out
        #expect(a == b)
        #expect(a.contains("<edge "))
        for query in [["allies", "SDF", "--format", "json"], ["adversaries", "داعش", "--format", "csv", "--inferred"],
                      ["actors", "--format", "json"], ["explain", "ISIS", "SDF", "--format", "json"]] {
            let x = try run(exe, query + ["--store", sqlite]).out
            let y = try run(exe, query + ["--store", postgres]).out
            #expect(x == y, "\(query.joined(separator: " ")) differs")
        }
        let check = try run(exe, ["check", "--store", postgres]).out
        #expect(check.hasPrefix("ok: "))
        // Merging the SQLite export into the PostgreSQL store changes nothing: every document is known.
        let file = dir.appendingPathComponent("a.graphml").path
        try run(exe, ["export", "--store", sqlite, "--output", file])
        try run(exe, ["import", file, "--store", postgres])
        #expect(try run(exe, ["export", "--store", postgres, "--output", "-"]).out == a)
    }
}
