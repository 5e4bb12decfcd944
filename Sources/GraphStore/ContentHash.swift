/// 64-bit FNV-1a over UTF-8 bytes, fed in pieces, as 16 lowercase hex digits: detects a changed
/// document, not meant to resist tampering. Feeding a text in parts gives the same hash as whole.
public struct ContentHasher: Sendable {
    private var hash = FNV1a.offsetBasis
    public init() {}

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        // Contiguous bytes (a native string's, an array's) in a plain loop: through the generic
        // iterator a string's bytes cost about 25 instructions each, a fifth of a build's hashing.
        if bytes.withContiguousStorageIfAvailable({ update($0) }) == nil {
            Array(bytes).withUnsafeBufferPointer { update($0) }
        }
    }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        hash = FNV1a.hash(bytes, from: hash)
    }

    public var hex: String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The content hash of a whole text.
public func contentHash(_ text: String) -> String {
    var hasher = ContentHasher()
    hasher.update(text.utf8)
    return hasher.hex
}

/// 64-bit FNV-1a: the content hash's function, and the writer's hash of the keys it compares by bytes.
enum FNV1a {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Continues the hash `h` over `bytes`.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, from h: UInt64) -> UInt64 {
        var h = h
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// Continues the hash `h` over a string's UTF-8 bytes, then a 0xFF byte (which no UTF-8 text
    /// holds) so that the strings of a key hash apart however their bytes split between them.
    @inline(__always)
    static func hash(field s: String, from h: UInt64) -> UInt64 {
        // The bytes read in place when contiguous (a copy for `withUTF8` was retained and released
        // for every field of every key hashed).
        let text = s.utf8.withContiguousStorageIfAvailable { hash($0, from: h) } ?? {
            var s = s
            return s.withUTF8 { hash($0, from: h) }
        }()
        return (text ^ 0xFF) &* 0x0000_0100_0000_01b3
    }
}
