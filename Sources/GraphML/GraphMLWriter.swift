#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ActorGraphModel
internal import CLibXML2

/// Streams a graph to GraphML through libxml2's output buffer, one node or edge at a time.
///
/// The document is never held in memory: `init` writes the header and every `<key>`, each `write`
/// formats one element into a byte buffer (laid out and escaped exactly as libxml2's indenting
/// `xmlTextWriter` did), full buffers go to libxml2's `xmlOutputBufferWrite`, and `finish()`
/// closes the document. All nodes must come before any edge. Edges formatted elsewhere, e.g. on
/// other threads, are appended whole with `append(_:)`.
///
/// A file export goes to a temporary file in the destination's folder, renamed into place
/// by `finish()`; an export that fails or is abandoned (the writer released without
/// `finish()`) removes the temporary file and leaves any existing file at `path` whole.
///
/// Not `Sendable`: it owns a libxml2 output buffer and a file descriptor, used from one task.
public final class GraphMLWriter {
    private enum State { case nodes, edges, finished, failed }

    /// How many formatted bytes are gathered before they go to libxml2.
    private static let flushSize = 1 << 16

    /// The destination as given (`-` for standard output).
    public let path: String
    private let temporaryPath: String?
    private let sink: FileSink
    private var fileOpen: Bool
    private var output: xmlOutputBufferPtr?
    private var state: State = .nodes
    /// Bytes formatted and not yet handed to libxml2.
    private var pending: GraphMLChunk
    /// Whether `<graph …` was closed with `>` (it has an element).
    private var graphOpen = false

    /// Opens the destination and writes the XML declaration, `<graphml>`, every `<key>` and `<graph>`.
    ///
    /// - Parameter path: the GraphML file to write, or `-` for standard output.
    /// - Throws: `GraphMLWriteError` naming the path and the reason when the destination
    ///   cannot be created or written.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            fflush(nil)  // Anything already printed through stdio goes first.
            sink = FileSink(fd: STDOUT_FILENO)
            temporaryPath = nil
        } else {
            let (fd, temporary) = try Self.createTemporaryFile(for: path)
            sink = FileSink(fd: fd)
            temporaryPath = temporary
        }
        fileOpen = true
        pending = GraphMLChunk(path: path)
        pending.reserveCapacity(Self.flushSize + (1 << 12))

        let context = Unmanaged.passUnretained(sink).toOpaque()
        guard let output = xmlOutputBufferCreateIO(fileSinkWrite, nil, context, nil) else {
            state = .failed
            throw GraphMLWriteError(path: path, reason: "cannot create a libxml2 output buffer")
        }
        self.output = output
        pending.out.bytes.append(contentsOf: GraphMLBytes.header())
    }

    deinit {
        if let output { xmlOutputBufferClose(output) }
        if let temporaryPath {
            if fileOpen { close(sink.fd) }
            if state != .finished { unlink(temporaryPath) }
        }
    }

    /// Writes one `<node>` with every node key.
    ///
    /// - Throws: `GraphMLWriteError` if an edge was already written, the id is not an ASCII
    ///   NMTOKEN, or the write fails.
    public func write(node: GraphNode) throws {
        try startNode(node)
        pending.out.append(node: node)
        try flushIfFull()
    }

    /// Checks that a node may be written now, and its id.
    private func startNode(_ node: GraphNode) throws {
        switch state {
        case .nodes: break
        case .edges: throw GraphMLWriteError(path: path, reason: "node '\(node.id)' written after an edge; every node must come before any edge")
        case .finished, .failed: throw notWritable()
        }
        try checkID(node.id.rawValue, of: "node")
        openGraph()
    }

    /// Writes one `<node>` whose `mention_detail` rows come one at a time: `rows` is called once and
    /// hands each row (document, count, surface; the texts as UTF-8 bytes, read during the call only)
    /// to the sink it gets, so that a node mentioned in millions of documents is never held in memory.
    /// `node.mentionDetail` is not read. The bytes are those of `write(node:)` for the node with
    /// those rows.
    ///
    /// - Throws: what `write(node:)` throws, or what `rows` throws.
    public func write(
        node: GraphNode,
        rows: (_ row: (_ document: UnsafeBufferPointer<UInt8>, _ count: Int, _ surface: UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Void
    ) throws {
        try startNode(node)
        pending.out.appendHead(node: node)
        var first = true
        try rows { document, count, surface in
            pending.out.appendMentionDetail(first: first, document: document, count: count, surface: surface)
            first = false
            try flushIfFull()
        }
        pending.out.appendTail(node: !first)
        try flushIfFull()
    }

    /// Writes one `<edge>` with its id, source, target and every edge key.
    ///
    /// - Throws: `GraphMLWriteError` if an id is not an ASCII NMTOKEN or the write fails.
    public func write(edge: GraphEdge) throws {
        try startEdges()
        try checkID(edge.source.rawValue, of: "edge source")
        try checkID(edge.target.rawValue, of: "edge target")
        openGraph()
        try pending.append(edge: edge)
        try flushIfFull()
    }

    /// Appends a run of edges formatted by `GraphMLChunk`, as if each had been written with `write(edge:)`.
    ///
    /// - Throws: `GraphMLWriteError` if the document is finished or the write fails.
    public func append(_ chunk: GraphMLChunk) throws {
        try startEdges()
        guard !chunk.isEmpty else { return }
        openGraph()
        try flush()
        try chunk.out.bytes.withUnsafeBufferPointer { try hand($0) }
    }

    /// Closes `<graph>` and `<graphml>`, flushes, and for a file renames it into place.
    ///
    /// - Throws: `GraphMLWriteError` naming the path and the reason; the destination is then untouched.
    public func finish() throws {
        switch state {
        case .nodes, .edges: break
        case .finished, .failed: throw notWritable()
        }
        pending.out.append(graphOpen ? "  </graph>\n</graphml>\n" : "/>\n</graphml>\n")
        try flush()
        let closed = xmlOutputBufferClose(output)
        output = nil
        if sink.errorCode != 0 { throw fail("cannot write: \(XMLText.errnoText(sink.errorCode))") }
        if closed < 0 { throw fail("libxml2 failed closing the document") }
        guard let temporaryPath else {
            state = .finished
            return
        }
        if fsync(sink.fd) != 0, errno != EINVAL, errno != ENOTSUP {
            throw fail("cannot write: \(XMLText.errnoText(errno))")
        }
        fileOpen = false
        if close(sink.fd) != 0 { throw fail("cannot write: \(XMLText.errnoText(errno))") }
        if rename(temporaryPath, path) != 0 {
            throw fail("cannot move \(temporaryPath) into place: \(XMLText.errnoText(errno))")
        }
        state = .finished
    }

    // MARK: - Output

    /// Checks that edges may be written now and marks that they have begun.
    private func startEdges() throws {
        switch state {
        case .nodes, .edges: break
        case .finished, .failed: throw notWritable()
        }
        state = .edges
    }

    /// Ends the `<graph …` start tag before its first element.
    private func openGraph() {
        guard !graphOpen else { return }
        pending.out.append(">\n")
        graphOpen = true
    }

    private func flushIfFull() throws {
        if pending.count >= Self.flushSize { try flush() }
    }

    /// Hands the pending bytes to libxml2.
    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.out.bytes.withUnsafeBufferPointer { try hand($0) }
        pending.removeAll()
    }

    /// Writes bytes through libxml2's output buffer, in pieces it can take.
    private func hand(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            let result = (base + offset).withMemoryRebound(to: CChar.self, capacity: length) {
                xmlOutputBufferWrite(output, Int32(length), $0)
            }
            if result < 0 {
                if sink.errorCode != 0 { throw fail("cannot write: \(XMLText.errnoText(sink.errorCode))") }
                throw fail("libxml2 failed writing")
            }
            offset += length
        }
    }

    // MARK: - Errors

    private func checkID(_ id: String, of what: String) throws {
        guard XMLText.isASCIINameToken(id) else {
            throw GraphMLWriteError(path: path, reason: "\(what) id '\(XMLText.stripForbidden(id))' is not an ASCII NMTOKEN ([A-Za-z0-9._:-]+)")
        }
    }

    /// Marks the export failed and returns the error to throw.
    private func fail(_ reason: String) -> GraphMLWriteError {
        state = .failed
        return GraphMLWriteError(path: path, reason: reason)
    }

    private func notWritable() -> GraphMLWriteError {
        GraphMLWriteError(path: path, reason: state == .finished
            ? "the GraphML document is already finished"
            : "an earlier write failed; the export was abandoned")
    }

    /// Creates `.<name>.tmp-<pid>-<random>` next to `path` (mode as `path` has, else 0666 less umask).
    private static func createTemporaryFile(for path: String) throws -> (fd: Int32, path: String) {
        var status = stat()
        let exists = stat(path, &status) == 0
        if exists, (status.st_mode & S_IFMT) == S_IFDIR {
            throw GraphMLWriteError(path: path, reason: "cannot write: \(XMLText.errnoText(EISDIR))")
        }
        let folder: Substring
        let name: Substring
        if let slash = path.lastIndex(of: "/") {
            folder = path[...slash]
            name = path[path.index(after: slash)...]
        } else {
            folder = ""
            name = Substring(path)
        }
        for _ in 0..<16 {
            let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
            let temporary = "\(folder).\(name).tmp-\(getpid())-\(suffix)"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                if exists { _ = fchmod(fd, status.st_mode & 0o7777) }
                return (fd, temporary)
            }
            let code = errno
            if code != EEXIST {
                throw GraphMLWriteError(path: path, reason: "cannot create \(temporary): \(XMLText.errnoText(code))")
            }
        }
        throw GraphMLWriteError(path: path, reason: "cannot create a temporary file next to it: \(XMLText.errnoText(EEXIST))")
    }
}

/// The file descriptor libxml2's output buffer writes to, and the first write error (errno).
///
/// Not `Sendable`: owned by one `GraphMLWriter`, reached from libxml2's callback on the same thread.
private final class FileSink {
    let fd: Int32
    var errorCode: Int32 = 0
    init(fd: Int32) { self.fd = fd }
}

/// libxml2 write callback: writes the whole buffer to the sink's descriptor, or records errno and fails.
private func fileSinkWrite(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context, let buffer else { return -1 }
    let sink = Unmanaged<FileSink>.fromOpaque(context).takeUnretainedValue()
    var written = 0
    while written < Int(length) {
        let n = write(sink.fd, buffer + written, Int(length) - written)
        if n < 0 {
            if errno == EINTR { continue }
            sink.errorCode = errno
            return -1
        }
        written += n
    }
    return length
}
