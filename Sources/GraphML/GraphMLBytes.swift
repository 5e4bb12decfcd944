internal import CLibXML2

/// A growing byte buffer with the formatting GraphML needs: markup, escaped text, numbers.
///
/// Text goes out exactly as libxml2's `xmlTextWriterWriteString` wrote it: invalid UTF-8 repaired
/// as `String(decoding:as:)` repairs it, the characters XML 1.0 forbids left out
/// (`XMLText.stripForbidden`), and `& < > " CR` escaped by libxml2's `xmlEncodeSpecialChars`.
/// Text that needs none of this — nearly all of it — is copied without leaving Swift.
struct GraphMLBytes: Sendable {
    /// The formatted bytes.
    var bytes: [UInt8] = []
    /// Texts of recently printed `Double`s (Swift's `description`), by bit pattern.
    var doubleTexts = DoubleTextCache()

    var count: Int { bytes.count }

    /// Empties the buffer, keeping its storage.
    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    // MARK: Markup

    /// Appends constant markup.
    @inline(__always)
    mutating func append(_ markup: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
    }

    /// Appends bytes as they are.
    @inline(__always)
    mutating func append(raw: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    /// Appends a string's UTF-8 bytes as they are (markup or an id already checked).
    mutating func append(raw text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Appends a decimal integer.
    mutating func append(_ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let n = Self.write(value, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    /// Appends a `Double` as Swift prints it (`description`: the shortest text that reads back exactly).
    mutating func append(shortest value: Double) {
        doubleTexts.append(value, to: &bytes)
    }

    /// Appends the value with three decimals, clamped to 0...1, NaN as 0.
    mutating func append(confidence value: Double) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { buffer in
            let n = Self.write(confidence: value, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<n]))
        }
    }

    // MARK: Text

    /// Appends text content: repaired, stripped of forbidden characters and escaped as libxml2 escapes it.
    ///
    /// With `clean`, tabs and line breaks first become spaces (a CR LF pair one space), as the
    /// provenance lines want (`GraphMLSchema.clean`).
    mutating func append(text: UnsafeBufferPointer<UInt8>, clean: Bool = false) {
        if Self.isPlain(text) {
            bytes.append(contentsOf: text)
        } else {
            var string = String(decoding: text, as: UTF8.self)
            if clean { string = GraphMLSchema.clean(string) }
            appendEscaped(XMLText.stripForbidden(string))
        }
    }

    /// Appends text content given as a string (see `append(text:clean:)`).
    mutating func append(text: String, clean: Bool = false) {
        if let done = text.utf8.withContiguousStorageIfAvailable({ append(text: $0, clean: clean) }) {
            return done
        }
        append(text: Array(text.utf8), clean: clean)
    }

    /// Appends text content given as bytes in an array (see `append(text:clean:)`).
    mutating func append(text: [UInt8], clean: Bool = false) {
        text.withUnsafeBufferPointer { append(text: $0, clean: clean) }
    }

    /// Appends text that is valid and free of forbidden characters, escaping it through libxml2 when it holds `& < > " CR`.
    private mutating func appendEscaped(_ text: String) {
        guard text.utf8.contains(where: { $0 < 0x40 && (Self.escapedMask >> UInt64($0)) & 1 != 0 }) else {
            append(raw: text)
            return
        }
        // The text holds no NUL: stripForbidden removed it, so the C string is the whole text.
        let escaped = XMLText.withXMLChars(text) { xmlEncodeSpecialChars(nil, $0) }
        guard let escaped else {
            // libxml2 could not allocate; escape the same five characters here.
            for byte in text.utf8 { appendEscaped(byte) }
            return
        }
        defer { cxml_free(escaped) }
        var end = 0
        while escaped[end] != 0 { end += 1 }
        bytes.append(contentsOf: UnsafeBufferPointer(start: escaped, count: end))
    }

    /// One byte as `xmlEncodeSpecialChars` writes it.
    private mutating func appendEscaped(_ byte: UInt8) {
        switch byte {
        case 0x3C: append("&lt;")
        case 0x3E: append("&gt;")
        case 0x26: append("&amp;")
        case 0x22: append("&quot;")
        case 0x0D: append("&#13;")
        default: bytes.append(byte)
        }
    }

    /// The ASCII bytes `xmlEncodeSpecialChars` escapes: `"` `&` `<` `>` and CR.
    private static let escapedMask: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E | 1 << 0x0D

    /// ASCII bytes that send text to the slow path: every C0 control (forbidden, escaped, or
    /// changed by `clean`) and the escaped characters.
    private static let slowMask: UInt64 = 0xFFFF_FFFF | escapedMask

    /// Whether the bytes are valid UTF-8 with no C0 control, no `& < > "` and no U+FFFE/U+FFFF:
    /// then they go out exactly as they are.
    static func isPlain(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = text.baseAddress else { return true }
        let n = text.count
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b < 0x40 && (slowMask >> UInt64(b)) & 1 != 0 { return false }
                i += 1
            } else if b < 0xC2 {
                return false
            } else if b < 0xE0 {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
            } else if b < 0xF0 {
                guard i + 2 < n else { return false }
                let b1 = p[i + 1], b2 = p[i + 2]
                guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80,
                      b != 0xE0 || b1 >= 0xA0,                   // overlong
                      b != 0xED || b1 < 0xA0,                    // surrogate
                      b != 0xEF || b1 != 0xBF || b2 < 0xBE       // U+FFFE, U+FFFF
                else { return false }
                i += 3
            } else if b < 0xF5 {
                guard i + 3 < n else { return false }
                let b1 = p[i + 1]
                guard b1 & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80,
                      b != 0xF0 || b1 >= 0x90,                   // overlong
                      b != 0xF4 || b1 < 0x90                     // beyond U+10FFFF
                else { return false }
                i += 4
            } else {
                return false
            }
        }
        return true
    }
}
