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
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSON, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch value {
        case .string(let s): string(s, into: &out)
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case .object(let object):
            if object.isEmpty { out += "{\n\n" + close + "}"; return }
            out += "{\n"
            for (n, key) in object.keys.sorted().enumerated() {
                out += pad; string(key, into: &out); out += " : "
                write(object[key]!, indent: indent + 1, into: &out)
                out += n + 1 < object.count ? ",\n" : "\n"
            }
            out += close + "}"
        case .array(let array):
            if array.isEmpty { out += "[\n\n" + close + "]"; return }   // as JSONSerialization writes it
            out += "[\n"
            for (n, element) in array.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += n + 1 < array.count ? ",\n" : "\n"
            }
            out += close + "]"
        }
    }

    private static func string(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
