import ActorGraphModel
import Testing
@testable import GraphStore

@Suite("Structural balance: inferred allies and adversaries")
struct BalanceTests {
    static let russia = Node(id: NodeID("RUSSIA"), kind: .state, nameAr: "روسيا", nameEn: "Russia")
    static let civilians = Node(id: NodeID("CIVILIANS"), kind: .population, nameAr: "المدنيون", nameEn: "civilians")

    @Test func inferredFromTwoStepPathsAndNeverWhatIsObserved() throws {
        try withStore { store in
            _ = try store.ingest([
                extraction("d1", date: "2016-01-01", ["a.", "b.", "c.", "d.", "e."],
                           relations: [R(Actors.isis, .attacked, Actors.regime),          // ISIS – regime: adversaries
                                       R(Actors.regime, .alliedWith, Self.russia, in: 1),   // regime + Russia
                                       R(Actors.hts, .attacked, Actors.regime, in: 2),       // HTS – regime
                                       R(Actors.isis, .attacked, Self.civilians, in: 3),
                                       R(Actors.sdf, .attacked, Self.civilians, in: 4)]),
                extraction("d2", date: "2018-01-01", ["f."], relations: [R(Actors.isis, .alliedWith, Actors.tip)]),
            ])
            // The ally of an adversary: Russia, through the regime. Observed adversaries are not repeated.
            let adversaries = try store.inferredNeighbours(of: Actors.isis.id, relation: .attacked)
            #expect(adversaries.map(\.node.id.rawValue) == ["RUSSIA"])
            let path = try #require(adversaries.first?.paths.first)
            #expect(path.via == Actors.regime.id && path.first == .attacked && path.second == .alliedWith && path.weight == 1)

            // The adversary of an adversary: HTS (through the regime); never the attacked civilians' other attacker.
            let allies = try store.inferredNeighbours(of: Actors.isis.id, relation: .alliedWith)
            #expect(allies.map(\.node.id.rawValue) == ["HTS"])
            // The adversary of an ally: TIP's ally ISIS attacked the regime, so the regime is TIP's likely adversary.
            let tip = try store.inferredNeighbours(of: Actors.tip.id, relation: .attacked)
            #expect(tip.map(\.node.id.rawValue) == ["SYRIAN_GOVERNMENT"])
            #expect(tip.first?.paths.map(\.via) == [Actors.isis.id])
            // Dates apply to every step: before the alliance of 2018 there is nothing to infer for TIP.
            #expect(try store.inferredNeighbours(of: Actors.tip.id, relation: .attacked, until: "2017-12-31").isEmpty)
            #expect(try store.inferredNeighbours(of: Actors.isis.id, relation: .controls).isEmpty)
        }
    }
}
