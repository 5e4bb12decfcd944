/// A JSON value of the query commands' output, typed so that writing it needs no dynamic casts:
/// casting `Any` to each possible type asked the Swift runtime to scan the binary's protocol
/// conformances, a few milliseconds of every `allies`/`adversaries --format json`.
enum JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
           ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSON])
    case object([String: JSON])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSON)...) { self = .object(Dictionary(elements, uniquingKeysWith: { $1 })) }
    /// A list of strings.
    static func strings(_ s: [String]) -> JSON { .array(s.map(JSON.string)) }
}

/// The JSON writer of the query commands: objects with sorted keys, two-space indentation, slashes
/// and non-ASCII text as they are — the layout `JSONSerialization` gave with `.prettyPrinted` and
/// `.sortedKeys`, which took as long as the rest of a query; this writes the same text in one pass.
enum JSONText {
    static func encode(_ value: JSON) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: JSON, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let s): string(s, into: &out)
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): out += String(i).utf8
        case .double(let d): out += (d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null").utf8
        case .object(let object):
            if object.isEmpty { out += "{\n\n".utf8; pad(indent, &out); out.append(UInt8(ascii: "}")); return }
            out += "{\n".utf8
            // Keys in the order `sortedKeys` gave (String order; the keys are ASCII field names).
            for (n, key) in object.keys.sorted().enumerated() {
                pad(indent + 1, &out); string(key, into: &out); out += " : ".utf8
                write(object[key]!, indent: indent + 1, into: &out)
                out += (n + 1 < object.count ? ",\n" : "\n").utf8
            }
            pad(indent, &out); out.append(UInt8(ascii: "}"))
        case .array(let array):
            if array.isEmpty { out += "[\n\n".utf8; pad(indent, &out); out.append(UInt8(ascii: "]")); return }   // as JSONSerialization writes it
            out += "[\n".utf8
            for (n, element) in array.enumerated() {
                pad(indent + 1, &out)
                write(element, indent: indent + 1, into: &out)
                out += (n + 1 < array.count ? ",\n" : "\n").utf8
            }
            pad(indent, &out); out.append(UInt8(ascii: "]"))
        }
    }

    private static func pad(_ level: Int, _ out: inout [UInt8]) {
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    /// A JSON string on the UTF-8 bytes: quote, backslash and control characters escaped, all else
    /// (slashes, non-ASCII text) as it is.
    private static func string(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0..<0x20:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out += [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
