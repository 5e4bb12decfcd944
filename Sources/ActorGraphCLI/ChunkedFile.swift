import ActorGraphModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read forward in bounded chunks through `read(2)`: lines, or stretches of text cut at a
/// sentence end. Memory stays at about one chunk however large the file or its lines are.
final class ChunkedFile {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private(set) var atEnd = false
    /// File offset of `buffer[start]`.
    private(set) var offset = 0
    static let readSize = 1 << 20

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError("cannot open the file (\(String(cString: strerror(errno))))", file: path) }
    }

    deinit { close(fd) }

    /// The file's size in bytes, when it is a regular file.
    var size: Int? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// Reads more bytes into the buffer; false at the end of the file.
    private func fill() throws -> Bool {
        if atEnd { return false }
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start); start = 0
        }
        let old = buffer.count
        buffer.reserveCapacity(old + Self.readSize)
        var got = 0
        buffer.append(contentsOf: repeatElement(0, count: Self.readSize))
        while true {
            got = buffer.withUnsafeMutableBufferPointer { p in
                read(fd, p.baseAddress! + old, Self.readSize)
            }
            if got >= 0 || errno != EINTR { break }
        }
        guard got >= 0 else {
            buffer.removeLast(Self.readSize)
            throw InputError("cannot read the file (\(String(cString: strerror(errno)))) at byte \(offset + buffer.count - start)", file: path)
        }
        buffer.removeLast(Self.readSize - got)
        if got == 0 { atEnd = true; return false }
        return true
    }

    /// The first `count` bytes of the file (or fewer), without consuming them.
    func peek(_ count: Int) throws -> ArraySlice<UInt8> {
        while buffer.count - start < count, try fill() {}
        return buffer[start..<min(buffer.count, start + count)]
    }

    enum Line {
        case line([UInt8])
        /// A line longer than the limit: skipped without being held, `bytes` long.
        case tooLong(bytes: Int)
    }

    /// The next line without its `\n` (and `\r`), or nil at the end of the file.
    func nextLine(limit: Int) throws -> Line? {
        var searchFrom = start
        var dropped = 0   // bytes of an over-long line already thrown away
        while true {
            if let nl = buffer[searchFrom...].firstIndex(of: 0x0A) {
                let lineEnd = nl
                defer { offset += nl + 1 - start; start = nl + 1 }
                if dropped > 0 || lineEnd - start > limit { return .tooLong(bytes: dropped + lineEnd - start) }
                var end = lineEnd
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                return .line(Array(buffer[start..<end]))
            }
            if buffer.count - start > limit {
                // Too long: forget what we have and keep looking for the line's end.
                dropped += buffer.count - start
                offset += buffer.count - start
                buffer.removeAll(keepingCapacity: true); start = 0
            }
            searchFrom = buffer.count
            if try !fill() {
                guard buffer.count > start || dropped > 0 else { return nil }
                defer { offset += buffer.count - start; start = buffer.count }
                if dropped > 0 || buffer.count - start > limit { return .tooLong(bytes: dropped + buffer.count - start) }
                var end = buffer.count
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                return .line(Array(buffer[start..<end]))
            }
        }
    }

    /// The next stretch of about `size` bytes, cut after a sentence end (`.` `!` `?` `؟` or a line
    /// break) near its end, else after a space, else at a character boundary; nil at the end.
    func nextPart(size: Int) throws -> [UInt8]? {
        while buffer.count - start < size, try fill() {}
        guard buffer.count > start else { return nil }
        var cut = buffer.count
        if !atEnd || buffer.count - start > size {
            cut = Self.cutPoint(buffer[start..<min(buffer.count, start + size)])
        }
        defer { offset += cut - start; start = cut }
        return Array(buffer[start..<cut])
    }

    /// Where to end a part inside `bytes`: the index just after the chosen byte.
    static func cutPoint(_ bytes: ArraySlice<UInt8>) -> Int {
        let window = max(bytes.startIndex, bytes.endIndex - 64 * 1024)
        var i = bytes.endIndex - 1
        while i >= window {
            let b = bytes[i]
            if b == 0x0A || b == 0x2E || b == 0x21 || b == 0x3F { return i + 1 }
            if b == 0x9F && i > bytes.startIndex && bytes[i - 1] == 0xD8 { return i + 1 }   // ؟
            i -= 1
        }
        i = bytes.endIndex - 1
        while i >= window {
            if bytes[i] == 0x20 { return i + 1 }
            i -= 1
        }
        // No break anywhere near the end: cut before a character's first byte.
        i = bytes.endIndex
        while i > bytes.startIndex && bytes[i - 1] & 0xC0 == 0x80 { i -= 1 }
        if i > bytes.startIndex, bytes[i - 1] >= 0xC0 { i -= 1 }
        return i > bytes.startIndex ? i : bytes.endIndex
    }
}
