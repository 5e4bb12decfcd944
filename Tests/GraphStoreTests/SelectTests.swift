import ActorGraphModel
import Testing
@testable import GraphStore

@Suite("Choosing part of the graph")
struct SelectTests {
    /// ISIS–regime attacks in two documents, SDF and HTS on the side, an alliance and a controlled place in 2017.
    func fill(_ store: SQLiteStore) throws {
        _ = try store.ingest([
            extraction("doc-1", date: "2016-01-10", ["هاجم التنظيم النظام.", "رد النظام.", "هاجم التنظيم قسد."],
                       relations: [R(Actors.isis, .attacked, Actors.regime), R(Actors.regime, .attacked, Actors.isis, in: 1),
                                   R(Actors.isis, .attacked, Actors.sdf, in: 2)]),
            extraction("doc-2", date: "2016-02-01", ["هاجم التنظيم المطار.", "استهدفت الهيئة التنظيم."],
                       relations: [R(Actors.isis, .attacked, Actors.regime),
                                   R(Actors.hts, .attacked, Actors.isis, in: 1, confidence: 0.5)]),
            extraction("doc-3", date: "2017-05-05", ["تحالفت الهيئة مع الحزب.", "يسيطر التنظيم على تدمر."],
                       relations: [R(Actors.hts, .alliedWith, Actors.tip), R(Actors.isis, .controls, Actors.palmyra, in: 1)]),
        ])
    }

    func select(_ store: SQLiteStore, _ change: (inout GraphFilter) -> Void) throws -> (nodes: [String], edges: [String]) {
        var filter = GraphFilter()
        change(&filter)
        let (nodes, edges) = try store.selectGraph(filter)
        return (nodes.map(\.id.rawValue), edges.map { "\($0.source) \($0.relation.rawValue) \($0.target) \($0.weight)" })
    }

    @Test func relationWeightConfidenceAndDates() throws {
        try withStore { store in
            try fill(store)
            let all = try select(store) { _ in }
            #expect(all.edges.count == 6)
            #expect(all.nodes == ["HTS", "ISIS", "SDF", "SYRIAN_GOVERNMENT", "TURKISTAN_ISLAMIC_PARTY", "place:palmyra"])

            let attacks = try select(store) { $0.relations = [.attacked] }
            #expect(attacks.edges == ["HTS attacked ISIS 1", "ISIS attacked SDF 1", "ISIS attacked SYRIAN_GOVERNMENT 2",
                                      "SYRIAN_GOVERNMENT attacked ISIS 1"])
            #expect(attacks.nodes == ["HTS", "ISIS", "SDF", "SYRIAN_GOVERNMENT"])

            #expect(try select(store) { $0.minWeight = 2 }.edges == ["ISIS attacked SYRIAN_GOVERNMENT 2"])
            #expect(try select(store) { $0.minConfidence = 0.6 }.edges.contains("HTS attacked ISIS 1") == false)

            // The window counts evidence inside it only: the ISIS→regime weight falls to 1.
            let february = try select(store) { $0.since = "2016-02-01"; $0.until = "2016-12-31" }
            #expect(february.edges == ["HTS attacked ISIS 1", "ISIS attacked SYRIAN_GOVERNMENT 1"])
            #expect(try select(store) { $0.until = "2016-01-31" }.edges.count == 3)
        }
    }

    @Test func kindsLeavePlacesOut() throws {
        try withStore { store in
            try fill(store)
            let noPlaces = try select(store) { $0.excludedKinds = [.location] }
            #expect(!noPlaces.nodes.contains("place:palmyra"))
            #expect(!noPlaces.edges.contains { $0.contains("controls") })
            #expect(noPlaces.edges.count == 5)
            let states = try select(store) { $0.kinds = [.state] }
            #expect(states.nodes == ["SYRIAN_GOVERNMENT"] && states.edges.isEmpty)
        }
    }

    @Test func egoNeighbourhoodGrowsWithDepth() throws {
        try withStore { store in
            try fill(store)
            let one = try select(store) { $0.ego = Actors.sdf.id }
            #expect(one.nodes == ["ISIS", "SDF"] && one.edges == ["ISIS attacked SDF 1"])
            let two = try select(store) { $0.ego = Actors.sdf.id; $0.depth = 2 }
            #expect(two.nodes == ["HTS", "ISIS", "SDF", "SYRIAN_GOVERNMENT", "place:palmyra"])
            #expect(two.edges.count == 5)
            let three = try select(store) { $0.ego = Actors.sdf.id; $0.depth = 3 }
            #expect(three.nodes.contains("TURKISTAN_ISLAMIC_PARTY") && three.edges.count == 6)
            let zero = try select(store) { $0.ego = Actors.sdf.id; $0.depth = 0 }
            #expect(zero.nodes == ["SDF"] && zero.edges.isEmpty)
        }
    }
}
