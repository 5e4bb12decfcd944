import ActorGraphModel

/// The fast way to format an `<edge>`: when every text of the edge goes out as it is, the element's
/// room is made in the buffer at once and every piece is copied through one pointer, instead of one
/// `Array.append` (a uniqueness and capacity check, then a copy) for each of its thirty-odd pieces.
extension GraphMLBytes {
    /// Appends the edge as `appendChecked(edge:)` does and returns true, when every text of it is
    /// plain (`isPlain`); otherwise appends nothing and returns false.
    mutating func appendPlain(edge: borrowing EdgeBytes) -> Bool {
        // An edge without bytes has empty ids, which the writers refuse before formatting it.
        edge.bytes.withUnsafeBufferPointer { b in b.baseAddress.map { appendPlain(edge, base: $0) } ?? false }
    }

    private mutating func appendPlain(_ edge: borrowing EdgeBytes, base: UnsafePointer<UInt8>) -> Bool {
        @inline(__always) func plain(_ r: Range<Int>) -> Bool {
            Self.isPlain(UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
        }
        // Every text that `appendChecked` sends through `append(text:)` must be plain. Plain text
        // holds no control character, so `clean` (tabs and line breaks to spaces) leaves it as it is.
        var room = 1024 + 3 * (edge.source.count + edge.target.count)
        for document in edge.documents {
            guard plain(document) else { return false }
            room += document.count + 1
        }
        if let day = edge.firstSeen { guard plain(day) else { return false }; room += day.count }
        if let day = edge.lastSeen { guard plain(day) else { return false }; room += day.count }
        guard plain(edge.evidence) else { return false }
        room += edge.evidence.count
        for row in edge.detail {
            guard plain(row.document) else { return false }
            room += row.document.count + Self.detailRowRoom
            if let day = row.date { guard plain(day) else { return false }; room += day.count }
        }

        // The buffer is taken out of `self` while it is written: the writing reads `doubleTexts`.
        var out: [UInt8] = []
        swap(&out, &bytes)
        defer { swap(&out, &bytes) }
        Self.fill(&out, room: room) { first in
            var c = Cursor(p: first, base: base)
            let relation = Self.name(of: edge.relation)
            c.put("    <edge id=\"")
            c.put(edge.source)
            c.put("--")
            c.put(relation)
            c.put("--")
            c.put(edge.target)
            c.put("\" source=\"")
            c.put(edge.source)
            c.put("\" target=\"")
            c.put(edge.target)
            c.put("\">\n      <data key=\"label\">")
            c.put(relation)
            c.put("</data>\n      <data key=\"relation\">")
            c.put(relation)
            c.put("</data>\n      <data key=\"weight\">")
            c.p += Self.write(edge.weight, to: c.p)
            c.put("</data>\n")
            var mark = c.open("      <data key=\"documents\"")
            for (i, document) in edge.documents.enumerated() {
                if i > 0 { c.put(byte: GraphMLSchema.documentSeparator.asciiValue!) }
                c.put(document)
            }
            c.close(mark)
            mark = c.open("      <data key=\"first_seen\"")
            if let day = edge.firstSeen { c.put(day) }
            c.close(mark)
            mark = c.open("      <data key=\"last_seen\"")
            if let day = edge.lastSeen { c.put(day) }
            c.close(mark)
            mark = c.open("      <data key=\"evidence\"")
            c.put(edge.evidence)
            c.close(mark)
            c.put("      <data key=\"confidence\">")
            c.p += Self.write(confidence: edge.confidence, to: c.p)
            c.put("</data>\n")
            mark = c.open("      <data key=\"evidence_detail\"")
            for (i, row) in edge.detail.enumerated() {
                if i > 0 { c.put(byte: 0x0A) }
                c.put(row.document)
                c.put(byte: 0x09)
                c.p += Self.write(row.sentenceIndex, to: c.p)
                c.put(byte: 0x09)
                if let day = row.date { c.put(day) }
                c.put(byte: 0x09)
                c.p += doubleTexts.write(row.confidence, to: c.p)
                c.put(row.hedged ? "\t1" : "\t0")
            }
            c.close(mark)
            c.put("    </edge>\n")
            return c.p - first
        }
        return true
    }

    /// Where the next byte goes, and the edge's bytes that ranges point into.
    private struct Cursor {
        var p: UnsafeMutablePointer<UInt8>
        let base: UnsafePointer<UInt8>

        @inline(__always) mutating func put(_ s: StaticString) {
            let n = s.utf8CodeUnitCount
            UnsafeMutableRawPointer(p).copyMemory(from: s.utf8Start, byteCount: n)
            p += n
        }

        /// The edge's bytes in `r`.
        @inline(__always) mutating func put(_ r: Range<Int>) {
            let n = r.count
            if n > 0 { UnsafeMutableRawPointer(p).copyMemory(from: base + r.lowerBound, byteCount: n) }
            p += n
        }

        @inline(__always) mutating func put(byte: UInt8) {
            p.pointee = byte
            p += 1
        }

        /// `OPEN>`; returns where the value starts, for `close`.
        @inline(__always) mutating func open(_ element: StaticString) -> UnsafeMutablePointer<UInt8> {
            put(element)
            put(byte: 0x3E)
            return p
        }

        /// `</data>` and a line break after the value, or, when it wrote nothing, `/>` and a line break
        /// in place of the `>` (as `GraphMLBytes.data` does).
        @inline(__always) mutating func close(_ valueStart: UnsafeMutablePointer<UInt8>) {
            if p == valueStart {
                p -= 1
                put("/>\n")
            } else {
                put("</data>\n")
            }
        }
    }

    /// Room for one evidence row beyond its document and date: a line break, four tabs, the
    /// sentence index (at most 20 characters), the confidence (`Double.description`, at most 24) and the hedge flag.
    private static let detailRowRoom = 64

    /// Makes `room` bytes at the end of `out`, lets `body` write from their start (it returns how
    /// many it wrote, at most `room`), and drops the rest: one element written through one pointer.
    static func fill(_ out: inout [UInt8], room: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let start = out.count
        appendRoom(room, to: &out)
        let written = out.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
        precondition(written <= room, "an element overran the room made for it")
        out.removeLast(room - written)
    }

    /// Appends `count` bytes (zeros) to be overwritten.
    private static func appendRoom(_ count: Int, to out: inout [UInt8]) {
        var left = count
        while left > 0 {
            let n = min(left, zeroCount)
            out.append(contentsOf: UnsafeBufferPointer(start: zeros, count: n))
            left -= n
        }
    }

    private static let zeroCount = 1 << 14
    nonisolated(unsafe) private static let zeros: UnsafeMutablePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: zeroCount)
        p.initialize(repeating: 0, count: zeroCount)
        return p
    }()

    /// Writes a decimal integer; returns the bytes written (at most 20).
    static func write(_ value: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var q = p
        if value < 0 { q.pointee = 0x2D; q += 1 }
        var magnitude = value.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var i = digits - 1
        repeat {
            q[i] = 0x30 &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
            i -= 1
        } while i >= 0
        return q - p + digits
    }

    /// Writes a confidence with three decimals, clamped to 0...1, NaN as 0; returns the bytes written (5).
    static func write(confidence value: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let clamped = value.isNaN ? 0 : min(max(value, 0), 1)
        let thousandths = Int((clamped * 1000).rounded())
        var n = write(thousandths / 1000, to: p)
        let fraction = thousandths % 1000
        p[n] = 0x2E
        p[n + 1] = 0x30 &+ UInt8(truncatingIfNeeded: fraction / 100)
        p[n + 2] = 0x30 &+ UInt8(truncatingIfNeeded: fraction / 10 % 10)
        p[n + 3] = 0x30 &+ UInt8(truncatingIfNeeded: fraction % 10)
        n += 4
        return n
    }
}
