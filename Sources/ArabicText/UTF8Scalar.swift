/// UTF-8 for the byte-level loops (the tokenizer, the normalizer, the linker's surface forms): one
/// decoder and one encoder, so that every stage reads and writes scalars alike.
public enum UTF8Scalar {
    /// The scalar starting at byte `i` of `bytes[..<end]`, and its length in bytes. A sequence that
    /// is cut short by `end` or starts with a byte no scalar starts with reads as U+FFFD, one byte long.
    @inlinable @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> (value: UInt32, length: Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 & 0xE0 == 0xC0, i + 1 < end { return ((UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F), 2) }
        if b0 & 0xF0 == 0xE0, i + 2 < end {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < end {
            return ((UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12) | (UInt32(bytes[i + 2] & 0x3F) << 6)
                    | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        return (0xFFFD, 1)
    }

    /// The UTF-8 bytes of the scalar `v`, packed first byte lowest, and how many there are.
    @inlinable @inline(__always)
    public static func encode(_ v: UInt32) -> (packed: UInt32, count: Int) {
        if v < 0x80 { return (v, 1) }
        if v < 0x800 { return ((0xC0 | v >> 6) | (0x80 | v & 0x3F) << 8, 2) }
        if v < 0x10000 { return ((0xE0 | v >> 12) | (0x80 | (v >> 6) & 0x3F) << 8 | (0x80 | v & 0x3F) << 16, 3) }
        return ((0xF0 | v >> 18) | (0x80 | (v >> 12) & 0x3F) << 8 | (0x80 | (v >> 6) & 0x3F) << 16 | (0x80 | v & 0x3F) << 24, 4)
    }

    /// Appends the UTF-8 bytes of `k` to `out`.
    @inlinable
    public static func append(_ k: Unicode.Scalar, to out: inout [UInt8]) {
        var (packed, count) = encode(k.value)
        while count > 0 { out.append(UInt8(truncatingIfNeeded: packed)); packed >>= 8; count -= 1 }
    }
}

extension String {
    /// Calls `body` with the string's UTF-8 bytes, read in place when they are contiguous (native
    /// and small strings: every string this project makes), else those of a native copy.
    ///
    /// For lookups made many times a word: `var copy = string; copy.withUTF8` retained and released
    /// the string on every call.
    @inlinable @inline(__always)
    public func withUTF8InPlace<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }
}
