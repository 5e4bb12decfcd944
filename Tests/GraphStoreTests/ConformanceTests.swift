import ActorGraphModel
import Foundation
@testable import GraphStore
import Testing
#if PostgreSQL
@testable import PostgresStore
#endif

/// A storage backend the conformance suite runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The server the PostgreSQL cases use (`scripts/postgres.sh start` prints it); unset, they do not run.
    static let postgresURL: String? = ProcessInfo.processInfo.environment["ACTORGRAPH_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    /// SQLite always; PostgreSQL when built with the trait and given a server.
    static var enabled: [Backend] {
        #if PostgreSQL
        return postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
        #else
        return [.sqlite]
        #endif
    }
}

/// Runs `body` on a new, empty store of `backend`: a SQLite file in a temporary folder, or a
/// PostgreSQL schema of its own (dropped afterwards).
func withStore<T>(_ backend: Backend, _ body: (any GraphStoreWriter) throws -> T) throws -> T {
    switch backend {
    case .sqlite:
        return try withStore { try body($0) }
    case .postgres:
        #if PostgreSQL
        let url = try #require(Backend.postgresURL)
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let scoped = url + (url.contains("?") ? "&" : "?") + "schema=" + schema
        defer {
            if let admin = try? PostgresStore(url: scoped) { _ = try? admin.execute("DROP SCHEMA \(schema) CASCADE") }
        }
        return try body(try PostgresStore(url: scoped))
        #else
        Issue.record("built without the PostgreSQL trait")
        throw InjectedFailure()
        #endif
    }
}

/// The URL of a fresh schema-scoped store for `backend` (for opening several connections to one store).
func postgresSchemaURL() -> (url: String, schema: String)? {
    guard let url = Backend.postgresURL else { return nil }
    let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    return (url + (url.contains("?") ? "&" : "?") + "schema=" + schema, schema)
}

/// The same body against every backend: each result is compared with what a SQLite store gives.
@Suite("One behaviour, every backend")
struct ConformanceTests {
    static let attack = "هاجم تنظيم الدولة مواقع قوات النظام في ريف حمص."
    static let shell = "وقال مصدر محلي إن التنظيم قصف مواقع النظام قرب تدمر."
    static let control = "وسيطرت قوات النظام على مدينة تدمر بعد معارك عنيفة."

    /// A small corpus with every relation, two directions, dates, hedging and an alliance.
    static var corpus: [Extraction] {
        IngestTests.twoDocuments + [
            extraction("doc-3", date: "2016-02-01", ["هاجم تنظيم الدولة مطار دير الزور العسكري.", "واستهدفت هيئة تحرير الشام عناصر التنظيم."],
                       mentions: [M(Actors.isis, "تنظيم الدولة"), M(Actors.hts, "هيئة تحرير الشام", in: 1)],
                       relations: [R(Actors.isis, .attacked, Actors.regime),
                                   R(Actors.hts, .attacked, Actors.isis, in: 1, confidence: 0.5, hedged: true)]),
            extraction("doc-4", ["تحالف الحزب الإسلامي التركستاني مع هيئة تحرير الشام."],
                       mentions: [M(Actors.tip, "الحزب الإسلامي التركستاني"), M(Actors.hts, "هيئة تحرير الشام")],
                       relations: [R(Actors.tip, .alliedWith, Actors.hts, trigger: "تحالف")]),
            extraction("doc-5", date: "2017-03-03", ["قصفت قوات سوريا الديمقراطية مواقع تنظيم الدولة."],
                       mentions: [M(Actors.sdf, "قوات سوريا الديمقراطية"), M(Actors.isis, "تنظيم الدولة")],
                       relations: [R(Actors.sdf, .attacked, Actors.isis, confidence: 0.95, trigger: "قصفت")]),
        ]
    }

    /// What `corpus` gives in a SQLite store, after `more` batches.
    static func reference(_ more: [[Extraction]] = []) throws -> Dump {
        try withStore(.sqlite) { store in
            _ = try store.ingest(corpus)
            for batch in more { _ = try store.ingest(batch) }
            return try dump(store)
        }
    }

    @Test(arguments: Backend.enabled)
    func ingestIsIdempotent(_ backend: Backend) throws {
        let expected = try Self.reference()
        try withStore(backend) { store in
            let first = try store.ingest(Self.corpus)
            #expect(first == IngestSummary(documentsAdded: 5, evidenceAdded: expected.counts.evidence, edgesAdded: expected.counts.edges))
            #expect(try dump(store) == expected)
            let again = try store.ingest(Self.corpus)
            #expect(again == IngestSummary(documentsUnchanged: 5))
            #expect(try dump(store) == expected)
            #expect(try store.check() == [])
            #expect(try store.storedHash(ofDocument: "doc-2") == contentHash(Self.corpus[1].document.text))
            #expect(try store.storedHash(ofDocument: "nope") == nil)
        }
    }

    /// A node's mention rows streamed one by one (the export's way: never a node's rows in memory)
    /// are `forEachNode`'s, node for node, in the same order.
    @Test(arguments: Backend.enabled)
    func streamedMentionRowsAreForEachNodes(_ backend: Backend) throws {
        try withStore(backend) { store in
            _ = try store.ingest(Self.corpus)
            var expected: [GraphNode] = []
            try store.forEachNode { expected.append($0) }
            var streamed: [GraphNode] = []
            try store.forEachNodeStreamingDetail { node, rows in
                #expect(node.mentionDetail.isEmpty)
                var whole = node
                try rows { document, count, surface in
                    whole.mentionDetail.append(MentionDetail(document: String(decoding: document, as: UTF8.self),
                                                             surface: String(decoding: surface, as: UTF8.self), count: count))
                }
                streamed.append(whole)
            }
            #expect(streamed == expected)
            #expect(expected.contains { $0.mentionDetail.count >= 2 })
        }
    }

    @Test(arguments: Backend.enabled)
    func aChangedDocumentReplacesItsEvidence(_ backend: Backend) throws {
        // doc-5 now says something else: its SDF→ISIS edge loses its only evidence and goes.
        let changed = [extraction("doc-5", date: "2017-03-04", ["سيطرت قوات النظام على تدمر."],
                                  mentions: [M(Actors.regime, "قوات النظام")],
                                  relations: [R(Actors.regime, .controls, Actors.palmyra, trigger: "سيطرت")])]
        let expected = try Self.reference([changed])
        #expect(!expected.edges.contains { $0.source == Actors.sdf.id })
        try withStore(backend) { store in
            _ = try store.ingest(Self.corpus)
            let summary = try store.ingest(changed)
            #expect(summary == IngestSummary(documentsReplaced: 1, evidenceAdded: 1))
            #expect(try dump(store) == expected)
            #expect(try store.check() == [])
        }
    }

    @Test(arguments: Backend.enabled)
    func oneBatchMeetingTheSameIdTwiceKeepsTheLaterText(_ backend: Backend) throws {
        let first = extraction("dup", ["هاجم تنظيم الدولة مواقع النظام."], mentions: [M(Actors.isis, "تنظيم الدولة")],
                               relations: [R(Actors.isis, .attacked, Actors.regime)])
        let second = extraction("dup", ["هاجمت هيئة تحرير الشام مواقع النظام."], mentions: [M(Actors.hts, "هيئة تحرير الشام")],
                                relations: [R(Actors.hts, .attacked, Actors.regime)])
        let expected = try withStore(.sqlite) { store in
            (try store.ingest([first, second, first]), try dump(store))
        }
        try withStore(backend) { store in
            let summary = try store.ingest([first, second, first])
            #expect(summary.documentsAdded == expected.0.documentsAdded)
            #expect(summary.documentsReplaced == expected.0.documentsReplaced)
            #expect(try dump(store) == expected.1)
            #expect(try store.check() == [])
        }
    }

    @Test(arguments: Backend.enabled)
    func queriesAnswerAlike(_ backend: Backend) throws {
        struct Answers: Equatable {
            var adversaries: [Neighbour], allies: [Neighbour], dated: [Neighbour], actors: [GraphNode]
            var evidence: [EvidenceRow], documents: [String], examples: [String], node: GraphNode?
            var inferred: [InferredNeighbour], counts: StoreCounts
        }
        func answers(_ store: any GraphStoreReader) throws -> Answers {
            Answers(
                adversaries: try store.neighbours(of: Actors.isis.id, relations: [.attacked]),
                allies: try store.neighbours(of: Actors.hts.id, relations: [.alliedWith]),
                dated: try store.neighbours(of: Actors.isis.id, relations: [.attacked], minConfidence: 0.1,
                                            since: "2015-06-01", until: "2016-12-31"),
                actors: try store.actors(),
                evidence: try store.evidence(between: Actors.regime.id, and: Actors.isis.id),
                documents: try store.documents(mentioning: Actors.isis.id),
                examples: try store.exampleSentences(of: Actors.isis.id, limit: 3).map { $0.document + ":" + $0.sentence },
                node: try store.node(Actors.regime.id),
                inferred: try store.inferredNeighbours(of: Actors.sdf.id, relation: .alliedWith),
                counts: try store.counts())
        }
        let expected = try withStore(.sqlite) { store in
            _ = try store.ingest(Self.corpus)
            return try answers(store)
        }
        #expect(expected.adversaries.count == 3)
        #expect(!expected.inferred.isEmpty)
        try withStore(backend) { store in
            _ = try store.ingest(Self.corpus)
            #expect(try answers(store) == expected)
            #expect(try store.node(NodeID("NOBODY")) == nil)
        }
    }

    @Test(arguments: Backend.enabled)
    func exportSelectionsMatch(_ backend: Backend) throws {
        var filters: [GraphFilter] = [GraphFilter()]
        var f = GraphFilter(); f.relations = [.attacked]; f.minWeight = 2; filters.append(f)
        f = GraphFilter(); f.since = "2015-06-01"; f.until = "2016-12-31"; filters.append(f)
        f = GraphFilter(); f.ego = Actors.sdf.id; f.depth = 1; filters.append(f)
        f = GraphFilter(); f.excludedKinds = [.location]; f.minConfidence = 0.7; filters.append(f)
        func selections(_ store: any GraphStoreReader) throws -> [[String]] {
            try filters.map { filter in
                let (nodes, edges) = try store.selectGraph(filter)
                return nodes.map { "\($0.id) \($0.mentions) \($0.aliases)" }
                    + edges.map { "\($0.id) \($0.weight) \($0.documents) \($0.confidence) \($0.evidence) \($0.firstSeen ?? "-")" }
            }
        }
        let expected = try withStore(.sqlite) { store in
            _ = try store.ingest(Self.corpus)
            return try selections(store)
        }
        try withStore(backend) { store in
            _ = try store.ingest(Self.corpus)
            #expect(try selections(store) == expected)
        }
    }

    @Test(arguments: Backend.enabled)
    func streamingToleratesQueriesFromTheBody(_ backend: Backend) throws {
        try withStore(backend) { store in
            _ = try store.ingest(Self.corpus)
            var seen = 0
            try store.forEachEdge { edge in
                seen += 1
                #expect(try store.node(edge.source) != nil)
                try store.forEachNode { _ in }
            }
            #expect(seen == (try store.counts().edges))
        }
    }

    @Test(arguments: Backend.enabled)
    func transactionsRollBackAndNest(_ backend: Backend) throws {
        struct Stop: Error {}
        try withStore(backend) { store in
            do {
                try store.transaction { () throws -> Void in
                    _ = try store.ingest([Self.corpus[0]])
                    throw Stop()
                }
                Issue.record("the transaction did not rethrow")
            } catch is Stop {}
            #expect(try store.counts().documents == 0)
            try store.transaction {
                _ = try store.ingest([Self.corpus[0]])
                _ = try? store.ingest([extraction("", ["نص بلا رقم."])])
            }
            #expect(try store.counts().documents == 1)
            #expect(throws: InputError.self) { try store.ingest([Self.corpus[1], extraction("", ["نص."])]) }
            #expect(try store.counts().documents == 1)
        }
    }

    @Test(arguments: Backend.enabled)
    func partsOfALargeDocumentAddUp(_ backend: Backend) throws {
        let first = "هاجم التنظيم القوات. "
        let second = "هاجم التنظيم القوات مرة ثانية."
        let hash = contentHash(first + second)
        let nodes = [Actors.isis, Actors.sdf]
        func relation(_ sentence: Int, _ range: Range<Int>) -> Relation {
            Relation(source: Actors.isis.id, type: .attacked, target: Actors.sdf.id, sentence: sentence, sentenceRange: range,
                     trigger: "هاجم", frame: "verb", confidence: 0.9, hedged: false)
        }
        var a = Extraction(document: Document(id: "big", text: first, date: "2016-01-01"), nodes: nodes,
                           mentions: [], relations: [relation(0, 0..<first.utf8.count)])
        a.part = DocumentPart(index: 0, byteOffset: 0, sentenceOffset: 0)
        a.textHash = hash
        var b = Extraction(document: Document(id: "big", text: second, date: "2016-01-01", notes: "repaired"), nodes: nodes,
                           mentions: [], relations: [relation(0, 0..<second.utf8.count)])
        b.part = DocumentPart(index: 1, byteOffset: first.utf8.count, sentenceOffset: 1)
        b.textHash = hash
        try withStore(backend) { store in
            try store.transaction {
                _ = try store.ingest([a])
                _ = try store.ingest([b])
            }
            #expect(try store.counts() == StoreCounts(documents: 1, nodes: 2, edges: 1, evidence: 2))
            #expect(try store.evidence(between: Actors.isis.id, and: Actors.sdf.id).map(\.sentence) == [first, second])
            var lonely = b
            lonely.document.id = "other"
            #expect(throws: InputError.self) { try store.ingest([lonely]) }
        }
    }

    @Test(arguments: Backend.enabled)
    func importMergesAnExportedGraph(_ backend: Backend) throws {
        let exported = try withStore(.sqlite) { store in
            _ = try store.ingest(Array(Self.corpus.prefix(3)))
            var nodes: [GraphNode] = [], edges: [GraphEdge] = []
            try store.forEachNode { nodes.append($0) }
            try store.forEachEdge { edges.append($0) }
            return (nodes, edges)
        }
        func merge(_ store: any GraphStoreWriter) throws -> (ImportSummary, Dump) {
            _ = try store.ingest(Array(Self.corpus.suffix(3)))
            let summary = try store.importGraph { node, edge in
                for n in exported.0 { try node(n) }
                for e in exported.1 { try edge(e) }
            }
            return (summary, try dump(store))
        }
        let expected = try withStore(.sqlite) { try merge($0) }
        #expect(expected.0.documentsAlreadyKnown > 0)
        try withStore(backend) { store in
            let got = try merge(store)
            #expect(got.0 == expected.0)
            #expect(got.1 == expected.1)
            #expect(try store.check() == [])
        }
    }

    @Test(arguments: Backend.enabled)
    func migrationsAreNamedAndAppliedOnOpen(_ backend: Backend) throws {
        let names = try withStore(backend) { try $0.appliedMigrations() }
        #expect(names == Migration.all.map(\.name))
    }
}

#if PostgreSQL
/// What only a server can show: several connections writing one graph.
@Suite("PostgreSQL: several writers", .enabled(if: Backend.postgresURL != nil, "set ACTORGRAPH_TEST_POSTGRES_URL (scripts/postgres.sh start)"))
struct PostgresWriterTests {
    /// Many documents sharing a few actors, so that writers race on the same nodes and edges.
    static func documents(_ count: Int) -> [Extraction] {
        let actors = [Actors.isis, Actors.regime, Actors.sdf, Actors.hts, Actors.tip]
        return (0..<count).map { i in
            let a = actors[i % actors.count], b = actors[(i / actors.count + 1 + i) % actors.count]
            let target = a == b ? actors[(i + 1) % actors.count] : b
            return extraction(String(format: "w-%04d", i), date: "2016-01-\(String(format: "%02d", i % 28 + 1))",
                              ["هاجم \(a.nameAr) مواقع \(target.nameAr) رقم \(i).", "وسيطر \(a.nameAr) على تدمر."],
                              mentions: [M(a, a.nameAr), M(target, target.nameAr, in: 0)],
                              relations: [R(a, i % 3 == 0 ? .alliedWith : .attacked, target, confidence: 0.5 + Double(i % 5) / 10),
                                          R(a, .controls, Actors.palmyra, in: 1, trigger: "سيطر")])
        }
    }

    @Test func fourWritersAtOnceGiveTheGraphOfOneSQLiteBuild() throws {
        let docs = Self.documents(400)
        let expected = try withStore(.sqlite) { store in
            for start in stride(from: 0, to: docs.count, by: 25) { _ = try store.ingest(Array(docs[start..<min(start + 25, docs.count)])) }
            return try dump(store)
        }
        let (url, schema) = try #require(postgresSchemaURL())
        let admin = try PostgresStore(url: url)
        defer { _ = try? admin.execute("DROP SCHEMA \(schema) CASCADE") }
        // Four writers, each with its quarter plus a tenth of another's (the same documents written twice).
        let failures = Mutex()
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            do {
                let store = try PostgresStore(url: url)
                let mine = docs.enumerated().filter { $0.offset % 4 == w || $0.offset % 40 == (w + 1) % 4 }.map(\.element)
                for start in stride(from: 0, to: mine.count, by: 10) { _ = try store.ingest(Array(mine[start..<min(start + 10, mine.count)])) }
            } catch {
                failures.append("writer \(w): \(error)")
            }
        }
        #expect(failures.values == [])
        #expect(try dump(admin) == expected)
        #expect(try admin.check() == [])
    }

    @Test func writersOpeningANewDatabaseTogetherMigrateItOnce() throws {
        let (url, schema) = try #require(postgresSchemaURL())
        let failures = Mutex()
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            do { _ = try PostgresStore(url: url) } catch { failures.append("writer \(w): \(error)") }
        }
        #expect(failures.values == [])
        let store = try PostgresStore(url: url)
        defer { _ = try? store.execute("DROP SCHEMA \(schema) CASCADE") }
        #expect(try store.appliedMigrations() == PostgresMigration.all.map(\.name))
        #expect(PostgresMigration.all.map(\.name) == Migration.all.map(\.name))
    }

    @Test func aReadOnlyStoreNeedsItsMigrationsAndRefusesWrites() throws {
        let (url, schema) = try #require(postgresSchemaURL())
        #expect(throws: StoreError.self) { _ = try PostgresStore(url: url, readOnly: true) }
        let writer = try PostgresStore(url: url)
        defer { _ = try? writer.execute("DROP SCHEMA \(schema) CASCADE") }
        _ = try writer.ingest(ConformanceTests.corpus)
        let reader = try PostgresStore(url: url, readOnly: true)
        #expect(try dump(reader) == dump(writer))
        #expect(throws: StoreError.self) { try reader.ingest(ConformanceTests.corpus) }
    }

    @Test func anOlderStoreIsUpgradedOnOpenAndANewerOneRefused() throws {
        let (url, schema) = try #require(postgresSchemaURL())
        let store = try PostgresStore(url: url)
        defer { _ = try? store.execute("DROP SCHEMA \(schema) CASCADE") }
        _ = try store.ingest(ConformanceTests.corpus)
        // As an actorgraph from before 0002 left it.
        try store.execute("ALTER TABLE documents DROP COLUMN notes")
        try store.execute("DELETE FROM migrations WHERE name = '0002-document-notes'")
        #expect(throws: StoreError.self) { _ = try PostgresStore(url: url, readOnly: true) }
        let upgraded = try PostgresStore(url: url)
        #expect(try upgraded.appliedMigrations() == PostgresMigration.all.map(\.name))
        #expect(try upgraded.counts().documents == 5)
        try store.execute("INSERT INTO migrations(name) VALUES ('9999-from-the-future')")
        #expect(throws: StoreError.self) { _ = try PostgresStore(url: url) }
    }

    @Test func checkReportsDamage() throws {
        try withStore(.postgres) { store in
            _ = try store.ingest(ConformanceTests.corpus)
            let pg = try #require(store as? PostgresStore)
            try pg.execute("INSERT INTO edges(source, relation, target) VALUES ('SDF', 'allied-with', 'HTS')")
            #expect(try store.check() == ["1 edges have no evidence", "1 symmetric edges are not stored in canonical (source < target) order"])
        }
    }

    @Test func aBadURLOrAnAbsentServerIsAClearError() throws {
        #expect(throws: StoreError.self) { _ = try PostgresStore(url: "postgres://nobody@127.0.0.1:1/none") }
        #expect(throws: StoreError.self) { _ = try PostgresStore(url: "postgres://u@h/db?schema=Bad-Name") }
        #expect(redactedStoreLocation("postgres://u:secret@h:5/db") == "postgres://u:***@h:5/db")
    }
}

/// Strings collected from several threads.
final class Mutex: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
#endif

@Test(.enabled(if: Backend.postgresURL != nil && !Backend.enabled.contains(.postgres)))
func aPostgresURLNeedsTheTrait() {
    Issue.record("ACTORGRAPH_TEST_POSTGRES_URL is set but the tests were built without `--traits PostgreSQL`")
}
