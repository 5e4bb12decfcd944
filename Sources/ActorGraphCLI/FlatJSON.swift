/// A fast reader for the common shape of a JSONL document line: one flat object whose values are
/// strings, numbers, booleans or null.
///
/// `JSONSerialization` builds an `NSDictionary` of bridged objects for every line; on a large
/// corpus that was the reader thread's largest cost. This scanner reads the bytes once and keeps
/// only the string values. It accepts exactly the JSON it understands and answers `nil` for
/// anything else (nested values, a number as a key the caller needs, a lone surrogate, a duplicate
/// key, invalid syntax), and the caller then asks `JSONSerialization`, whose answer and error
/// messages stay the reference.
enum FlatJSON {
    /// The object's string values by key (keys whose value is a number, boolean or null are
    /// listed in `others`), or nil when the line is not such an object or needs the full parser.
    ///
    /// With `validating`, a string holding invalid UTF-8 makes the answer nil too (the caller repairs
    /// the line and asks again); without, such bytes are replaced by U+FFFD.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, validating: Bool = false) -> (strings: [String: String], others: Set<String>)? {
        var i = 0
        let n = bytes.count
        @inline(__always) func skipSpace() {
            while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }
        var strings: [String: String] = [:]
        var others = Set<String>()
        skipSpace()
        guard i < n, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        skipSpace()
        if i < n, bytes[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < n, bytes[i] == UInt8(ascii: "\""), let key = string(bytes, &i, validating) else { return nil }
                skipSpace()
                guard i < n, bytes[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                skipSpace()
                guard i < n, strings[key] == nil, !others.contains(key) else { return nil }
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let value = string(bytes, &i, validating) else { return nil }
                    strings[key] = value
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard number(bytes, &i) else { return nil }
                    others.insert(key)
                default:
                    guard literal(bytes, &i) else { return nil }
                    others.insert(key)
                }
                skipSpace()
                guard i < n else { return nil }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                guard bytes[i] == UInt8(ascii: "}") else { return nil }
                i += 1
                break
            }
        }
        skipSpace()
        return i == n ? (strings, others) : nil
    }

    /// Reads the string starting at the quote at `i`; leaves `i` after its closing quote.
    private static func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ validating: Bool) -> String? {
        var j = i + 1
        let start = j
        // The common case: no escape, so the bytes between the quotes are the value.
        let n = b.count
        // Eight bytes at a time while none is special, then byte by byte.
        if let base = b.baseAddress {
            while j + 8 <= n, !hasSpecialByte(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)) { j += 8 }
        }
        while j < n, !isSpecial(b[j]) { j += 1 }
        guard j < n, b[j] >= 0x20 else { return nil }
        if b[j] == UInt8(ascii: "\"") {
            i = j + 1
            let value = UnsafeBufferPointer(rebasing: b[start..<j])
            return validating ? String(validating: value, as: UTF8.self) : String(decoding: value, as: UTF8.self)
        }
        var out = Array(b[start..<j])
        out.reserveCapacity(j - start + (n - j) / 2)
        while j < n {
            let c = b[j]
            if c == UInt8(ascii: "\"") {
                i = j + 1
                return validating ? String(validating: out, as: UTF8.self) : String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { return nil }
            if c != UInt8(ascii: "\\") {
                // A run of plain bytes up to the next special one, appended whole (a text with a
                // newline escaped in every paragraph took this path byte by byte: 3% of a build).
                let run = j
                if let base = b.baseAddress {
                    while j + 8 <= n, !hasSpecialByte(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)) { j += 8 }
                }
                while j < n, !isSpecial(b[j]) { j += 1 }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<j]))
                continue
            }
            guard j + 1 < b.count else { return nil }
            j += 1
            switch b[j] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(b, j + 1) else { return nil }
                j += 4
                var scalar: Unicode.Scalar?
                if unit >= 0xD800 && unit < 0xDC00 {
                    // A high surrogate must be followed by an escaped low one.
                    guard j + 6 < b.count, b[j + 1] == UInt8(ascii: "\\"), b[j + 2] == UInt8(ascii: "u"),
                          let low = hex4(b, j + 3), low >= 0xDC00 && low < 0xE000 else { return nil }
                    j += 6
                    scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    return nil
                } else {
                    scalar = Unicode.Scalar(unit)
                }
                guard let scalar else { return nil }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                return nil
            }
            j += 1
        }
        return nil
    }

    /// A quote, a backslash or a control character: where the plain part of a string ends.
    @inline(__always)
    private static func isSpecial(_ c: UInt8) -> Bool { c < 0x20 || c == 0x22 || c == 0x5C }

    /// Whether any of eight bytes may be special (`isSpecial`): exact for a quote, a backslash and a
    /// byte below 0x20 (the usual test for a zero byte, on the bytes xor-ed with each); the byte loop
    /// after it decides.
    @inline(__always)
    static func hasSpecialByte(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        @inline(__always) func hasLess(_ v: UInt64, _ n: UInt64) -> UInt64 { (v &- ones &* n) & ~v & highs }
        return (hasZero(x ^ (ones &* 0x22)) | hasZero(x ^ (ones &* 0x5C)) | hasLess(x, 0x20)) != 0
    }

    private static func hex4(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32? {
        guard at + 4 <= b.count else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        return v
    }

    /// Checks a JSON number at `i` (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`) and steps over it.
    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        var j = i
        func digits() -> Int {
            let s = j
            while j < b.count, b[j] >= UInt8(ascii: "0"), b[j] <= UInt8(ascii: "9") { j += 1 }
            return j - s
        }
        if b[j] == UInt8(ascii: "-") { j += 1 }
        guard j < b.count else { return false }
        if b[j] == UInt8(ascii: "0") { j += 1 } else if digits() == 0 { return false }
        if j < b.count, b[j] == UInt8(ascii: ".") { j += 1; guard digits() > 0 else { return false } }
        if j < b.count, b[j] == UInt8(ascii: "e") || b[j] == UInt8(ascii: "E") {
            j += 1
            if j < b.count, b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
            guard digits() > 0 else { return false }
        }
        i = j
        return true
    }

    /// Steps over `true`, `false` or `null` at `i`.
    private static func literal(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        for word in ["true", "false", "null"] {
            let w = Array(word.utf8)
            if i + w.count <= b.count, b[i..<(i + w.count)].elementsEqual(w) {
                i += w.count
                return true
            }
        }
        return false
    }
}
