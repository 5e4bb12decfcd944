import Testing
import ActorGraphModel
@testable import GraphStore

/// A document's declared nodes answer as a set of their ids would, searched in place or hashed.
@Suite("Declared nodes")
struct DeclaredNodesTests {
    func node(_ id: String) -> Node { Node(id: NodeID(id), kind: .other, nameAr: id, nameEn: id) }

    @Test("a few searched in place, many hashed: the same answers as a set")
    func answersAsASet() {
        for count in [0, 1, 5, 32, 33, 80] {
            let ids = (0..<count).map { "N\($0 * 7)" }
            let declared = DeclaredNodes(ids.map(node))
            #expect((declared.set != nil) == (count > 32))
            let set = Set(ids.map(NodeID.init))
            for probe in (0..<600).map({ NodeID("N\($0)") }) + [NodeID(""), NodeID("N"), NodeID("n0")] {
                #expect(declared.contains(probe) == set.contains(probe), "\(count) \(probe)")
            }
        }
    }
}
