import ActorGraphModel
import Foundation
import Testing
@testable import GraphStore

/// An ingest skips re-writing node rows it wrote before; the store must still hold exactly what a
/// writer that always wrote them would hold.
@Suite("Nodes an ingest already wrote")
struct KnownNodesTests {
    static let sentence = "هاجم تنظيم الدولة مواقع قوات النظام في ريف حمص."

    static func document(_ id: String, isis: Node = Actors.isis) -> Extraction {
        extraction(id, [sentence], mentions: [M(isis, "تنظيم الدولة"), M(Actors.regime, "قوات النظام")],
                   relations: [R(isis, .attacked, Actors.regime)])
    }

    static func label(_ store: SQLiteStore, _ id: String) throws -> [String] {
        try store.database.strings("SELECT label FROM nodes WHERE id = '\(id)'")
    }

    /// Another connection renames a node between two batches: the next batch declaring the node
    /// writes its own label again, as every batch did before nodes were remembered.
    @Test func anotherConnectionsWriteIsSeen() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("graph.sqlite").path
            let one = try SQLiteStore(path: path)
            _ = try one.ingest([Self.document("a")])
            var renamed = Actors.isis
            renamed.nameAr = "داعش"
            let two = try SQLiteStore(path: path)
            _ = try two.ingest([Self.document("b", isis: renamed)])
            #expect(try Self.label(one, "ISIS") == ["داعش"])
            _ = try one.ingest([Self.document("c")])
            #expect(try Self.label(one, "ISIS") == [Actors.isis.nameAr])
            // And without another writer, a renamed node is written by the same connection too.
            _ = try one.ingest([Self.document("d", isis: renamed)])
            #expect(try Self.label(two, "ISIS") == ["داعش"])
        }
    }

    /// A batch that fails after writing a node row rolls it back; the next batch writes it again.
    @Test func rolledBackBatchIsForgotten() throws {
        try withStore { store in
            store.beforeIngesting = { index in if index == 1 { throw InjectedFailure() } }
            #expect(throws: InjectedFailure.self) { try store.ingest([Self.document("a"), Self.document("b")]) }
            store.beforeIngesting = nil
            #expect(try Self.label(store, "ISIS").isEmpty)
            _ = try store.ingest([Self.document("b")])
            #expect(try Self.label(store, "ISIS") == [Actors.isis.nameAr])
            #expect(try store.check().isEmpty)
        }
    }

    /// Inside an outer transaction that rolls back, nothing written is remembered.
    @Test func outerTransactionRollbackIsForgotten() throws {
        try withStore { store in
            #expect(throws: InjectedFailure.self) {
                try store.transaction {
                    _ = try store.ingest([Self.document("a")])
                    throw InjectedFailure()
                }
            }
            #expect(try Self.label(store, "SYRIAN_GOVERNMENT").isEmpty)
            _ = try store.ingest([Self.document("a")])
            #expect(try Self.label(store, "SYRIAN_GOVERNMENT") == [Actors.regime.nameAr])
            #expect(try store.counts() == StoreCounts(documents: 1, nodes: 2, edges: 1, evidence: 1))
        }
    }
}

/// An ingest remembers the ids of the edges it found or made; an edge deleted since (by this
/// connection, another one, or a rollback) must be made again, never pointed at.
@Suite("Edges an ingest already found")
struct KnownEdgesTests {
    /// Document `id`'s new text, naming no relation.
    static func withoutRelation(_ id: String) -> Extraction {
        extraction(id, ["نص لا يذكر أحدا."])
    }

    static func expectOneEdge(_ store: SQLiteStore, documents: Int) throws {
        #expect(try store.check().isEmpty)
        #expect(try store.counts() == StoreCounts(documents: documents, nodes: 2, edges: 1, evidence: 1))
        #expect(try store.database.scalarInt("SELECT count(*) FROM evidence JOIN edges ON edges.id = evidence.edge_id") == 1)
    }

    /// A changed document takes the edge's only evidence with it; the edge goes, and the next batch
    /// naming the relation makes it again.
    @Test func edgeDeletedByThisConnection() throws {
        try withStore { store in
            _ = try store.ingest([KnownNodesTests.document("a")])
            _ = try store.ingest([Self.withoutRelation("a")])
            #expect(try store.counts().edges == 0)
            _ = try store.ingest([KnownNodesTests.document("b")])
            try Self.expectOneEdge(store, documents: 2)
        }
    }

    /// The same, with the edge deleted by another connection between two batches of the first.
    @Test func edgeDeletedByAnotherConnection() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("graph.sqlite").path
            let one = try SQLiteStore(path: path), two = try SQLiteStore(path: path)
            _ = try one.ingest([KnownNodesTests.document("a")])
            _ = try two.ingest([Self.withoutRelation("a")])
            _ = try one.ingest([KnownNodesTests.document("b")])
            try Self.expectOneEdge(one, documents: 2)
        }
    }

    /// A batch that made the edge and then failed rolls it back; the next batch makes it again.
    @Test func edgeOfRolledBackBatch() throws {
        try withStore { store in
            store.beforeIngesting = { index in if index == 1 { throw InjectedFailure() } }
            #expect(throws: InjectedFailure.self) {
                try store.ingest([KnownNodesTests.document("a"), KnownNodesTests.document("b")])
            }
            store.beforeIngesting = nil
            _ = try store.ingest([KnownNodesTests.document("b")])
            try Self.expectOneEdge(store, documents: 1)
        }
    }

    /// A bulk build into an empty store makes an edge it does not know without looking it up; once
    /// another connection has written the same edge, the build looks again and reuses that edge.
    @Test func bulkBuildMeetsAnEdgeAnotherConnectionMade() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("graph.sqlite").path
            let one = try SQLiteStore(path: path)
            #expect(try one.beginBulkWrite())
            #expect(one.knownNodes.knowsEveryEdge == false)  // outside a batch nothing is used
            let other = extraction("x", [KnownNodesTests.sentence],
                                   mentions: [M(Actors.sdf, "قسد"), M(Actors.regime, "قوات النظام")],
                                   relations: [R(Actors.sdf, .attacked, Actors.regime)])
            _ = try one.ingest([KnownNodesTests.document("a")])
            let two = try SQLiteStore(path: path)
            _ = try two.ingest([other])
            var again = other
            again.document = Document(id: "y", text: other.document.text, source: "test", title: "y")
            _ = try one.ingest([again])
            try one.finishBulkWrite()
            #expect(try one.check().isEmpty)
            #expect(try one.counts() == StoreCounts(documents: 3, nodes: 3, edges: 2, evidence: 3))
        }
    }

    /// Edges found in one batch are reused by the next: one edge, its evidence from every document.
    @Test func edgeReusedAcrossBatches() throws {
        try withStore { store in
            for id in ["a", "b", "c"] { _ = try store.ingest([KnownNodesTests.document(id)]) }
            #expect(try store.check().isEmpty)
            #expect(try store.counts() == StoreCounts(documents: 3, nodes: 2, edges: 1, evidence: 3))
        }
    }
}

/// Mentions are counted per (node, surface) by their bytes, before or at writing, alike.
@Suite("Mention counts")
struct MentionCountTests {
    /// Two spellings that `String` holds equal (a precomposed and a decomposed letter) stay two rows,
    /// as SQLite's key tells them apart; counts come in the order first met.
    @Test func countedByBytes() {
        let isis = Actors.isis
        let composed = "داعش آ", decomposed = "داعش \u{0627}\u{0653}"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        var e = extraction("a", ["\(composed) \(decomposed) \(composed) تنظيم الدولة"],
                           mentions: [M(isis, composed), M(isis, decomposed), M(isis, composed), M(isis, "تنظيم الدولة")])
        e.countMentions()
        #expect(e.mentionCounts == [MentionCount(node: isis.id, surface: composed, count: 2),
                                    MentionCount(node: isis.id, surface: decomposed, count: 1),
                                    MentionCount(node: isis.id, surface: "تنظيم الدولة", count: 1)])
        // Changing the mentions drops counts made before.
        e.mentions.removeLast()
        #expect(e.mentionCounts == nil)
    }

    /// A short text's mentions are counted by a linear search, a long one's through a dictionary:
    /// the same counts, in the same order, either way.
    @Test func shortAndLongCountsAgree() {
        let surfaces = ["داعش", "ادعش", "تنظيم الدولة", "داعش آ", "داعش \u{0627}\u{0653}", "الدولة الإسلامية"]
        let nodes = [Actors.isis, Actors.regime]
        var mentions: [Mention] = []
        var state: UInt64 = 7
        for _ in 0..<(3 * MentionKey.smallCount) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let node = nodes[Int(state >> 33) % nodes.count]
            let surface = surfaces[Int(state >> 40) % surfaces.count]
            mentions.append(Mention(node: node.id, kind: node.kind, sentence: 0, tokens: 0..<1, span: 0..<1,
                                    surface: surface, via: .alias))
        }
        for count in [1, 5, MentionKey.smallCount, MentionKey.smallCount + 1, mentions.count] {
            let some = Array(mentions.prefix(count))
            let long = MentionKey.counted(some)
            let short = MentionKey.countedSmall(some)
            #expect(long == short)
            #expect(long.map(\.count).reduce(0, +) == count)
        }
        #expect(MentionKey.counted(mentions).count == nodes.count * surfaces.count)
    }

    /// Counted before writing or by the store: the same rows.
    @Test func precountedEqualsCountedByStore() throws {
        var e = KnownNodesTests.document("a")
        e.mentions += e.mentions
        var counted = e
        counted.countMentions()
        let rows = "SELECT node_id || '|' || surface || '|' || count FROM mentions ORDER BY 1"
        let plain = try withStore { store in _ = try store.ingest([e]); return try store.database.strings(rows) }
        let early = try withStore { store in _ = try store.ingest([counted]); return try store.database.strings(rows) }
        #expect(plain == early)
        let counts = try withStore { store in
            _ = try store.ingest([counted])
            return try store.database.strings("SELECT count FROM mentions ORDER BY node_id")
        }
        #expect(counts == ["2", "2"])
    }
}

/// A build into an empty store writes the mentions before their by-node index, and makes it at the end.
@Suite("Bulk writing into an empty store")
struct BulkWriteTests {
    static func hasIndex(_ store: SQLiteStore, _ name: String = "mentions_node") throws -> Bool {
        try store.database.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = '\(name)'") == 1
    }

    @Test func deferredIndexIsMadeAndReadsAgree() throws {
        try withTemporaryDirectory { folder in
            let bulkPath = folder.appendingPathComponent("bulk.sqlite").path
            let plainPath = folder.appendingPathComponent("plain.sqlite").path
            let bulk = try SQLiteStore(path: bulkPath), plain = try SQLiteStore(path: plainPath)
            #expect(try bulk.beginBulkWrite())
            #expect(try !Self.hasIndex(bulk))
            _ = try bulk.ingest(IngestTests.twoDocuments)
            _ = try plain.ingest(IngestTests.twoDocuments)
            // Reads are right without the index, and with it.
            #expect(try dump(bulk) == dump(plain))
            // A reader meanwhile finds the index missing, the data healthy.
            let reader = try SQLiteStore(path: bulkPath, readOnly: true)
            #expect(try reader.missingIndexes() == ["mentions_node", "evidence_edge"])
            #expect(try reader.check().isEmpty)
            try bulk.finishBulkWrite()
            #expect(try Self.hasIndex(bulk))
            #expect(try bulk.database.strings("PRAGMA journal_mode").first == "wal")
            #expect(try bulk.check().isEmpty)
            #expect(try dump(bulk) == dump(plain))
            // A store that holds documents is written as it is.
            #expect(try !bulk.beginBulkWrite())
            #expect(try Self.hasIndex(bulk))
        }
    }

    /// A document replaced during a bulk build first makes the deferred indexes (replacing reads the
    /// evidence and mentions by document); the edge it leaves without evidence goes at once.
    @Test func replacedDocumentEndsTheBulkWrite() throws {
        for killed in [false, true] {
            try withTemporaryDirectory { folder in
                let path = folder.appendingPathComponent("graph.sqlite").path
                do {
                    let store = try SQLiteStore(path: path)
                    #expect(try store.beginBulkWrite())
                    _ = try store.ingest([KnownNodesTests.document("a")])
                    #expect(try store.missingIndexes().count == SQLiteStore.deferredIndexes.count)
                    #expect(try !Self.hasIndex(store, "evidence_doc"))
                    _ = try store.ingest([KnownEdgesTests.withoutRelation("a")])
                    #expect(!store.bulkWriting)
                    #expect(try store.missingIndexes().isEmpty)
                    #expect(try Self.hasIndex(store, "evidence_doc"))   // made to find the old evidence
                    #expect(try store.counts().edges == 0)
                    if !killed { try store.finishBulkWrite() }
                }
                let again = try SQLiteStore(path: path)
                #expect(try again.missingIndexes().isEmpty)
                #expect(try again.check().isEmpty)
                #expect(try again.counts() == StoreCounts(documents: 1, nodes: 2, edges: 0, evidence: 0))
                // The relation named again after the build makes a new edge.
                _ = try again.ingest([KnownNodesTests.document("b")])
                try KnownEdgesTests.expectOneEdge(again, documents: 2)
            }
        }
    }

    /// A batch that fails after a replaced document ended the bulk write takes the indexes it made
    /// back with it: the write goes on in bulk, and its end makes them.
    @Test func failedBatchKeepsTheBulkWrite() throws {
        try withTemporaryDirectory { folder in
            let store = try SQLiteStore(path: folder.appendingPathComponent("graph.sqlite").path)
            #expect(try store.beginBulkWrite())
            _ = try store.ingest([KnownNodesTests.document("a")])
            store.beforeIngesting = { index in if index == 1 { throw InjectedFailure() } }
            #expect(throws: InjectedFailure.self) {
                try store.ingest([KnownEdgesTests.withoutRelation("a"), KnownNodesTests.document("b")])
            }
            store.beforeIngesting = nil
            #expect(store.bulkWriting)
            #expect(try store.missingIndexes().count == SQLiteStore.deferredIndexes.count)
            #expect(try store.counts() == StoreCounts(documents: 1, nodes: 2, edges: 1, evidence: 1))
            try store.finishBulkWrite()
            #expect(try store.missingIndexes().isEmpty)
            #expect(try store.check().isEmpty)
        }
    }

    /// The deferred indexes are made under a rollback journal when the writer has the store to
    /// itself, under the log when a reader has it open; either way the store ends in WAL mode.
    @Test func indexesAreMadeUnderARollbackJournalWhenAlone() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("graph.sqlite").path
            let store = try SQLiteStore(path: path)
            func mode() throws -> String? { try store.database.strings("PRAGMA journal_mode").first }
            #expect(try mode() == "wal")
            #expect(store.useRollbackJournal())
            #expect(try mode() == "delete")
            store.useWriteAheadLog()
            #expect(try mode() == "wal")
            do {
                let reader = try SQLiteStore(path: path, readOnly: true)
                _ = try reader.counts()
                #expect(!store.useRollbackJournal())
                #expect(try mode() == "wal")
            }
            // A bulk build, finished alone: indexes made, back in WAL mode, nothing lost.
            #expect(try store.beginBulkWrite())
            _ = try store.ingest(IngestTests.twoDocuments)
            try store.finishBulkWrite()
            #expect(try Self.hasIndex(store))
            #expect(try mode() == "wal")
            #expect(try store.check().isEmpty)
            #expect(try store.counts().documents == 2)
        }
    }

    /// A bulk build leaves the evidence by document out; the first replaced document makes it, and
    /// replaces exactly as in a store that had it all along.
    @Test func evidenceByDocumentIsMadeWhenFirstNeeded() throws {
        try withTemporaryDirectory { folder in
            let bulk = try SQLiteStore(path: folder.appendingPathComponent("bulk.sqlite").path)
            let plain = try SQLiteStore(path: folder.appendingPathComponent("plain.sqlite").path)
            #expect(try bulk.beginBulkWrite())
            _ = try bulk.ingest([KnownNodesTests.document("a"), KnownNodesTests.document("b")])
            try bulk.finishBulkWrite()
            _ = try plain.ingest([KnownNodesTests.document("a"), KnownNodesTests.document("b")])
            #expect(try !Self.hasIndex(bulk, "evidence_doc"))
            #expect(try Self.hasIndex(plain, "evidence_doc"))
            #expect(try bulk.missingIndexes().isEmpty)
            // Reopened for writing, it is still not made: nothing needs it yet.
            let again = try SQLiteStore(path: folder.appendingPathComponent("bulk.sqlite").path)
            #expect(try !Self.hasIndex(again, "evidence_doc"))
            for store in [again, plain] {
                let summary = try store.ingest([KnownEdgesTests.withoutRelation("a")])
                #expect(summary.documentsReplaced == 1)
                #expect(try Self.hasIndex(store, "evidence_doc"))
                #expect(try store.check().isEmpty)
            }
            #expect(try dump(again) == dump(plain))
            #expect(try again.counts() == plain.counts())
        }
    }

    @Test func killedBulkBuildIsRepairedOnOpen() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("graph.sqlite").path
            do {
                let store = try SQLiteStore(path: path)
                #expect(try store.beginBulkWrite())
                _ = try store.ingest(IngestTests.twoDocuments)
                // …and the process ends here, without finishBulkWrite.
            }
            let again = try SQLiteStore(path: path)
            #expect(try Self.hasIndex(again))
            #expect(try again.check().isEmpty)
        }
    }
}

/// The node readers are answered from the `mentions_node` index alone, and a store made before it
/// held the count stays readable and is upgraded by the next writer.
@Suite("Mentions by node: a covering index")
struct MentionsNodeIndexTests {
    static func plan(_ store: SQLiteStore) throws -> String {
        try store.database.withStatement(text: "EXPLAIN QUERY PLAN " + SQLiteStore.everyNodeSQL) { statement in
            var lines: [String] = []
            while try statement.step() { lines.append(statement.string(3)) }
            return lines.joined(separator: "\n")
        }
    }

    @Test func nodeRowsComeFromTheIndexAlone() throws {
        try withStore { store in
            _ = try store.ingest(IngestTests.twoDocuments)
            let plan = try Self.plan(store)
            #expect(plan.contains("SEARCH m USING COVERING INDEX mentions_node"), "\(plan)")
            #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
        }
    }

    /// The export's node reading, rows streamed, gives what `forEachNode` gives: the same nodes in
    /// the same order, the same aliases, counts and rows (a node only an edge names has none).
    @Test func streamedNodeRowsAreForEachNodes() throws {
        try withStore { store in
            _ = try store.ingest(IngestTests.twoDocuments)
            var third = extraction("doc-3", ["هاجم لواء الفتح داعش في البادية وقال داعش إن التنظيم صد الهجوم."],
                                   mentions: [M(Actors.isis, "داعش"), M(Actors.isis, "داعش"), M(Actors.isis, "التنظيم")])
            third.relations = [Relation(source: NodeID("new:liwa-al-fath"), type: .attacked, target: Actors.isis.id,
                                        sentence: 0, sentenceRange: 0..<third.document.text.utf8.count,
                                        trigger: "هاجم", frame: "verbal", confidence: 0.5, hedged: false)]
            _ = try store.ingest([third])
            var expected: [GraphNode] = []
            try store.forEachNode { expected.append($0) }
            var streamed: [GraphNode] = []
            try store.forEachNodeStreamingDetail { node, rows in
                var whole = node
                #expect(node.mentionDetail.isEmpty)
                try rows { document, count, surface in
                    whole.mentionDetail.append(MentionDetail(document: String(decoding: document, as: UTF8.self),
                                                             surface: String(decoding: surface, as: UTF8.self), count: count))
                }
                streamed.append(whole)
            }
            #expect(streamed == expected)
            #expect(expected.contains { $0.id == NodeID("new:liwa-al-fath") && $0.mentionDetail.isEmpty })
            #expect(expected.contains { $0.id == Actors.isis.id && $0.mentionDetail.count >= 2 && $0.aliases.count >= 2 })
        }
    }

    @Test func aStoreWithTheOldIndexIsReadAndUpgraded() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            let expected = try storeWithTwoDocuments(at: path) { store in
                // As an actorgraph of before migration 0003 left it.
                try store.database.execute("""
                    DROP INDEX mentions_node;
                    CREATE INDEX mentions_node ON mentions(node_id, surface);
                    DELETE FROM migrations WHERE name = '0003-mentions-node-covering';
                    """)
                #expect(try !Self.plan(store).contains("SEARCH m USING COVERING INDEX mentions_node"))
            }
            // A reader needs no upgrade: the same graph, only read through the table.
            let reader = try SQLiteStore(path: path, readOnly: true)
            #expect(try dump(reader) == expected)
            #expect(try !reader.appliedMigrations().contains("0003-mentions-node-covering"))
            // A writer upgrades it, and says so first; a new store is made without a word.
            var told: [String] = []
            let writer = try SQLiteStore(path: path, upgrading: { told.append($0) })
            #expect(told.count == 1 && told[0].contains("0003-mentions-node-covering") && told[0].contains(path), "\(told)")
            _ = try SQLiteStore(path: folder.appendingPathComponent("new.sqlite").path, upgrading: { told.append($0) })
            _ = try SQLiteStore(path: path, upgrading: { told.append($0) })
            #expect(told.count == 1)
            #expect(try writer.appliedMigrations() == Migration.all.map(\.name))
            #expect(try Self.plan(writer).contains("SEARCH m USING COVERING INDEX mentions_node"))
            #expect(try dump(writer) == expected)
            #expect(try writer.check().isEmpty)
        }
    }
}
