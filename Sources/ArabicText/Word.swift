#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A normalized word as a hash key compared byte for byte.
///
/// `String`'s own `==` and `hash(into:)` follow Unicode canonical equivalence, which for
/// non-ASCII text means normalizing to NFC on every hash and every comparison; profiling the
/// build showed a third of extraction time there. Text that went through `ArabicNormalizer`
/// has one spelling per word, so byte equality is the right equality and costs a `memcmp`.
public struct Word: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let string: String

    @inlinable public init(_ string: String) { self.string = string }
    @inlinable public init(stringLiteral value: String) { self.string = value }

    public var description: String { string }

    @inlinable
    public static func == (a: Word, b: Word) -> Bool {
        var x = a.string, y = b.string
        guard x.utf8.count == y.utf8.count else { return false }
        return x.withUTF8 { p in y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
    }

    /// FNV-1a over the bytes, fed to the hasher as one word: one pass, no per-byte hasher calls.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        var s = string
        let h: UInt64 = s.withUTF8 { p in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in p { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
        hasher.combine(h)
    }
}

/// A set of normalized words, hashed by bytes (see `Word`), asked with plain strings.
public struct WordSet: Sendable, Sequence, ExpressibleByArrayLiteral, Equatable {
    public private(set) var storage: Set<Word>

    public init() { storage = [] }
    public init<S: Sequence>(_ words: S) where S.Element == String { storage = Set(words.map { Word($0) }) }
    public init(arrayLiteral elements: String...) { self.init(elements) }

    @inlinable public func contains(_ word: String) -> Bool { storage.contains(Word(word)) }
    public var isEmpty: Bool { storage.isEmpty }
    public var count: Int { storage.count }
    @discardableResult public mutating func insert(_ word: String) -> Bool { storage.insert(Word(word)).inserted }
    public mutating func formUnion<S: Sequence>(_ words: S) where S.Element == String {
        for w in words { storage.insert(Word(w)) }
    }
    public func makeIterator() -> AnyIterator<String> {
        var i = storage.makeIterator()
        return AnyIterator { i.next()?.string }
    }
}

/// A dictionary from normalized words, hashed by bytes (see `Word`), indexed with plain strings.
public struct WordMap<Value: Sendable>: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public var storage: [Word: Value]

    public init() { storage = [:] }
    public init(dictionaryLiteral elements: (String, Value)...) {
        storage = [:]
        for (k, v) in elements { storage[Word(k)] = v }
    }

    public subscript(word: String) -> Value? {
        @inlinable get { storage[Word(word)] }
        set { storage[Word(word)] = newValue }
    }
    public subscript(word: String, default value: @autoclosure () -> Value) -> Value {
        get { storage[Word(word), default: value()] }
        set { storage[Word(word), default: value()] = newValue }
    }
    public var isEmpty: Bool { storage.isEmpty }
    public var count: Int { storage.count }
    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var i = storage.makeIterator()
        return AnyIterator { i.next().map { (key: $0.key.string, value: $0.value) } }
    }
}
