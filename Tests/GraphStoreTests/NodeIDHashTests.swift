import ActorGraphModel
import Testing

/// `NodeID` hashes ASCII ids by their bytes and others as strings: sets and dictionaries of ids must
/// still find every id equal to one they hold, and only those.
@Suite struct NodeIDHashTests {
    @Test func equalIdsHashAlike() {
        let ids = ["ISIS", "SDF", "place:palmyra", "new:جيش_المدينة", "place:تدمر", "", "a\u{0323}\u{0307}"]
        var set = Set(ids.map(NodeID.init))
        #expect(set.count == ids.count)
        for id in ids {
            #expect(set.contains(NodeID(id)))
            // A copy made from its bytes is another string with the same contents.
            let copy = NodeID(String(decoding: Array(id.utf8), as: UTF8.self))
            #expect(copy == NodeID(id) && copy.hashValue == NodeID(id).hashValue && set.contains(copy))
        }
        // Canonically equal, the same length in UTF-8 (combining marks in another order): one id.
        let reordered = NodeID("a\u{0307}\u{0323}")
        #expect(reordered == NodeID("a\u{0323}\u{0307}"))
        #expect(reordered.hashValue == NodeID("a\u{0323}\u{0307}").hashValue)
        #expect(!set.insert(reordered).inserted)
        // Canonically equal to an ASCII id but longer (KELVIN SIGN): another id.
        #expect(NodeID("\u{212A}") != NodeID("K"))
        set.insert(NodeID("K"))
        #expect(!set.contains(NodeID("\u{212A}")))
        var dictionary: [NodeID: Int] = [:]
        for (i, id) in ids.enumerated() { dictionary[NodeID(id)] = i }
        for (i, id) in ids.enumerated() { #expect(dictionary[NodeID(String(decoding: Array(id.utf8), as: UTF8.self))] == i) }
        #expect(dictionary[NodeID("ISIS ")] == nil && dictionary[NodeID("isis")] == nil)
    }
}
