import ActorGraphModel
import Testing
@testable import GraphStore

@Suite("Querying the graph")
struct QueryTests {
    @Test func neighboursMergeDirectionsStrongestFirst() throws {
        try withStore { store in
            _ = try store.ingest([
                extraction("doc-1", date: "2016-01-10",
                           ["هاجم تنظيم الدولة مواقع النظام في دير الزور.", "ورد النظام بقصف مواقع التنظيم.",
                            "كما هاجم التنظيم حاجزا لقوات سوريا الديمقراطية."],
                           relations: [R(Actors.isis, .attacked, Actors.regime),
                                       R(Actors.regime, .attacked, Actors.isis, in: 1, confidence: 0.6),
                                       R(Actors.isis, .attacked, Actors.sdf, in: 2)]),
                extraction("doc-2", date: "2016-02-01",
                           ["هاجم تنظيم الدولة مطار دير الزور العسكري.", "واستهدفت هيئة تحرير الشام عناصر التنظيم."],
                           relations: [R(Actors.isis, .attacked, Actors.regime),
                                       R(Actors.hts, .attacked, Actors.isis, in: 1, confidence: 0.5)]),
                extraction("doc-3", ["تحالف التنظيم مع جماعة محلية."],
                           relations: [R(Actors.isis, .alliedWith, Actors.tip)]),
            ])
            let adversaries = try store.neighbours(of: Actors.isis.id, relations: [.attacked])
            #expect(adversaries.map(\.node.id.rawValue) == ["SYRIAN_GOVERNMENT", "HTS", "SDF"])
            #expect(adversaries.map(\.direction) == [.both, .incoming, .outgoing])
            #expect(adversaries.map(\.weight) == [3, 1, 1])
            #expect(adversaries[0].documents == ["doc-1", "doc-2"])
            #expect(abs(adversaries[0].confidence - (1 - 0.2 * 0.2)) < 1e-12)
            #expect(adversaries[0].node.label == "النظام السوري")

            let allies = try store.neighbours(of: Actors.tip.id, relations: [.alliedWith])
            #expect(allies.map(\.node.id) == [Actors.isis.id])
            #expect(allies.first?.direction == .both)
            #expect(try store.neighbours(of: Actors.isis.id, relations: [.alliedWith]).map(\.node.id) == [Actors.tip.id])

            let confident = try store.neighbours(of: Actors.isis.id, relations: [.attacked], minConfidence: 0.7)
            #expect(confident.map(\.node.id.rawValue) == ["SYRIAN_GOVERNMENT", "SDF"])
            #expect(try store.neighbours(of: NodeID("NOBODY"), relations: [.attacked]).isEmpty)
        }
    }

    @Test func evidenceBetweenTwoActorsCoversBothDirections() throws {
        try withStore { store in
            _ = try store.ingest([
                extraction("doc-2", date: "2017-04-04", ["ردت قوات النظام بقصف مواقع التنظيم."],
                           relations: [R(Actors.regime, .attacked, Actors.isis, trigger: "قصف")]),
                extraction("doc-1", date: "2017-04-03", ["هاجم تنظيم الدولة مواقع النظام.", "ثم هاجم التنظيم المطار."],
                           relations: [R(Actors.isis, .attacked, Actors.regime, in: 1, hedged: true),
                                       R(Actors.isis, .attacked, Actors.regime)]),
            ])
            let rows = try store.evidence(between: Actors.isis.id, and: Actors.regime.id)
            #expect(rows.map(\.document) == ["doc-1", "doc-1", "doc-2"])
            #expect(rows.map(\.sentenceIndex) == [0, 1, 0])
            #expect(rows.map(\.sentence) == ["هاجم تنظيم الدولة مواقع النظام.", "ثم هاجم التنظيم المطار.",
                                             "ردت قوات النظام بقصف مواقع التنظيم."])
            #expect(rows.map(\.hedged) == [false, true, false])
            #expect(rows[2].source == Actors.regime.id)
            #expect(rows[2].trigger == "قصف")
            #expect(rows[2].frame == "verbal")
            #expect(rows[2].date == "2017-04-04")
            #expect(try store.evidence(between: Actors.regime.id, and: Actors.isis.id) == rows)
        }
    }

    @Test func firstAndLastSeenComeFromDatedEvidence() throws {
        try withStore { store in
            let sentence = "هاجم تنظيم الدولة مواقع قوات النظام في ريف حمص."
            _ = try store.ingest([
                extraction("a", date: "2015-03-01", [sentence], relations: [R(Actors.isis, .attacked, Actors.regime)]),
                extraction("b", date: "2014-07-12", [sentence], relations: [R(Actors.isis, .attacked, Actors.regime)]),
                extraction("c", [sentence], relations: [R(Actors.isis, .attacked, Actors.regime)]),
                extraction("d", [sentence], relations: [R(Actors.sdf, .attacked, Actors.isis)]),
            ])
            var edges: [GraphEdge] = []
            try store.forEachEdge { edges.append($0) }
            #expect(edges[0].id == "ISIS--attacked--SYRIAN_GOVERNMENT")
            #expect(edges[0].firstSeen == "2014-07-12")
            #expect(edges[0].lastSeen == "2015-03-01")
            #expect(edges[0].weight == 3)
            #expect(edges[1].firstSeen == nil)
            #expect(edges[1].lastSeen == nil)
        }
    }

    @Test func confidenceIsNoisyOrOverDocuments() throws {
        try withStore { store in
            _ = try store.ingest([
                extraction("doc-2", ["هاجم التنظيم مواقع النظام.", "ويرجح أن التنظيم هاجم النظام مجددا."],
                           relations: [R(Actors.isis, .attacked, Actors.regime, confidence: 0.5),
                                       R(Actors.isis, .attacked, Actors.regime, in: 1, confidence: 0.8, hedged: true)]),
                extraction("doc-1", ["هاجم تنظيم الدولة قوات النظام."],
                           relations: [R(Actors.isis, .attacked, Actors.regime, confidence: 0.5)]),
                extraction("doc-3", ["ويعتقد أن هيئة تحرير الشام هاجمت التنظيم.", "هاجمت الهيئة التنظيم."],
                           relations: [R(Actors.hts, .attacked, Actors.isis, confidence: 0.4),
                                       R(Actors.hts, .attacked, Actors.isis, in: 1, confidence: 0.4)]),
                extraction("doc-0", ["اشتبكت الهيئة مع التنظيم."],
                           relations: [R(Actors.hts, .attacked, Actors.isis, confidence: 0.4)]),
            ])
            var edges: [GraphEdge] = []
            try store.forEachEdge { edges.append($0) }
            #expect(edges.map(\.id) == ["HTS--attacked--ISIS", "ISIS--attacked--SYRIAN_GOVERNMENT"])
            // Per document the strongest evidence counts once: 1 − (1 − 0.8)(1 − 0.5).
            #expect(abs(edges[1].confidence - 0.9) < 1e-12)
            #expect(edges[1].evidence == "ويرجح أن التنظيم هاجم النظام مجددا.")
            // Ties go to the lowest document id, then the lowest sentence index.
            #expect(abs(edges[0].confidence - (1 - 0.6 * 0.6)) < 1e-12)
            #expect(edges[0].evidence == "اشتبكت الهيئة مع التنظيم.")

            var strong: [String] = []
            try store.forEachEdge(minConfidence: 0.8) { strong.append($0.id) }
            #expect(strong == ["ISIS--attacked--SYRIAN_GOVERNMENT"])
        }
    }

    @Test func actorsAreOrderedByMentions() throws {
        try withStore { store in
            _ = try store.ingest([
                extraction("doc-1", ["هاجم تنظيم الدولة قوات النظام وقوات سوريا الديمقراطية.", "وقال التنظيم إن داعش باق."],
                           mentions: [M(Actors.isis, "تنظيم الدولة"), M(Actors.regime, "قوات النظام"),
                                      M(Actors.sdf, "قوات سوريا الديمقراطية"), M(Actors.isis, "التنظيم", in: 1),
                                      M(Actors.isis, "داعش", in: 1)],
                           extraNodes: [Actors.hts]),
            ])
            let actors = try store.actors()
            #expect(actors.map(\.id.rawValue) == ["ISIS", "SDF", "SYRIAN_GOVERNMENT"])
            #expect(actors.map(\.mentions) == [3, 1, 1])
            #expect(actors.first?.aliases == ["التنظيم", "تنظيم الدولة", "داعش"])
            #expect(actors.allSatisfy { $0.mentionDetail.isEmpty })
        }
    }

    @Test func streamingToleratesReentrantQueries() throws {
        try withStore { store in
            _ = try store.ingest(IngestTests.twoDocuments)
            var labels: [String] = []
            try store.forEachEdge { edge in
                try store.forEachEdge { _ in }  // same SQL, nested: must not disturb the outer statement
                labels.append(try store.node(edge.source)?.label ?? "?")
            }
            #expect(labels == ["تنظيم الدولة الإسلامية", "النظام السوري"])
        }
    }
}
