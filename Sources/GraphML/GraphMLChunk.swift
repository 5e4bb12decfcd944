import ActorGraphModel

/// A run of `<edge>` elements formatted apart from the writer, to be appended to it whole.
///
/// Lets several threads format consecutive parts of a graph at once: each fills its own chunk,
/// and the writer appends the chunks in order (`GraphMLWriter.append(_:)`), giving the same
/// bytes as writing the edges one by one. A chunk is a plain value and may move between threads.
public struct GraphMLChunk: Sendable {
    /// The destination errors name (the writer's `path`).
    public let path: String
    var out = GraphMLBytes()
    /// Reused to turn a `GraphEdge` into bytes.
    private var scratch = EdgeBytes()

    /// An empty chunk whose errors name `path`.
    public init(path: String) {
        self.path = path
    }

    /// The formatted bytes.
    public var bytes: [UInt8] { out.bytes }

    /// The number of bytes formatted so far.
    public var count: Int { out.count }
    public var isEmpty: Bool { out.bytes.isEmpty }

    /// Empties the chunk, keeping its storage for the next run of edges.
    public mutating func removeAll() { out.removeAll() }

    /// Reserves room for `bytes` bytes.
    public mutating func reserveCapacity(_ bytes: Int) { out.bytes.reserveCapacity(bytes) }

    /// Formats one `<edge>` (as `GraphMLWriter.write(edge:)` does).
    ///
    /// - Throws: `GraphMLWriteError` if the source or target is not an ASCII NMTOKEN; nothing is appended then.
    public mutating func append(edge: GraphEdge) throws {
        var bytes = EdgeBytes()
        swap(&bytes, &scratch)
        defer { swap(&bytes, &scratch) }
        bytes.load(edge)
        try append(edge: bytes)
    }

    /// Formats one `<edge>` from its bytes.
    ///
    /// - Throws: `GraphMLWriteError` if the source or target is not an ASCII NMTOKEN; nothing is appended then.
    public mutating func append(edge: borrowing EdgeBytes) throws {
        try edge.bytes.withUnsafeBufferPointer { b in
            try checkID(UnsafeBufferPointer(rebasing: b[edge.source]), of: "edge source")
            try checkID(UnsafeBufferPointer(rebasing: b[edge.target]), of: "edge target")
        }
        out.append(edge: edge)
    }

    /// Throws unless the id is a non-empty ASCII NMTOKEN (`[A-Za-z0-9._:-]+`).
    func checkID(_ id: UnsafeBufferPointer<UInt8>, of what: String) throws {
        guard !XMLText.isASCIINameToken(id) else { return }
        let text = XMLText.stripForbidden(String(decoding: id, as: UTF8.self))
        throw GraphMLWriteError(path: path, reason: "\(what) id '\(text)' is not an ASCII NMTOKEN ([A-Za-z0-9._:-]+)")
    }
}
