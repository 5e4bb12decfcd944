/// Swift's text for recently printed `Double`s, so that a value seen again is copied, not printed again.
///
/// The text is always `Double.description` (the shortest text that reads back exactly); the
/// cache only remembers it. Evidence confidences come from a handful of values, so nearly every
/// lookup hits. Direct-mapped by bit pattern, 64 slots of up to 31 bytes.
struct DoubleTextCache: Sendable {
    private static let slots = 64
    private static let stride = 32
    /// Each slot's bit pattern.
    private var keys = [UInt64](repeating: 0, count: slots)
    /// Each slot: a length byte (0 when empty), then the text.
    private var texts = [UInt8](repeating: 0, count: slots * stride)

    /// Writes `value.description`'s UTF-8 bytes (at most 24) at `p`; returns how many.
    mutating func write(_ value: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let bits = value.bitPattern
        let slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 58)
        let start = slot * Self.stride
        let length = Int(texts[start])
        if length != 0 && keys[slot] == bits {
            texts.withUnsafeBufferPointer { p.update(from: $0.baseAddress! + start + 1, count: length) }
            return length
        }
        var text = value.description
        let count = text.withUTF8 { utf8 in
            p.update(from: utf8.baseAddress!, count: utf8.count)
            guard utf8.count < Self.stride else { return utf8.count }
            keys[slot] = bits
            texts[start] = UInt8(utf8.count)
            for (i, byte) in utf8.enumerated() { texts[start + 1 + i] = byte }
            return utf8.count
        }
        return count
    }

    /// Appends `value.description`'s UTF-8 bytes to `out`.
    mutating func append(_ value: Double, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.stride) { buffer in
            let n = write(value, to: buffer.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }
}
