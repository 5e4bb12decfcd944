import Testing
@testable import Ontology

/// A token's list asked in place (`contains`, `first`, `isEmpty`) answers as its slice does.
@Suite("Token lists")
struct TokenListsTests {
    @Test func inPlaceQuestionsAgreeWithTheSlice() {
        // Lists of 0 to 3 items over 40 tokens, from a fixed pseudo-random sequence.
        var lists = TokenLists<Int>(capacity: 40)
        var state: UInt64 = 11
        for _ in 0..<40 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for n in 0..<Int(state >> 62) { lists.items.append(Int(state >> 40) % 7 + n) }
            lists.close()
        }
        #expect(lists.count == 40)
        var nonEmpty = 0
        for k in 0..<lists.count {
            let slice = lists[k]
            if !slice.isEmpty { nonEmpty += 1 }
            #expect(lists.isEmpty(k) == slice.isEmpty)
            for wanted in 0..<9 {
                #expect(lists.contains(k, where: { $0 == wanted }) == slice.contains(wanted))
                #expect(lists.first(k, where: { $0 >= wanted }) == slice.first(where: { $0 >= wanted }))
            }
        }
        #expect(nonEmpty > 5 && nonEmpty < 40)   // both kinds of list were asked
    }
}
