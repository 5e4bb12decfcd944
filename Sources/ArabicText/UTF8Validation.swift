/// Finds the byte sequences that are not well-formed UTF-8 (Unicode, table 3-7): stray
/// continuation bytes, truncated sequences, overlong forms, surrogates and values past U+10FFFF.
public enum UTF8Validation {
    /// The number of ill-formed sequences and the byte offsets of the first `limit` of them.
    public static func invalidSequences(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 8) -> (count: Int, offsets: [Int]) {
        var count = 0
        var offsets: [Int] = []
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length = wellFormedLength(bytes, at: i)
            if length > 0 { i += length; continue }
            count += 1
            if offsets.count < limit { offsets.append(i) }
            i += 1
            // Skip the continuation bytes of the same broken sequence (one error for each).
            while i < n, bytes[i] & 0xC0 == 0x80, wellFormedLength(bytes, at: i) == 0 { i += 1 }
        }
        return (count, offsets)
    }

    /// The length of the well-formed sequence starting at `i`, or 0 when none does.
    @inlinable
    public static func wellFormedLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        let b0 = bytes[i]
        func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + k < n && bytes[i + k] >= low && bytes[i + k] <= high
        }
        switch b0 {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE, 0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }
}
