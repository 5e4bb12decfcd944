#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CLibXML2

/// Text helpers shared by the writer and the reader.
enum XMLText {
    /// Whether XML 1.0 allows the scalar in a document (`Char` production).
    @inline(__always)
    static func isAllowed(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// The string without the characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE, U+FFFF).
    ///
    /// Returns the string itself, unchanged, when there is nothing to strip.
    static func stripForbidden(_ s: String) -> String {
        // Fast check on bytes: a forbidden scalar is a byte below 0x20 (but tab, LF, CR) or
        // U+FFFE/U+FFFF, which begin with EF BF.
        var clean = true
        var prev: UInt8 = 0
        for b in s.utf8 {
            if (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || (prev == 0xEF && b == 0xBF) { clean = false; break }
            prev = b
        }
        if clean { return s }
        guard s.unicodeScalars.contains(where: { !isAllowed($0.value) }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars where isAllowed(scalar.value) { out.append(scalar) }
        return String(out)
    }

    /// Whether the string is a non-empty ASCII NMTOKEN (`[A-Za-z0-9._:-]+`), the shape of every id.
    static func isASCIINameToken(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        return s.utf8.allSatisfy(isNameTokenByte)
    }

    /// Whether the bytes are a non-empty ASCII NMTOKEN (`[A-Za-z0-9._:-]+`).
    static func isASCIINameToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isNameTokenByte)
    }

    @inline(__always)
    private static func isNameTokenByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            || b == 0x2E || b == 0x5F || b == 0x3A || b == 0x2D
    }

    /// Calls `body` with the string as a NUL-terminated `xmlChar` pointer.
    @inline(__always)
    static func withXMLChars<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) throws -> R) rethrows -> R {
        try s.withCString { p in
            try body(UnsafeRawPointer(p).assumingMemoryBound(to: xmlChar.self))
        }
    }

    /// A Swift string from a libxml2 string the caller does not own (nil → nil).
    @inline(__always)
    static func string(_ p: UnsafePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    /// A Swift string from a libxml2 string the caller owns; frees it.
    @inline(__always)
    static func takeString(_ p: UnsafeMutablePointer<xmlChar>?) -> String? {
        guard let p else { return nil }
        defer { cxml_free(p) }
        return String(cString: p)
    }

    /// The system's text for an errno value.
    static func errnoText(_ code: Int32) -> String {
        guard code != 0, let text = strerror(code) else { return "unknown error" }
        return String(cString: text)
    }
}
