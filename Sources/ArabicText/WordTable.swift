#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An open-addressing hash table from (tag, normalized word) to an entry number and a value.
///
/// The lexicon's lookups are the build's innermost loop: every reading of every token is
/// looked up in the tries, the cue and anaphor tables and the word classes. `Dictionary`
/// keyed by `Word` paid for SipHash, a heap object per key and retains of nested storage on
/// every probe. Here keys live as bytes in one arena, a probe is one 64-bit compare and, on a
/// match, one compare of the bytes; the hash takes the bytes eight at a time. Entries keep their insertion order,
/// so iteration is reproducible. The tag lets one table hold keys of many namespaces (a trie
/// keys its edges by parent node); plain sets and maps use tag 0.
public struct WordTable<Value: Sendable>: Sendable {
    /// The keys and the slots; shared between copies until one of them inserts.
    @usableFromInline var keys: WordKeys
    /// Per entry: its value.
    public internal(set) var values: [Value] = []

    public init(capacity: Int = 8) { keys = WordKeys(capacity: capacity) }

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// The entry stored under (tag, bytes), if any.
    @inlinable @inline(__always)
    public func entry(_ bytes: UnsafeBufferPointer<UInt8>, tag: Int32 = 0) -> Int? { keys.entry(bytes, tag: tag) }

    /// The entry stored under (tag, word), if any.
    @inlinable @inline(__always)
    public func entry(_ word: String, tag: Int32 = 0) -> Int? {
        word.withUTF8InPlace { keys.entry($0, tag: tag) }
    }

    /// The value stored under (tag, word), if any.
    @inlinable @inline(__always)
    public func value(_ word: String, tag: Int32 = 0) -> Value? {
        guard let e = entry(word, tag: tag) else { return nil }
        return values[e]
    }

    /// The entry for (tag, word), adding it with `make()` when missing.
    @discardableResult
    public mutating func insert(_ word: String, tag: Int32 = 0, _ make: () -> Value) -> (entry: Int, inserted: Bool) {
        word.withUTF8InPlace { insert($0, tag: tag, make) }
    }

    /// The entry for (tag, bytes), adding it with `make()` when missing.
    @discardableResult
    public mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, tag: Int32 = 0, _ make: () -> Value) -> (entry: Int, inserted: Bool) {
        if let e = entry(bytes, tag: tag) { return (e, false) }
        let length = bytes.count
        if !isKnownUniquelyReferenced(&keys) || !keys.hasRoom(forBytes: length) { keys = keys.grown(forBytes: length) }
        keys.append(bytes, tag: tag)
        values.append(make())
        return (values.count - 1, true)
    }

    /// Replaces the value of an existing entry.
    public mutating func setValue(_ value: Value, at entry: Int) { values[entry] = value }

    /// The key of an entry.
    public func key(at entry: Int) -> (tag: Int32, word: String) { keys.key(at: entry) }

    /// A table of only the entries `keep` accepts (renumbered, in the same order).
    public func filter(keeping keep: (Int) -> Bool) -> WordTable {
        var out = WordTable(capacity: count)
        for e in 0..<count where keep(e) {
            let (tag, word) = key(at: e)
            let v = values[e]
            out.insert(word, tag: tag) { v }
        }
        return out
    }
}

/// The keys of a `WordTable`: open-addressing slots and an arena of key bytes, in memory the
/// object owns (plain pointers, so a probe retains nothing). What a probe reads is `let`, so it
/// needs no exclusivity check; a table that runs out of room moves to a larger copy.
///
/// `@unchecked Sendable`: mutated only through a uniquely referenced `WordTable` (copy on write).
@usableFromInline
final class WordKeys: @unchecked Sendable {
    /// Per slot: the key's hash (never 0), or 0 when empty; `slotCount` is a power of two.
    @usableFromInline let slotHashes: UnsafeMutablePointer<UInt64>
    /// Per slot: the entry stored there.
    @usableFromInline let slotEntries: UnsafeMutablePointer<Int32>
    @usableFromInline let slotCount: Int
    /// Per entry: where its bytes end in `bytes` (they start where the previous entry's end), and its tag.
    @usableFromInline let ends: UnsafeMutablePointer<Int32>
    @usableFromInline let tags: UnsafeMutablePointer<Int32>
    let entryCapacity: Int
    @usableFromInline let bytes: UnsafeMutablePointer<UInt8>
    let byteCapacity: Int
    /// Unchecked: a table is written by one thread at a time (its owner's), and every key added
    /// otherwise paid two dynamic exclusivity checks.
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var byteCount = 0

    convenience init(capacity: Int) {
        var size = 8
        while size < capacity * 2 { size <<= 1 }
        self.init(slotCount: size, entryCapacity: size / 2, byteCapacity: max(capacity * 16, 64))
    }

    private init(slotCount: Int, entryCapacity: Int, byteCapacity: Int) {
        self.slotCount = slotCount
        slotHashes = .allocate(capacity: slotCount)
        slotHashes.initialize(repeating: 0, count: slotCount)
        slotEntries = .allocate(capacity: slotCount)
        slotEntries.initialize(repeating: -1, count: slotCount)
        self.entryCapacity = entryCapacity
        ends = .allocate(capacity: entryCapacity)
        tags = .allocate(capacity: entryCapacity)
        self.byteCapacity = byteCapacity
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit {
        slotHashes.deallocate(); slotEntries.deallocate()
        ends.deallocate(); tags.deallocate(); bytes.deallocate()
    }

    /// Whether one more key of `length` bytes fits (slots stay at most half full).
    func hasRoom(forBytes length: Int) -> Bool {
        count < entryCapacity && byteCount + length <= byteCapacity
    }

    /// A copy with room for at least one more key of `length` bytes (twice the room when full).
    func grown(forBytes length: Int) -> WordKeys {
        let slots = count < entryCapacity ? slotCount : slotCount * 2
        var byteRoom = byteCapacity
        while byteCount + length > byteRoom { byteRoom *= 2 }
        let c = WordKeys(slotCount: slots, entryCapacity: slots / 2, byteCapacity: byteRoom)
        c.bytes.initialize(from: bytes, count: byteCount)
        c.ends.initialize(from: ends, count: count)
        c.tags.initialize(from: tags, count: count)
        c.count = count
        c.byteCount = byteCount
        for e in 0..<count {
            let start = e == 0 ? 0 : Int(ends[e - 1])
            c.place(entry: e, hash: Self.hash(UnsafeBufferPointer(start: bytes + start, count: Int(ends[e]) - start), tag: tags[e]))
        }
        return c
    }

    /// The key's hash: its tag and length, then its bytes eight at a time (the last 1 to 7 read as one
    /// word), each folded in by a full 64×64-bit multiply whose halves are xored; finished by a
    /// multiply-xorshift so the low bits, which pick the slot, mix; never 0. A word of the lexicon
    /// or of a text is a few such steps, where FNV-1a took a multiply per byte. Nothing persists it:
    /// only this table's slots depend on it, and entries keep their insertion order whatever it is.
    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, tag: Int32) -> UInt64 {
        let n = bytes.count
        var h = (UInt64(UInt32(bitPattern: tag)) << 32 | UInt64(UInt32(truncatingIfNeeded: n))) ^ 0xcbf2_9ce4_8422_2325
        if n > 0, let p = bytes.baseAddress {
            let raw = UnsafeRawPointer(p)
            var i = 0
            while n - i >= 8 {
                h = mix(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                i += 8
            }
            let r = n - i
            if r >= 4 {
                // 4 to 7 bytes: the first four and the last four (overlapping; the length is hashed).
                let lo = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                let hi = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
                h = mix(h, lo | hi << 32)
            } else if r > 0 {
                // 1 to 3 bytes: the first, the middle and the last.
                h = mix(h, UInt64(p[i]) | UInt64(p[i + r >> 1]) << 8 | UInt64(p[n - 1]) << 16)
            }
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 29
        return h | 1
    }

    /// One step of `hash`: the word xored in, then the halves of a full multiply folded together.
    @inlinable @inline(__always)
    static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let m = (h ^ word).multipliedFullWidth(by: 0x9E37_79B9_7F4A_7C15)
        return m.high ^ m.low
    }

    /// The `n` bytes at `a` and at `b` are equal: compared eight at a time in line, a short key's
    /// compare costing less than the call to `memcmp`.
    @inlinable @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count n: Int) -> Bool {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while n - i >= 8 {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    @inlinable @inline(__always)
    func entry(_ key: UnsafeBufferPointer<UInt8>, tag: Int32) -> Int? {
        let h = Self.hash(key, tag: tag)
        let mask = slotCount - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slotHashes[i]
            if s == 0 { return nil }
            if s == h {
                let e = Int(slotEntries[i])
                let start = e == 0 ? 0 : Int(ends[e - 1])
                let length = Int(ends[e]) - start
                if length == key.count, tags[e] == tag,
                   length == 0 || Self.equal(bytes + start, key.baseAddress!, count: length) {
                    return e
                }
            }
            i = (i + 1) & mask
        }
    }

    func key(at e: Int) -> (tag: Int32, word: String) {
        let start = e == 0 ? 0 : Int(ends[e - 1])
        let word = String(decoding: UnsafeBufferPointer(start: bytes + start, count: Int(ends[e]) - start), as: UTF8.self)
        return (tags[e], word)
    }

    /// Adds a key known to be absent (with room checked by `hasRoom`); it becomes entry `count`.
    func append(_ key: UnsafeBufferPointer<UInt8>, tag: Int32) {
        precondition(hasRoom(forBytes: key.count))
        if key.count > 0 { (bytes + byteCount).initialize(from: key.baseAddress!, count: key.count) }
        byteCount += key.count
        ends[count] = Int32(byteCount)
        tags[count] = tag
        place(entry: count, hash: Self.hash(key, tag: tag))
        count += 1
    }

    private func place(entry e: Int, hash h: UInt64) {
        let mask = slotCount - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slotHashes[i] != 0 { i = (i + 1) & mask }
        slotHashes[i] = h
        slotEntries[i] = Int32(e)
    }
}
