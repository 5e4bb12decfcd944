import Testing
import ArabicText

/// The shared UTF-8 decoder and encoder agree with the standard library on every kind of scalar,
/// and read a cut-short or stray byte as U+FFFD, one byte long.
@Suite("UTF-8 scalars")
struct UTF8ScalarTests {
    @Test func roundTripsAsTheStandardLibrary() {
        let values: [UInt32] = [0, 0x41, 0x7F, 0x80, 0x627, 0x6CC, 0x7FF, 0x800, 0x200F, 0xFEFF, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF]
        for v in values {
            let k = Unicode.Scalar(v)!
            var out: [UInt8] = []
            UTF8Scalar.append(k, to: &out)
            #expect(out == Array(String(k).utf8), "\(v)")
            let (value, length) = out.withUnsafeBufferPointer { UTF8Scalar.decode($0, at: 0, end: $0.count) }
            #expect(value == v && length == out.count)
        }
    }

    @Test func cutShortOrStrayReadsAsReplacement() {
        let alef: [UInt8] = Array("ا".utf8)          // D8 A7
        alef.withUnsafeBufferPointer { b in
            #expect(UTF8Scalar.decode(b, at: 0, end: 1) == (0xFFFD, 1))   // the second byte is past the end
            #expect(UTF8Scalar.decode(b, at: 1, end: 2) == (0xFFFD, 1))   // a continuation byte
        }
    }
}
