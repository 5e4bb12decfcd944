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

    /// Both compare and hash read the bytes in place where they are contiguous (native and small
    /// strings): a copy of the string for `withUTF8` was retained and released on every call.
    @inlinable
    public static func == (a: Word, b: Word) -> Bool {
        guard a.string.utf8.count == b.string.utf8.count else { return false }
        @inline(__always) func equal(_ p: UnsafeBufferPointer<UInt8>, _ q: UnsafeBufferPointer<UInt8>) -> Bool {
            p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0
        }
        return a.string.withUTF8InPlace { p in b.string.withUTF8InPlace { q in equal(p, q) } }
    }

    /// FNV-1a over the bytes, fed to the hasher as one word: one pass, no per-byte hasher calls.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        @inline(__always) func fnv(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in p { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
        hasher.combine(string.withUTF8InPlace(fnv))
    }
}

/// A set of normalized words, hashed by bytes (see `WordTable`), asked with plain strings.
public struct WordSet: Sendable, Sequence, ExpressibleByArrayLiteral, Equatable {
    @usableFromInline var table = WordTable<Bool>()

    public init() {}
    public init<S: Sequence>(_ words: S) where S.Element == String { for w in words { insert(w) } }
    public init(arrayLiteral elements: String...) { self.init(elements) }

    @inlinable public func contains(_ word: String) -> Bool { table.entry(word) != nil }
    public var isEmpty: Bool { table.isEmpty }
    public var count: Int { table.count }
    @discardableResult public mutating func insert(_ word: String) -> Bool { table.insert(word) { true }.inserted }
    public mutating func formUnion<S: Sequence>(_ words: S) where S.Element == String {
        for w in words { insert(w) }
    }
    /// The words in the order they were first inserted.
    public func makeIterator() -> AnyIterator<String> {
        var e = 0
        let table = self.table
        return AnyIterator {
            guard e < table.count else { return nil }
            defer { e += 1 }
            return table.key(at: e).word
        }
    }
    public static func == (a: WordSet, b: WordSet) -> Bool {
        a.count == b.count && a.allSatisfy { b.contains($0) }
    }
}

/// A dictionary from normalized words, hashed by bytes (see `WordTable`), indexed with plain strings.
public struct WordMap<Value: Sendable>: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    @usableFromInline var table = WordTable<Value>()

    public init() {}
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (k, v) in elements { self[k] = v }
    }

    public subscript(word: String) -> Value? {
        @inlinable get { table.value(word) }
        set {
            if let newValue {
                let (e, inserted) = table.insert(word) { newValue }
                if !inserted { table.setValue(newValue, at: e) }
            } else if let e = table.entry(word) {
                table = table.filter { $0 != e }
            }
        }
    }
    public subscript(word: String, default value: @autoclosure () -> Value) -> Value {
        get { table.value(word) ?? value() }
        set { self[word] = newValue }
    }
    public var isEmpty: Bool { table.isEmpty }
    public var count: Int { table.count }
    /// The pairs in the order their keys were first inserted.
    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var e = 0
        let table = self.table
        return AnyIterator {
            guard e < table.count else { return nil }
            defer { e += 1 }
            return (key: table.key(at: e).word, value: table.values[e])
        }
    }
}
