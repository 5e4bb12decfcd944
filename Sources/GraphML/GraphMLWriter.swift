#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ActorGraphModel
internal import CLibXML2

/// Streams a graph to GraphML through libxml2's `xmlTextWriter`, one node or edge at a time.
///
/// The document is never held in memory: the header and every `<key>` are written by
/// `init`, each `write` call emits one element, and `finish()` closes the document.
/// All nodes must come before any edge.
///
/// A file export goes to a temporary file in the destination's folder, renamed into place
/// by `finish()`; an export that fails or is abandoned (the writer released without
/// `finish()`) removes the temporary file and leaves any existing file at `path` whole.
///
/// Not `Sendable`: it owns a libxml2 writer and a file descriptor, used from one task.
public final class GraphMLWriter {
    private enum State { case nodes, edges, finished, failed }

    /// The destination as given (`-` for standard output).
    public let path: String
    private let temporaryPath: String?
    private let sink: FileSink
    private var fileOpen: Bool
    private var writer: xmlTextWriterPtr?
    private var state: State = .nodes

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

        let context = Unmanaged.passUnretained(sink).toOpaque()
        guard let buffer = xmlOutputBufferCreateIO(fileSinkWrite, nil, context, nil) else {
            state = .failed
            throw GraphMLWriteError(path: path, reason: "cannot create a libxml2 output buffer")
        }
        guard let writer = xmlNewTextWriter(buffer) else {
            xmlOutputBufferClose(buffer)
            state = .failed
            throw GraphMLWriteError(path: path, reason: "cannot create a libxml2 text writer")
        }
        self.writer = writer
        try writeHeader()
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
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
        switch state {
        case .nodes: break
        case .edges: throw GraphMLWriteError(path: path, reason: "node '\(node.id)' written after an edge; every node must come before any edge")
        case .finished, .failed: throw notWritable()
        }
        try checkID(node.id.rawValue, of: "node")
        try startElement("node")
        try attribute("id", node.id.rawValue)
        try data("label", node.label)
        try data("name", node.label)
        try data("label_en", node.labelEn)
        try data("kind", node.kind.rawValue)
        try data("aliases", node.aliases.joined(separator: String(GraphMLSchema.aliasSeparator)))
        try data("mentions", String(node.mentions))
        try data("mention_detail", GraphMLSchema.encode(node.mentionDetail))
        try endElement()
    }

    /// Writes one `<edge>` with its id, source, target and every edge key.
    ///
    /// - Throws: `GraphMLWriteError` if an id is not an ASCII NMTOKEN or the write fails.
    public func write(edge: GraphEdge) throws {
        switch state {
        case .nodes, .edges: break
        case .finished, .failed: throw notWritable()
        }
        state = .edges
        try checkID(edge.source.rawValue, of: "edge source")
        try checkID(edge.target.rawValue, of: "edge target")
        try startElement("edge")
        try attribute("id", edge.id)
        try attribute("source", edge.source.rawValue)
        try attribute("target", edge.target.rawValue)
        try data("label", edge.relation.rawValue)
        try data("relation", edge.relation.rawValue)
        try data("weight", String(edge.weight))
        try data("documents", edge.documents.joined(separator: String(GraphMLSchema.documentSeparator)))
        try data("first_seen", edge.firstSeen ?? "")
        try data("last_seen", edge.lastSeen ?? "")
        try data("evidence", edge.evidence)
        try data("confidence", XMLText.formatConfidence(edge.confidence))
        try data("evidence_detail", GraphMLSchema.encode(edge.evidenceDetail))
        try endElement()
    }

    /// Closes `<graph>` and `<graphml>`, flushes, and for a file renames it into place.
    ///
    /// - Throws: `GraphMLWriteError` naming the path and the reason; the destination is then untouched.
    public func finish() throws {
        switch state {
        case .nodes, .edges: break
        case .finished, .failed: throw notWritable()
        }
        try check(xmlTextWriterEndDocument(writer), "closing the document")
        try check(xmlTextWriterFlush(writer), "flushing")
        xmlFreeTextWriter(writer)
        writer = nil
        if sink.errorCode != 0 { throw fail("cannot write: \(XMLText.errnoText(sink.errorCode))") }
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

    // MARK: - Elements

    private func writeHeader() throws {
        try check(xmlTextWriterStartDocument(writer, nil, "UTF-8", nil), "writing the XML declaration")
        try check(xmlTextWriterSetIndent(writer, 1), "setting indentation")
        try XMLText.withXMLChars("  ") { try check(xmlTextWriterSetIndentString(writer, $0), "setting indentation") }
        try startElement("graphml")
        try attribute("xmlns", GraphMLSchema.namespace)
        try attribute("xmlns:xsi", GraphMLSchema.xsiNamespace)
        try attribute("xsi:schemaLocation", GraphMLSchema.schemaLocation)
        for key in GraphMLSchema.keys {
            try startElement("key")
            try attribute("id", key.id)
            try attribute("for", key.domain)
            try attribute("attr.name", key.id)
            try attribute("attr.type", key.type)
            try endElement()
        }
        try startElement("graph")
        try attribute("id", GraphMLSchema.graphID)
        try attribute("edgedefault", "directed")
    }

    /// Writes `<data key="KEY">VALUE</data>`, VALUE stripped of what XML 1.0 forbids.
    private func data(_ key: String, _ value: String) throws {
        try startElement("data")
        try attribute("key", key)
        let text = XMLText.stripForbidden(value)
        if !text.isEmpty {
            try XMLText.withXMLChars(text) { try check(xmlTextWriterWriteString(writer, $0), "writing text") }
        }
        try endElement()
    }

    private func startElement(_ name: String) throws {
        try XMLText.withXMLChars(name) { try check(xmlTextWriterStartElement(writer, $0), "writing <\(name)>") }
    }

    private func attribute(_ name: String, _ value: String) throws {
        try XMLText.withXMLChars(name) { n in
            try XMLText.withXMLChars(value) { v in
                try check(xmlTextWriterWriteAttribute(writer, n, v), "writing attribute \(name)")
            }
        }
    }

    private func endElement() throws {
        try check(xmlTextWriterEndElement(writer), "closing an element")
    }

    // MARK: - Errors

    private func checkID(_ id: String, of what: String) throws {
        guard XMLText.isASCIINameToken(id) else {
            throw GraphMLWriteError(path: path, reason: "\(what) id '\(XMLText.stripForbidden(id))' is not an ASCII NMTOKEN ([A-Za-z0-9._:-]+)")
        }
    }

    /// Throws when a libxml2 writer call returned an error, with the system's reason when there is one.
    @inline(__always)
    private func check(_ result: Int32, _ doing: @autoclosure () -> String) throws {
        guard result < 0 else { return }
        if sink.errorCode != 0 { throw fail("cannot write: \(XMLText.errnoText(sink.errorCode))") }
        throw fail("libxml2 failed \(doing())")
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
