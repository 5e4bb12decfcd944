import ArgumentParser
import Foundation
import GraphStore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the store's integrity and say what is wrong.",
        discussion: """
        Runs SQLite's integrity and foreign-key checks and looks for orphans (evidence without its edge
        or document, edges without evidence, mentions without their node). Exits 0 when the store is
        healthy, 1 when it found problems.
        """)
    @OptionGroup var options: StoreOptions

    func run() throws {
        let store = try openStore(options.storePath, readOnly: true)
        let problems = try store.check()
        let c = try store.counts()
        // Not a problem: an interrupted build into an empty store had not made this index yet.
        for name in try (store as? SQLiteStore)?.missingIndexes() ?? [] {
            warn("actorgraph: \(store.location): note: index \(name) is not made yet (a build into an empty store was stopped "
                + "before making it); reads are right, only slower; the next build or import into the store makes it")
        }
        if problems.isEmpty {
            print("ok: \(store.location) — \(c.documents) documents, \(c.nodes) nodes, \(c.edges) edges, \(c.evidence) evidence rows")
            return
        }
        for p in problems { warn("actorgraph: \(store.location): \(p)") }
        throw ExitCode(1)
    }
}
