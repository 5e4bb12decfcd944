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

    /// The selection as it was made before it streamed: every node and edge read into memory, then
    /// filtered. `selectGraph` (and so the streaming export) must give the same for every filter.
    static func reference(_ store: SQLiteStore, _ filter: GraphFilter) throws -> (nodes: [GraphNode], edges: [GraphEdge]) {
        var nodes: [NodeID: GraphNode] = [:]
        try store.forEachNode { if filter.keeps($0.kind) { nodes[$0.id] = $0 } }
        var edges: [GraphEdge] = []
        try store.forEachEdge(minConfidence: filter.minConfidence, since: filter.since, until: filter.until) { edge in
            guard filter.relations.isEmpty || filter.relations.contains(edge.relation), edge.weight >= filter.minWeight,
                  nodes[edge.source] != nil, nodes[edge.target] != nil else { return }
            edges.append(edge)
        }
        if let ego = filter.ego {
            var reached: Set<NodeID> = [ego], frontier = [ego], kept = Set<Int>()
            for _ in 0..<max(filter.depth, 0) {
                var next: [NodeID] = []
                for n in frontier {
                    for (i, e) in edges.enumerated() where e.source == n || e.target == n {
                        kept.insert(i)
                        let other = e.source == n ? e.target : e.source
                        if reached.insert(other).inserted { next.append(other) }
                    }
                }
                frontier = next
            }
            for (i, e) in edges.enumerated() where reached.contains(e.source) && reached.contains(e.target) { kept.insert(i) }
            if nodes[ego] == nil, let node = try store.node(ego), filter.keeps(node.kind) { nodes[ego] = node }
            return (reached.compactMap { nodes[$0] }.sorted { $0.id < $1.id }, kept.sorted().map { edges[$0] })
        }
        if filter.filtersEdges {
            let ends = Set(edges.flatMap { [$0.source, $0.target] })
            return (ends.compactMap { nodes[$0] }.sorted { $0.id < $1.id }, edges)
        }
        return (nodes.values.sorted { $0.id < $1.id }, edges)
    }

    @Test func theSelectionIsWhatFilteringEverythingInMemoryGave() throws {
        try withStore { store in
            try fill(store)
            // Mentions, so that nodes carry aliases and detail; a node the ontology declared alone.
            _ = try store.ingest([extraction("doc-4", date: "2016-03-03", ["قال التنظيم إن قسد انسحبت من تدمر."],
                                             mentions: [M(Actors.isis, "التنظيم"), M(Actors.sdf, "قسد"), M(Actors.palmyra, "تدمر")],
                                             extraNodes: [Actors.tip])])
            let lonely = Node(id: NodeID("LONELY_GROUP"), kind: .armedGroup, nameAr: "جماعة وحيدة", nameEn: "Lonely group")
            _ = try store.ingest([extraction("doc-5", ["لا شيء هنا."], extraNodes: [lonely])])
            // A triangle: with ISIS as the ego, this edge joins two of its neighbours.
            _ = try store.ingest([extraction("doc-6", date: "2016-04-04", ["قصف النظام قسد."],
                                             relations: [R(Actors.regime, .attacked, Actors.sdf)])])
            var filters: [GraphFilter] = []
            for relations: Set<RelationType> in [[], [.attacked], [.alliedWith, .controls]] {
                for (minWeight, minConfidence) in [(1, 0.0), (2, 0.0), (1, 0.6)] {
                    for (since, until) in [(nil, nil), ("2016-01-15", nil), (nil, "2016-12-31")] as [(String?, String?)] {
                        var f = GraphFilter()
                        f.relations = relations; f.minWeight = minWeight; f.minConfidence = minConfidence
                        f.since = since; f.until = until
                        filters.append(f)
                    }
                }
            }
            for ego in [Actors.sdf.id, Actors.isis.id, Actors.palmyra.id, lonely.id, NodeID("NOBODY")] {
                for depth in [0, 1, 2] {
                    for excluded: Set<NodeKind> in [[], [.location], [.armedGroup]] {
                        var f = GraphFilter(); f.ego = ego; f.depth = depth; f.excludedKinds = excluded
                        filters.append(f)
                    }
                }
            }
            // An ego with edge conditions: the walk sees only the edges that pass them.
            for ego in [Actors.sdf.id, Actors.isis.id] {
                for depth in [1, 2] {
                    var f = GraphFilter(); f.ego = ego; f.depth = depth; f.relations = [.attacked]; filters.append(f)
                    f = GraphFilter(); f.ego = ego; f.depth = depth; f.minWeight = 2; filters.append(f)
                    f = GraphFilter(); f.ego = ego; f.depth = depth; f.since = "2016-01-15"; f.minConfidence = 0.6; filters.append(f)
                }
            }
            var kinds = GraphFilter(); kinds.kinds = [.armedGroup, .state]; filters.append(kinds)
            var places = GraphFilter(); places.excludedKinds = [.location]; filters.append(places)
            var nonEmpty = 0
            for filter in filters {
                let expected = try Self.reference(store, filter)
                let got = try store.selectGraph(filter)
                #expect(got.nodes == expected.nodes, "\(filter)")
                #expect(got.edges == expected.edges, "\(filter)")
                if !got.edges.isEmpty { nonEmpty += 1 }
            }
            #expect(nonEmpty >= 30)
            // The ego no mention or edge names is its own graph.
            var alone = GraphFilter(); alone.ego = lonely.id
            #expect(try store.selectGraph(alone).nodes.map(\.id) == [lonely.id])
            // The outline a picture is drawn from: the same nodes and edges, in the same order, with
            // the same names, kinds, mention counts, weights and confidences.
            for filter in filters + [alone] {
                let whole = try store.selectGraph(filter), outline = try store.selectGraphOutline(filter)
                #expect(outline.nodes.map { GraphNode(id: $0.id, label: $0.label, labelEn: $0.labelEn, kind: $0.kind,
                                                      aliases: $0.aliases, mentions: $0.mentions) }
                        == whole.nodes.map { GraphNode(id: $0.id, label: $0.label, labelEn: $0.labelEn, kind: $0.kind,
                                                       aliases: $0.aliases, mentions: $0.mentions) }, "\(filter)")
                #expect(outline.nodes.allSatisfy { $0.mentionDetail.isEmpty })
                #expect(outline.edges.map { "\($0.id) \($0.weight) \($0.confidence)" }
                        == whole.edges.map { "\($0.id) \($0.weight) \($0.confidence)" }, "\(filter)")
            }
        }
    }

    /// The nodes a selection names, read one by one: the same nodes, aliases, counts and mention
    /// rows as picking them out of every node; a node nothing names and an unknown id give nothing.
    @Test func nodesReadByIdAreThoseOfTheWholeStream() throws {
        try withStore { store in
            try fill(store)
            _ = try store.ingest([extraction("doc-4", date: "2016-03-03", ["قال التنظيم إن قسد انسحبت من تدمر."],
                                             mentions: [M(Actors.isis, "التنظيم"), M(Actors.sdf, "قسد"), M(Actors.palmyra, "تدمر")])])
            let lonely = Node(id: NodeID("LONELY_GROUP"), kind: .armedGroup, nameAr: "جماعة وحيدة", nameEn: "Lonely group")
            _ = try store.ingest([extraction("doc-5", ["لا شيء هنا."], extraNodes: [lonely])])
            func read(_ ids: [NodeID]?) throws -> [String] {
                var out: [String] = []
                let body: (GraphNode, _ rows: (_ row: (UnsafeBufferPointer<UInt8>, Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void) throws -> Void = {
                    node, rows in
                    var line = "\(node.id) \(node.kind) \(node.label) \(node.aliases) \(node.mentions):"
                    try rows { document, count, surface in
                        line += " \(String(decoding: document, as: UTF8.self))/\(count)/\(String(decoding: surface, as: UTF8.self))"
                    }
                    out.append(line)
                }
                if let ids { try store.forEachNodeStreamingDetail(ids, body) } else { try store.forEachNodeStreamingDetail(body) }
                return out
            }
            let all = try read(nil)
            let ids = all.map { NodeID(String($0.prefix { $0 != " " })) }
            #expect(ids.count >= 5)
            for subset in [[Int](), [0], Array(stride(from: 1, to: ids.count, by: 2)), Array(ids.indices)] {
                let chosen = subset.map { ids[$0] } + [lonely.id, NodeID("NOBODY")]
                let expected = all.enumerated().filter { subset.contains($0.offset) }.map(\.element)
                #expect(try read(GraphSelection.sortedByBytes(chosen)) == expected, "\(subset)")
            }
        }
    }

    /// The edges a selection names, read one by one (a few edges of a large store): the same edges,
    /// aggregates and order as picking them out of every edge, in and out of date windows.
    @Test func edgesReadByKeyAreThoseOfTheWholeScan() throws {
        try withStore { store in
            try fill(store)
            var all: [GraphEdge] = []
            try store.forEachEdge { all.append($0) }
            #expect(all.count >= 4)
            let keys = all.map { GraphSelection.EdgeKey($0.source, $0.relation, $0.target) }
            let subsets: [[Int]] = [[], [0], [all.count - 1], Array(stride(from: 0, to: all.count, by: 2)), Array(all.indices)]
            for subset in subsets {
                let wanted = Set(subset.map { keys[$0] })
                // Given out of order, sorted as the selection sorts them.
                let selection = GraphSelection(filter: GraphFilter(), edges: Dictionary(uniqueKeysWithValues: subset.reversed().map { (keys[$0], (1, 1.0)) }),
                                               nodes: nil)
                #expect(Set(selection.sortedEdgeKeys) == wanted)
                for (minConfidence, since, until) in [(0.0, nil, nil), (0.6, nil, nil), (0.0, "2016-01-15", nil), (0.0, nil, "2016-01-31")] as [(Double, String?, String?)] {
                    var expected: [GraphEdge] = []
                    try store.forEachEdge(minConfidence: minConfidence, since: since, until: until) { edge in
                        if wanted.contains(GraphSelection.EdgeKey(edge.source, edge.relation, edge.target)) { expected.append(edge) }
                    }
                    var got: [GraphEdge] = []
                    try store.forEachEdge(selection.sortedEdgeKeys, minConfidence: minConfidence, since: since, until: until) { got.append($0) }
                    #expect(got == expected, "\(subset) \(minConfidence) \(since ?? "-") \(until ?? "-")")
                }
            }
        }
    }
}
