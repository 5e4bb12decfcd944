import Foundation
import Testing
@testable import GraphStore

/// The built-in SQLite carries one patch (`Sources/CSQLite/README.md`): its sorter compares the
/// fields after a tied first field straight from the two records while they are text under BINARY
/// collation or integers. An index its sorter builds (CREATE INDEX over rows already there) must
/// hold its entries in exactly the order of an index the B-tree built row by row as they came (no
/// sorter), for every mix of types, collations and orders: the patch's own cases and those it
/// leaves to SQLite's general comparison.
@Suite("Sorter order")
struct SorterOrderTests {
    /// A value of the mixed column: integers of every stored width (and 0 and 1, which take no
    /// bytes), text with shared prefixes and text long enough for a two-byte length, reals, NULLs
    /// and blobs.
    static func mixedValue(_ r: inout SplitMix) -> String {
        switch r.next() % 9 {
        case 0: return "\(Int64(bitPattern: r.next()) >> (r.next() % 63))"
        case 1: return "\(Int(r.next() % 3))"
        case 2: return "-\(r.next() % 70_000)"
        case 3: return "'\(Self.text(&r))'"
        case 4: return "'\(String(repeating: "ع", count: 30 + Int(r.next() % 4)))\(r.next() % 3)'"
        case 5: return "\(Double(r.next() % 1000) / 8)"
        case 6: return "NULL"
        case 7: return "x'\(String(format: "%02x", r.next() % 4))'"
        default: return "'\(r.next() % 5)'"
        }
    }

    /// Short text from a small alphabet (many ties, many shared prefixes), Arabic and Latin.
    static func text(_ r: inout SplitMix) -> String {
        let letters = ["ا", "ب", "a", "B", "b", ""]
        return (0..<Int(r.next() % 4)).map { _ in letters[Int(r.next() % UInt64(letters.count))] }.joined()
    }

    @Test(arguments: [
        "a, b, c, d",              // text first (the mentions index's shape), then anything
        "d, a, b",                 // integer first (the evidence index's shape)
        "a, b DESC, c",            // a descending field: left to the general comparison
        "a, c COLLATE NOCASE, b",  // another collation: likewise
        "b, a, d",                 // mixed types first
        "e, a, d",                 // a real first
    ])
    func anIndexTheSorterBuildsIsInTheOrderOfOneBuiltRowByRow(columns: String) throws {
        try withTemporaryDirectory { folder in
            let database = try Database(path: folder.appendingPathComponent("t.sqlite").path, readOnly: false)
            // A small page cache: the sorter writes many sorted pieces and merges them, on two threads.
            try database.execute("PRAGMA cache_size = -64")
            try database.execute("PRAGMA threads = 2")
            try database.execute("CREATE TABLE t (a TEXT, b, c TEXT, d INTEGER, e REAL)")
            try database.execute("CREATE INDEX by_row ON t(\(columns))")
            var r = SplitMix(seed: 0x5EED)
            try database.transaction {
                for _ in 0..<12_000 {
                    let a = ["'ابن'", "'ابن'", "'ISIS'", "'ا'", "NULL"][Int(r.next() % 5)]
                    let c = "'\(Self.text(&r))'"
                    let d = r.next() % 4 == 0 ? "\(r.next() % 3)" : "\(Int64(bitPattern: r.next()) >> (r.next() % 63))"
                    let e = r.next() % 5 == 0 ? "NULL" : "\(Double(r.next() % 6) / 2)"
                    try database.execute("INSERT INTO t VALUES (\(a), \(Self.mixedValue(&r)), \(c), \(d), \(e))")
                }
            }
            try database.execute("CREATE INDEX by_sorter ON t(\(columns))")
            #expect(try database.strings("PRAGMA integrity_check") == ["ok"])
            func order(_ index: String) throws -> [String] {
                // `quote` tells 1 from '1' and 1.0, so the rows must match in type as well as order.
                try database.strings("SELECT quote(a) || quote(b) || quote(c) || quote(d) || quote(e) || rowid FROM t INDEXED BY \(index) ORDER BY \(columns)")
            }
            let byRow = try order("by_row"), bySorter = try order("by_sorter")
            #expect(byRow.count == 12_000)
            // The first row out of place, not two 12,000-row arrays, when they differ.
            let firstDifference = zip(byRow, bySorter).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(firstDifference == nil)
        }
    }
}

/// A small deterministic generator (SplitMix64), so that a failure can be run again.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
