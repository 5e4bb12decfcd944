import ActorGraphModel
import Testing
@testable import GraphStore

@Suite("Ingesting extractions")
struct IngestTests {
    static let attackHoms = "هاجم تنظيم الدولة مواقع قوات النظام في ريف حمص."
    static let shellPalmyra = "وقال مصدر محلي إن التنظيم قصف مواقع النظام قرب تدمر."
    static let controlPalmyra = "وسيطرت قوات النظام على مدينة تدمر بعد معارك عنيفة."
    static let daeshAttack = "شن داعش هجوما على الجيش السوري في البادية."

    static var twoDocuments: [Extraction] {
        [
            extraction("doc-1", date: "2015-05-20", [attackHoms, shellPalmyra, controlPalmyra],
                       mentions: [M(Actors.isis, "تنظيم الدولة"), M(Actors.regime, "قوات النظام"),
                                  M(Actors.isis, "التنظيم", in: 1), M(Actors.regime, "النظام", in: 1),
                                  M(Actors.palmyra, "تدمر", in: 1), M(Actors.regime, "قوات النظام", in: 2),
                                  M(Actors.palmyra, "تدمر", in: 2)],
                       relations: [R(Actors.isis, .attacked, Actors.regime, confidence: 0.9),
                                   R(Actors.isis, .attacked, Actors.regime, in: 1, confidence: 0.6, trigger: "قصف"),
                                   R(Actors.regime, .controls, Actors.palmyra, in: 2, trigger: "سيطرت")],
                       extraNodes: [Actors.sdf]),
            extraction("doc-2", date: "2015-06-02", [daeshAttack],
                       mentions: [M(Actors.isis, "داعش"), M(Actors.regime, "الجيش السوري")],
                       relations: [R(Actors.isis, .attacked, Actors.regime, confidence: 0.7, trigger: "شن")]),
        ]
    }

    @Test func ingestBuildsNodesEdgesAndEvidence() throws {
        try withStore { store in
            let summary = try store.ingest(Self.twoDocuments)
            #expect(summary == IngestSummary(documentsAdded: 2, documentsReplaced: 0, documentsUnchanged: 0, evidenceAdded: 4, edgesAdded: 2))
            #expect(try store.counts() == StoreCounts(documents: 2, nodes: 4, edges: 2, evidence: 4))

            var edges: [GraphEdge] = []
            try store.forEachEdge { edges.append($0) }
            #expect(edges.map(\.id) == ["ISIS--attacked--SYRIAN_GOVERNMENT", "SYRIAN_GOVERNMENT--controls--place:palmyra"])
            let attack = try #require(edges.first)
            #expect(attack.weight == 3)
            #expect(attack.documents == ["doc-1", "doc-2"])
            #expect(attack.evidence == Self.attackHoms)  // the 0.9 sentence, sliced byte for byte
            #expect(edges[1].evidence == Self.controlPalmyra)
            #expect(edges[1].weight == 1)

            var nodes: [GraphNode] = []
            try store.forEachNode { nodes.append($0) }
            // SDF is declared but never mentioned and in no edge, so it is not part of the graph.
            #expect(nodes.map(\.id.rawValue) == ["ISIS", "SYRIAN_GOVERNMENT", "place:palmyra"])
            let isis = nodes[0]
            #expect(isis.aliases == ["التنظيم", "تنظيم الدولة", "داعش"])
            #expect(isis.mentions == 3)
            #expect(isis.label == "تنظيم الدولة الإسلامية")
            #expect(isis.labelEn == "Islamic State")
            #expect(isis.kind == .armedGroup)
            #expect(nodes[1].aliases == ["الجيش السوري", "النظام", "قوات النظام"])
            #expect(nodes[1].mentions == 4)
            #expect(nodes[2].kind == .location)
            #expect(nodes[2].mentions == 2)
            #expect(nodes[2].aliases == ["تدمر"])

            // node(_:) finds declared nodes even when they are not part of the graph.
            #expect(try store.node(Actors.sdf.id)?.mentions == 0)
            #expect(try store.node(NodeID("NO_SUCH_ACTOR")) == nil)
        }
    }

    @Test func ingestingTheSameBatchTwiceChangesNothing() throws {
        try withStore { store in
            _ = try store.ingest(Self.twoDocuments)
            let before = try dump(store)
            let summary = try store.ingest(Self.twoDocuments)
            #expect(summary == IngestSummary(documentsAdded: 0, documentsReplaced: 0, documentsUnchanged: 2, evidenceAdded: 0))
            #expect(try dump(store) == before)
        }
    }

    @Test func aChangedDocumentReplacesItsEvidence() throws {
        try withStore { store in
            let sharedAttack = "واستهدفت هيئة تحرير الشام مواقع للنظام في ريف إدلب."
            _ = try store.ingest([
                extraction("doc-a", date: "2019-01-01", [Self.attackHoms, sharedAttack],
                           mentions: [M(Actors.isis, "تنظيم الدولة"), M(Actors.hts, "هيئة تحرير الشام", in: 1)],
                           relations: [R(Actors.isis, .attacked, Actors.regime),
                                       R(Actors.hts, .attacked, Actors.regime, in: 1)]),
                extraction("doc-b", date: "2019-02-01", [sharedAttack],
                           mentions: [M(Actors.hts, "الهيئة")],
                           relations: [R(Actors.hts, .attacked, Actors.regime)]),
            ])
            #expect(try store.counts().edges == 2)

            // doc-a now only says that the SDF attacked ISIS.
            let summary = try store.ingest([
                extraction("doc-a", date: "2019-03-01", ["هاجمت قوات سوريا الديمقراطية خلايا لتنظيم الدولة في دير الزور."],
                           mentions: [M(Actors.sdf, "قوات سوريا الديمقراطية"), M(Actors.isis, "تنظيم الدولة")],
                           relations: [R(Actors.sdf, .attacked, Actors.isis)]),
            ])
            #expect(summary == IngestSummary(documentsAdded: 0, documentsReplaced: 1, documentsUnchanged: 0, evidenceAdded: 1, edgesAdded: 1))

            var edges: [GraphEdge] = []
            try store.forEachEdge { edges.append($0) }
            // ISIS→regime had its only evidence in the old doc-a: gone. HTS→regime keeps doc-b's.
            #expect(edges.map(\.id) == ["HTS--attacked--SYRIAN_GOVERNMENT", "SDF--attacked--ISIS"])
            #expect(edges[0].weight == 1)
            #expect(edges[0].documents == ["doc-b"])
            #expect(edges[1].firstSeen == "2019-03-01")
            #expect(try store.counts() == StoreCounts(documents: 2, nodes: 4, edges: 2, evidence: 2))
            // Old mentions went with the old text.
            #expect(try store.node(Actors.hts.id)?.aliases == ["الهيئة"])
            #expect(try store.node(Actors.isis.id)?.mentions == 1)
            #expect(try store.check() == [])
        }
    }

    @Test func alliedWithIsStoredOnceWhateverTheDirection() throws {
        try withStore { store in
            let alliance = "وقاتل الحزب الإسلامي التركستاني إلى جانب هيئة تحرير الشام في جسر الشغور."
            _ = try store.ingest([
                extraction("doc-1", [alliance],
                           relations: [R(Actors.tip, .alliedWith, Actors.hts, confidence: 0.7),
                                       // the same sentence read the other way round is the same evidence
                                       R(Actors.hts, .alliedWith, Actors.tip, confidence: 0.75)]),
                extraction("doc-2", ["تحالفت هيئة تحرير الشام مع الحزب الإسلامي التركستاني."],
                           relations: [R(Actors.hts, .alliedWith, Actors.tip, trigger: "تحالفت")]),
            ])
            var edges: [GraphEdge] = []
            try store.forEachEdge { edges.append($0) }
            #expect(edges.count == 1)
            #expect(edges.first?.source == Actors.hts.id)
            #expect(edges.first?.target == Actors.tip.id)
            #expect(edges.first?.weight == 2)
            let rows = try store.evidence(between: Actors.tip.id, and: Actors.hts.id)
            #expect(rows.map(\.confidence) == [0.75, 0.8])
        }
    }

    @Test func nodesAreUpsertedAndPlaceholdersFilled() throws {
        try withStore { store in
            _ = try store.ingest([extraction("doc-1", [Self.daeshAttack], mentions: [M(Actors.isis, "داعش")])])
            var renamed = Actors.isis
            renamed.nameEn = "ISIS"
            var second = extraction("doc-2", ["هاجم لواء الفتح حاجزا للنظام."], mentions: [M(renamed, "داعش")])
            // A relation to a node the extraction forgot to declare still gets a node row.
            second.relations = [Relation(source: NodeID("new:liwa-al-fath"), type: .attacked, target: Actors.regime.id,
                                         sentence: 0, sentenceRange: 0..<second.document.text.utf8.count,
                                         trigger: "هاجم", frame: "verbal", confidence: 0.5, hedged: false)]
            _ = try store.ingest([second])
            #expect(try store.node(Actors.isis.id)?.labelEn == "ISIS")
            #expect(try store.node(NodeID("new:liwa-al-fath"))?.kind == .other)
            #expect(try store.check() == [])
        }
    }

    /// `ingest` writes with SQLite's per-row foreign-key check off (it writes parents first) and
    /// leaves it off for the connection's next batch; inside an outer transaction it stays as it
    /// was; an import turns it on again; a new connection has it on; nothing is orphaned.
    @Test func ingestRelaxesForeignKeysAndLeavesNoOrphans() throws {
        try withStore { store in
            func enforced() throws -> Int { try store.database.scalarInt("PRAGMA foreign_keys") }
            #expect(try enforced() == 1)
            // Inside a transaction the pragma cannot change: enforcement stays as it was.
            #expect(try store.transaction { try store.database.relaxForeignKeys(); return try enforced() } == 1)
            _ = try store.transaction { try store.ingest([extraction("doc-0", [Self.daeshAttack], mentions: [M(Actors.isis, "داعش")])]) }
            #expect(try enforced() == 1)

            _ = try store.ingest(Self.twoDocuments)
            #expect(try enforced() == 0)
            #expect(store.database.foreignKeysEnforced == false)
            // A replaced text, a node only a relation names, and a batch inside an outer transaction.
            var replaced = extraction("doc-1", ["هاجم لواء الفتح حاجزا للنظام."], mentions: [M(Actors.regime, "النظام")])
            replaced.relations = [Relation(source: NodeID("new:liwa-al-fath"), type: .attacked, target: Actors.regime.id,
                                           sentence: 0, sentenceRange: 0..<replaced.document.text.utf8.count,
                                           trigger: "هاجم", frame: "verbal", confidence: 0.5, hedged: false)]
            _ = try store.ingest([replaced])
            _ = try store.transaction { try store.ingest([extraction("doc-3", [Self.daeshAttack], mentions: [M(Actors.isis, "داعش")])]) }
            #expect(try store.check() == [])
            #expect(try store.counts().documents == 4)

            // An import checks the file's rows against their parents again.
            _ = try store.importGraph { _, _ in }
            #expect(try enforced() == 1)
            #expect(store.database.foreignKeysEnforced)
        }
    }

    /// Batch after batch, the writer's prepared statements are not expired and parsed again (setting
    /// the foreign-key pragma around each batch did that to every one of them).
    @Test func batchesDoNotReprepareStatements() throws {
        try withStore { store in
            // The first batch turns enforcement off: what was prepared before it is prepared again once.
            for id in ["doc-a", "doc-b"] { _ = try store.ingest([extraction(id, [Self.daeshAttack], mentions: [M(Actors.isis, "داعش")])]) }
            let before = store.database.repreparations
            for n in 0..<3 {
                _ = try store.ingest([extraction("doc-c\(n)", [Self.daeshAttack], mentions: [M(Actors.isis, "داعش")])])
            }
            #expect(store.database.repreparations == before)
        }
    }

    @Test func everyRelationTypeAndNodeKindRoundTrips() throws {
        try withStore { store in
            var nodes: [Node] = []
            for kind in NodeKind.allCases {
                nodes.append(Node(id: NodeID("node:\(kind.rawValue)"), kind: kind, nameAr: "عقدة", nameEn: kind.rawValue))
            }
            let text = "جملة للاختبار."
            let relations = RelationType.allCases.enumerated().map { index, type in
                Relation(source: nodes[index].id, type: type, target: nodes[index + 1].id, sentence: 0,
                         sentenceRange: 0..<text.utf8.count, trigger: "t", frame: "verbal", confidence: 0.5, hedged: true)
            }
            _ = try store.ingest([Extraction(document: Document(id: "d", text: text), nodes: nodes, mentions: [], relations: relations)])
            var edges: [GraphEdge] = []
            try store.forEachEdge { edges.append($0) }
            #expect(Set(edges.map(\.relation)) == Set(RelationType.allCases))
            for node in nodes { #expect(try store.node(node.id)?.kind == node.kind) }
            #expect(try store.evidence(between: nodes[0].id, and: nodes[1].id).first?.hedged == true)
        }
    }

    @Test func contentHashIsFNV1a64() {
        #expect(contentHash("") == "cbf29ce484222325")
        #expect(contentHash("a") == "af63dc4c8601ec8c")
        #expect(contentHash("foobar") == "85944171f73967e8")
        #expect(contentHash("هاجم") != contentHash("هاجمت"))
    }
}
