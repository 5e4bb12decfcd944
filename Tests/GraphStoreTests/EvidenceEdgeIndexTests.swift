import ActorGraphModel
import Testing
@testable import GraphStore

/// Neighbours queries are answered from the `evidence_edge` index alone (migration 0004), read
/// only the relations asked for, and name each neighbour by its record, not its mention rows.
@Suite("Evidence by edge: a covering index")
struct EvidenceEdgeIndexTests {
    static func plan(_ store: SQLiteStore, _ relations: Set<RelationType>) throws -> String {
        try store.database.withStatement(text: "EXPLAIN QUERY PLAN " + SQLiteStore.neighboursSQL(relations: relations)) { statement in
            var lines: [String] = []
            while try statement.step() { lines.append(statement.string(3)) }
            return lines.joined(separator: "\n")
        }
    }

    @Test func neighbourRowsComeFromTheIndexAlone() throws {
        try withStore { store in
            _ = try store.ingest(IngestTests.twoDocuments)
            for relations: Set<RelationType> in [[.attacked], [.alliedWith], [.attacked, .controls]] {
                let plan = try Self.plan(store, relations)
                #expect(plan.contains("USING COVERING INDEX evidence_edge"), "\(plan)")
            }
        }
    }

    @Test func relationsAreListedForSQL() {
        #expect(RelationType.sqlList([.attacked]) == "'attacked'")
        #expect(RelationType.sqlList([.controls, .attacked]) == "'attacked', 'controls'")
        #expect(RelationType.sqlList([]) == "NULL")
    }

    /// A neighbour is named by its record (id, names, kind): the same as before but for the aliases
    /// and mentions a query never printed.
    @Test func neighboursAreNamedByTheirRecords() throws {
        try withStore { store in
            _ = try store.ingest(IngestTests.twoDocuments)
            let regime = try #require(try store.node(Actors.regime.id))
            #expect(regime.mentions > 0 && !regime.aliases.isEmpty)
            let record = try #require(try store.nodeRecord(Actors.regime.id))
            #expect(record == GraphNode(id: regime.id, label: regime.label, labelEn: regime.labelEn, kind: regime.kind, aliases: []))
            #expect(try store.nodeRecord(NodeID("NOBODY")) == nil)
            // A node only the ontology declared (no mention, no edge) has a record too.
            #expect(try store.nodeRecord(Actors.sdf.id)?.label == Actors.sdf.nameAr)

            let adversaries = try store.neighbours(of: Actors.isis.id, relations: [.attacked])
            #expect(adversaries.map(\.node) == [record])
            #expect(adversaries.map(\.weight) == [3])
            // Only the relations asked for: the regime controls Palmyra, which is no adversary.
            #expect(try store.neighbours(of: Actors.regime.id, relations: [.attacked]).map(\.node.id) == [Actors.isis.id])
            #expect(try store.neighbours(of: Actors.regime.id, relations: [.controls]).map(\.node.id) == [Actors.palmyra.id])
            #expect(try store.neighbours(of: Actors.regime.id, relations: []).isEmpty)
        }
    }

    @Test func aStoreWithTheOldIndexIsReadAndUpgraded() throws {
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("old.sqlite").path
            var allies: [Neighbour] = []
            let expected = try storeWithTwoDocuments(at: path) { store in
                allies = try store.neighbours(of: Actors.isis.id, relations: [.attacked])
                // As an actorgraph of before migration 0004 left it.
                try store.database.execute("""
                    DROP INDEX evidence_edge;
                    CREATE UNIQUE INDEX evidence_edge ON evidence(edge_id, doc_id, sentence_index);
                    DELETE FROM migrations WHERE name = '0004-evidence-edge-covering';
                    """)
                #expect(try !Self.plan(store, [.attacked]).contains("COVERING INDEX evidence_edge"))
            }
            // A reader needs no upgrade: the same answers, only read through the table.
            let reader = try SQLiteStore(path: path, readOnly: true)
            #expect(try dump(reader) == expected)
            #expect(try reader.neighbours(of: Actors.isis.id, relations: [.attacked]) == allies)
            // A writer upgrades it, and says so.
            var told: [String] = []
            let writer = try SQLiteStore(path: path, upgrading: { told.append($0) })
            #expect(told.count == 1 && told[0].contains("0004-evidence-edge-covering"), "\(told)")
            #expect(try writer.appliedMigrations() == Migration.all.map(\.name))
            #expect(try Self.plan(writer, [.attacked]).contains("USING COVERING INDEX evidence_edge"))
            #expect(try dump(writer) == expected)
            #expect(try writer.neighbours(of: Actors.isis.id, relations: [.attacked]) == allies)
            #expect(try writer.check().isEmpty)
        }
    }

    /// The index is unique over more than (edge, document, sentence) now: an imported graph that
    /// lists one sentence twice for an edge, with two confidences, still stores one row.
    @Test func anImportStoresOneRowPerEdgeDocumentAndSentence() throws {
        try withStore { store in
            let detail = [
                EvidenceDetail(document: "d-1", sentenceIndex: 0, date: "2017-01-02", confidence: 0.4, hedged: false),
                EvidenceDetail(document: "d-1", sentenceIndex: 0, date: "2017-01-02", confidence: 0.9, hedged: false),
                EvidenceDetail(document: "d-1", sentenceIndex: 2, date: nil, confidence: 0.5, hedged: true),
            ]
            let edge = GraphEdge(source: Actors.isis.id, relation: .attacked, target: Actors.regime.id, weight: 3,
                                 documents: ["d-1"], firstSeen: "2017-01-02", lastSeen: "2017-01-02",
                                 evidence: "هاجم التنظيم مواقع للنظام.", confidence: 0.9, evidenceDetail: detail)
            for _ in 0..<2 {
                _ = try store.importGraph { node, add in
                    for actor in [Actors.isis, Actors.regime] {
                        try node(GraphNode(id: actor.id, label: actor.nameAr, labelEn: actor.nameEn, kind: actor.kind, aliases: []))
                    }
                    try add(edge)
                }
            }
            #expect(try store.counts().evidence == 2)
            #expect(try store.check().isEmpty)
        }
    }
}
