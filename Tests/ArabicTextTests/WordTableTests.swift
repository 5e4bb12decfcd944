import Testing
@testable import ArabicText

@Suite struct WordTableTests {
    /// Many keys of varied length (Arabic and ASCII, the empty word too) force several regrowths
    /// of slots and of the byte arena; every key must still be found, with its own value.
    @Test func findsEveryKeyAfterGrowing() {
        var table = WordTable<Int>()
        let words = [""] + (0..<5000).map { i in i % 3 == 0 ? "كلمة\(i)" : i % 3 == 1 ? "w\(i)" : String(repeating: "ب", count: i % 40 + 1) + "\(i)" }
        for (i, w) in words.enumerated() {
            let (e, inserted) = table.insert(w) { i }
            #expect(inserted)
            #expect(e == i)
        }
        #expect(table.count == words.count)
        for (i, w) in words.enumerated() {
            #expect(table.value(w) == i)
            #expect(table.key(at: i).word == w)
        }
        #expect(table.value("كلمة") == nil)
        #expect(table.value("w50000") == nil)
        // Inserting again finds the old entry and keeps its value.
        let again = table.insert("w1") { -1 }
        #expect(!again.inserted && table.values[again.entry] == words.firstIndex(of: "w1"))
    }

    /// The same word under two tags is two keys (how the trie keys its edges by parent node).
    @Test func tagsSeparateKeys() {
        var table = WordTable<String>()
        table.insert("قصف", tag: 0) { "root" }
        table.insert("قصف", tag: 7) { "child of 7" }
        #expect(table.value("قصف", tag: 0) == "root")
        #expect(table.value("قصف", tag: 7) == "child of 7")
        #expect(table.value("قصف", tag: 8) == nil)
        #expect(table.count == 2)
    }

    /// Bytes decide: a word in another normalization form is another key (the normalizer runs first).
    @Test func comparesBytesNotCanonicalEquivalence() {
        let composed = "\u{0622}"          // آ
        let decomposed = "\u{0627}\u{0653}" // ا + madda above
        var set = WordSet()
        set.insert(composed)
        #expect(set.contains(composed))
        #expect(!set.contains(decomposed))
    }

    /// A copy is a value: inserting into one leaves the other as it was.
    @Test func copiesOnWrite() {
        var a: WordMap<Int> = ["قوات": 1]
        let b = a
        a["جيش"] = 2
        a["قوات"] = 3
        #expect(b["جيش"] == nil && b["قوات"] == 1 && b.count == 1)
        #expect(a["جيش"] == 2 && a["قوات"] == 3 && a.count == 2)
    }

    /// Removing through the map, iteration in insertion order, and set equality regardless of order.
    @Test func removesIteratesAndCompares() {
        var map = WordMap<Int>()
        for (i, w) in ["ا", "ب", "ج", "د"].enumerated() { map[w] = i }
        map["ب"] = nil
        #expect(map.map(\.key) == ["ا", "ج", "د"])
        #expect(map["ج"] == 2 && map["ب"] == nil)
        let s1: WordSet = ["x", "y", "z"]
        let s2: WordSet = ["z", "x", "y"]
        let s3: WordSet = ["z", "x"]
        #expect(s1 == s2)
        #expect(s1 != s3)
        #expect(Array(s1) == ["x", "y", "z"])
    }

    @Test func bytesReadInPlaceAreTheString() {
        // Empty, small (inline), large and sliced-out strings: the bytes given are the string's.
        let large = String(repeating: "تنظيم الدولة ", count: 20)
        for s in ["", "ab", "داعش", large, String(large.dropFirst(3)), String(Substring("xقسد").dropFirst())] {
            #expect(s.withUTF8InPlace { Array($0) } == Array(s.utf8), "\(s)")
        }
        // Words found by a string equal to the one inserted but made apart (another buffer).
        var table = WordTable<Int>()
        table.insert(large) { 7 }
        let rebuilt = String(decoding: Array(large.utf8), as: UTF8.self)
        #expect(table.value(rebuilt) == 7)
        #expect(Word(rebuilt) == Word(large) && Word(rebuilt).hashValue == Word(large).hashValue)
        #expect(Word(rebuilt + "x") != Word(large))
    }
}
