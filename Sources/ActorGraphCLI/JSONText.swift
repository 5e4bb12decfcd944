/// The JSON writer of the query commands: objects with sorted keys, two-space indentation, slashes
/// and non-ASCII text as they are. `JSONSerialization` took as long as the rest of a query (its
/// dynamic casts and sorting through `AnyHashable`); this writes the same values in one pass.
enum JSONText {
    static func encode(_ value: Any) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: Any, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch value {
        case let s as String: string(s, into: &out)
        case let b as Bool: out += b ? "true" : "false"
        case let i as Int: out += String(i)
        case let i as Int64: out += String(i)
        case let d as Double: out += d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)) : "null"
        case let object as [String: Any]:
            if object.isEmpty { out += "{\n\n" + close + "}"; return }
            out += "{\n"
            for (n, key) in object.keys.sorted().enumerated() {
                out += pad; string(key, into: &out); out += " : "
                write(object[key]!, indent: indent + 1, into: &out)
                out += n + 1 < object.count ? ",\n" : "\n"
            }
            out += close + "}"
        case let array as [Any]:
            if array.isEmpty { out += "[\n\n" + close + "]"; return }   // as JSONSerialization writes it
            out += "[\n"
            for (n, element) in array.enumerated() {
                out += pad
                write(element, indent: indent + 1, into: &out)
                out += n + 1 < array.count ? ",\n" : "\n"
            }
            out += close + "]"
        default: out += "null"
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
