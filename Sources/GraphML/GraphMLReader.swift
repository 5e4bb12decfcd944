#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ActorGraphModel
internal import CLibXML2

/// Reads a GraphML file in actorgraph's shape back into nodes and edges, streaming with libxml2's `xmlTextReader`.
///
/// Data keys are resolved through the file's `<key>` declarations by `attr.name`, so files whose
/// key ids are `d0`, `d1`, … read alike; `<default>` values apply to elements lacking a `<data>`.
/// The parser never touches the network and never substitutes entities, and a document with a
/// `<!DOCTYPE>` (the only place entities can be declared) is refused.
///
/// Unknown `kind` or `relation` values, missing ids, duplicate node ids and edges to nodes the
/// file lacks throw `InputError` naming the file and the element's line.
public struct GraphMLReader: Sendable {
    /// The file to read, or `-` for standard input.
    public let path: String

    /// Prepares to read the GraphML file at `path` (`-` for standard input); nothing is opened yet.
    public init(path: String) {
        self.path = path
    }

    /// Reads the whole file into arrays, nodes and edges in document order.
    public func readAll() throws -> (nodes: [GraphNode], edges: [GraphEdge]) {
        var nodes: [GraphNode] = []
        var edges: [GraphEdge] = []
        try read(node: { nodes.append($0) }, edge: { edges.append($0) })
        return (nodes, edges)
    }

    /// Streams the file, calling `node` for each `<node>` and `edge` for each `<edge>` as it is closed.
    ///
    /// An error thrown by a closure stops the reading and is rethrown as is.
    public func read(node: (GraphNode) throws -> Void, edge: (GraphEdge) throws -> Void) throws {
        let displayName = path == "-" ? "<stdin>" : path
        let fd: Int32 = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw InputError("cannot open: \(XMLText.errnoText(errno))", file: displayName)
        }
        defer { if fd != STDIN_FILENO { close(fd) } }

        // libxml2 reads through `InputSource`, which refuses a <!DOCTYPE> before the parser sees it.
        // No XML_PARSE_NOENT (entities stay unsubstituted), no DTD loading, no network.
        let source = InputSource(fd: fd)
        let options = Int32(XML_PARSE_NONET.rawValue)
        guard let reader = xmlReaderForIO(inputSourceRead, nil, Unmanaged.passUnretained(source).toOpaque(),
                                          nil, nil, options) else {
            throw InputError("cannot create a libxml2 reader", file: displayName)
        }
        defer { xmlFreeTextReader(reader) }

        let errors = ParseErrors()
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<ParseErrors>.fromOpaque(context).takeUnretainedValue()
                .record(level: error.pointee.level.rawValue, message: error.pointee.message, line: error.pointee.line)
        }, Unmanaged.passUnretained(errors).toOpaque())

        var parser = GraphMLParse(reader: reader, file: displayName, errors: errors)
        do {
            // libxml2 holds both unretained: keep them alive while it parses.
            try withExtendedLifetime((source, errors)) { try parser.run(node: node, edge: edge) }
        } catch let error as InputError {
            // The source's own verdict explains a parse that stopped because the source stopped.
            if let line = source.doctypeLine { throw InputError(GraphMLParse.doctypeRefusal, file: displayName, line: line) }
            if source.errorCode != 0 {
                throw InputError("cannot read: \(XMLText.errnoText(source.errorCode))", file: displayName)
            }
            throw error
        }
    }
}

/// The bytes libxml2 parses, read from a file descriptor; refuses a document whose prologue has a `<!DOCTYPE>`.
///
/// Until the root element starts, every byte read is also kept and scanned (XML declaration,
/// processing instructions, comments, white space); a `<!DOCTYPE` there stops the input before
/// libxml2 has seen it, so no entity is ever declared. Documents the scan cannot judge (UTF-16,
/// a prologue over 64 KiB) are left to the reader's own `DOCUMENT_TYPE` check.
///
/// Not `Sendable`: lives for one `read` call, reached from libxml2's callback on the same thread.
private final class InputSource {
    enum Verdict { case undecided, accepted, doctype(line: Int) }

    let fd: Int32
    var prologue: [UInt8] = []
    var decided = false
    /// The line of a refused `<!DOCTYPE`, or nil.
    var doctypeLine: Int?
    /// The errno of a failed read, or 0.
    var errorCode: Int32 = 0

    init(fd: Int32) { self.fd = fd }

    /// Reads up to `length` bytes into `buffer`; the count, 0 at the end, -1 on error or refusal.
    func fill(_ buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
        var count: Int
        repeat { count = read(fd, buffer, length) } while count < 0 && errno == EINTR
        if count < 0 {
            errorCode = errno
            return -1
        }
        if !decided {
            prologue.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: count))
            switch Self.judge(prologue, atEnd: count == 0) {
            case .undecided:
                if prologue.count > 65_536 { decided = true; prologue = [] }
            case .accepted:
                decided = true; prologue = []
            case .doctype(let line):
                doctypeLine = line
                return -1
            }
        }
        return Int32(count)
    }

    /// Whether the bytes seen so far start the root element (accepted) or a `<!DOCTYPE` (refused).
    static func judge(_ bytes: [UInt8], atEnd: Bool) -> Verdict {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            guard bytes.count >= needle.count else { return nil }
            var j = start
            while j + needle.count <= bytes.count {
                if bytes[j] == needle[0], Array(bytes[j..<j + needle.count]) == needle { return j }
                j += 1
            }
            return nil
        }
        func countLines(_ range: Range<Int>) { line += bytes[range].lazy.filter { $0 == 0x0A }.count }
        while true {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
            let rest = bytes[i...]
            if rest.count < 9 && !atEnd { return .undecided }
            if rest.starts(with: Array("<?".utf8)) {
                guard let end = find(Array("?>".utf8), from: i + 2) else { return atEnd ? .accepted : .undecided }
                countLines(i..<end); i = end + 2
            } else if rest.starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), from: i + 4) else { return atEnd ? .accepted : .undecided }
                countLines(i..<end); i = end + 3
            } else if rest.starts(with: Array("<!DOCTYPE".utf8)) {
                return .doctype(line: line)
            } else {
                return .accepted  // The root element, or something the parser will reject.
            }
        }
    }
}

/// libxml2 read callback over an `InputSource`.
private func inputSourceRead(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context, let buffer else { return -1 }
    return Unmanaged<InputSource>.fromOpaque(context).takeUnretainedValue().fill(buffer, length: Int(length))
}

/// The first error libxml2 reported while parsing.
///
/// Not `Sendable`: lives for one `read` call, reached from libxml2's callback on the same thread.
private final class ParseErrors {
    var message: String?
    var line: Int?

    func record(level: UInt32, message: UnsafeMutablePointer<CChar>?, line: Int32) {
        guard self.message == nil, level >= XML_ERR_ERROR.rawValue else { return }
        var text = message.map { String(cString: $0) } ?? "malformed XML"
        while let last = text.last, last.isWhitespace { text.removeLast() }
        self.message = text
        self.line = line > 0 ? Int(line) : nil
    }
}

/// The state of one streaming pass over a GraphML document.
private struct GraphMLParse {
    /// What one `<key>` declares.
    struct KeyInfo {
        var name: String
        var domain: String
    }

    /// The `<node>` or `<edge>` being read.
    enum Element {
        case node(id: String, line: Int)
        case edge(source: String, target: String, line: Int)
    }

    static let doctypeRefusal = "refused: the document has a <!DOCTYPE> declaration; GraphML needs none, "
        + "and a DTD can declare entities (entity expansion, external files)"

    /// The deepest element nesting accepted (GraphML's own is graphml › graph › node › data › …).
    static let maximumDepth = 32

    let reader: xmlTextReaderPtr
    let file: String
    let errors: ParseErrors

    var keys: [String: KeyInfo] = [:]
    /// Default values by `domain:name`.
    var defaults: [String: String] = [:]
    var nodeIDs = Set<String>()
    /// Edge endpoints not (yet) declared as nodes, with the line of the first edge naming them.
    var missingEndpoints: [String: Int] = [:]
    var sawRoot = false
    var graphDepth: Int?

    var current: Element?
    var values: [String: String] = [:]
    /// The key whose `<default>` is being read, or nil.
    var openKey: String?
    /// The `<data>` (key name) or `<default>` (key id) being read, its depth and text.
    var textTarget: String?
    var textDepth = 0
    var text = ""

    init(reader: xmlTextReaderPtr, file: String, errors: ParseErrors) {
        self.reader = reader; self.file = file; self.errors = errors
    }

    mutating func run(node: (GraphNode) throws -> Void, edge: (GraphEdge) throws -> Void) throws {
        while true {
            let result = xmlTextReaderRead(reader)
            if result == 0 { break }
            if result < 0 {
                throw InputError(errors.message ?? "malformed XML", file: file,
                                 line: errors.line ?? Int(xmlTextReaderGetParserLineNumber(reader)))
            }
            let type = xmlTextReaderNodeType(reader)
            switch type {
            case ReaderType.element:
                try startElement(node: node, edge: edge)
            case ReaderType.endElement:
                try endElement(node: node, edge: edge)
            case ReaderType.text, ReaderType.cdata, ReaderType.whitespace, ReaderType.significantWhitespace:
                if textTarget != nil, Int(xmlTextReaderDepth(reader)) == textDepth + 1 {
                    text += XMLText.string(xmlTextReaderConstValue(reader)) ?? ""
                }
            case ReaderType.documentType:
                throw InputError(Self.doctypeRefusal, file: file, line: elementLine())
            case ReaderType.entityReference, ReaderType.entity:
                throw InputError("refused: the document uses entity references", file: file, line: elementLine())
            default:
                break
            }
        }
        if !sawRoot { throw InputError("not a GraphML document: no <graphml> element", file: file) }
        if let (id, line) = missingEndpoints.min(by: { $0.value < $1.value }) {
            throw InputError("an edge refers to node '\(id)', which the graph does not declare", file: file, line: line)
        }
    }

    // MARK: - Elements

    private mutating func startElement(node: (GraphNode) throws -> Void, edge: (GraphEdge) throws -> Void) throws {
        let name = XMLText.string(xmlTextReaderConstLocalName(reader)) ?? ""
        let depth = Int(xmlTextReaderDepth(reader))
        if depth > Self.maximumDepth {
            throw InputError("refused: elements nested deeper than \(Self.maximumDepth) levels; GraphML needs a handful",
                             file: file, line: elementLine())
        }
        let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
        if !sawRoot {
            guard name == "graphml" else {
                throw InputError("not a GraphML document: the root element is <\(name)>", file: file, line: elementLine())
            }
            sawRoot = true
            return
        }
        switch name {
        case "key":
            let id = try required("id", of: "key")
            let info = KeyInfo(name: attribute("attr.name") ?? id, domain: attribute("for") ?? "all")
            keys[id] = info
            if !isEmpty { openKey = id }
        case "default":
            guard openKey != nil else { return }
            beginText(target: "", depth: depth)
            if isEmpty { try endText(node: node, edge: edge) }
        case "graph":
            if graphDepth != nil {
                throw InputError("only one <graph> is supported (nested or repeated graphs are not)", file: file, line: elementLine())
            }
            graphDepth = depth
        case "node":
            guard current == nil else {
                throw InputError("<node> inside another node or edge", file: file, line: elementLine())
            }
            let id = try required("id", of: "node")
            current = .node(id: id, line: elementLine())
            values.removeAll(keepingCapacity: true)
            if isEmpty { try endElement(named: "node", node: node, edge: edge) }
        case "edge":
            guard current == nil else {
                throw InputError("<edge> inside a node or another edge", file: file, line: elementLine())
            }
            current = .edge(source: try required("source", of: "edge"), target: try required("target", of: "edge"),
                            line: elementLine())
            values.removeAll(keepingCapacity: true)
            if isEmpty { try endElement(named: "edge", node: node, edge: edge) }
        case "data":
            guard current != nil else { return }  // Graph-level data: not part of the model.
            let key = try required("key", of: "data")
            beginText(target: keys[key]?.name ?? key, depth: depth)
            if isEmpty { try endText(node: node, edge: edge) }
        default:
            break  // <desc>, <port>, <hyperedge>, extensions: not part of the model.
        }
    }

    private mutating func endElement(node: (GraphNode) throws -> Void, edge: (GraphEdge) throws -> Void) throws {
        let name = XMLText.string(xmlTextReaderConstLocalName(reader)) ?? ""
        try endElement(named: name, node: node, edge: edge)
    }

    private mutating func endElement(named name: String, node: (GraphNode) throws -> Void, edge: (GraphEdge) throws -> Void) throws {
        switch name {
        case "data", "default":
            if textTarget != nil, Int(xmlTextReaderDepth(reader)) == textDepth { try endText(node: node, edge: edge) }
        case "key":
            openKey = nil
        case "node":
            guard case .node(let id, let line)? = current else { return }
            current = nil
            try node(makeNode(id: id, line: line))
        case "edge":
            guard case .edge(let source, let target, let line)? = current else { return }
            current = nil
            try edge(makeEdge(source: source, target: target, line: line))
        default:
            break
        }
    }

    private mutating func beginText(target: String, depth: Int) {
        textTarget = target
        textDepth = depth
        text = ""
    }

    private mutating func endText(node: (GraphNode) throws -> Void, edge: (GraphEdge) throws -> Void) throws {
        guard let target = textTarget else { return }
        textTarget = nil
        if let key = openKey, current == nil {
            let info = keys[key] ?? KeyInfo(name: key, domain: "all")
            defaults["\(info.domain):\(info.name)"] = text
        } else if current != nil {
            values[target] = text
        }
    }

    // MARK: - Model

    private func value(_ name: String, domain: String) -> String? {
        values[name] ?? defaults["\(domain):\(name)"] ?? defaults["all:\(name)"]
    }

    private mutating func makeNode(id: String, line: Int) throws -> GraphNode {
        guard nodeIDs.insert(id).inserted else {
            throw InputError("duplicate node id '\(id)'", file: file, line: line)
        }
        missingEndpoints[id] = nil
        let kind: NodeKind
        if let raw = value("kind", domain: "node") {
            guard let known = NodeKind(rawValue: raw) else {
                throw InputError("node '\(id)': unknown kind '\(raw)' (known: \(NodeKind.allCases.map(\.rawValue).joined(separator: ", ")))",
                                 file: file, line: line)
            }
            kind = known
        } else {
            kind = .other
        }
        let aliases = value("aliases", domain: "node")?
            .split(separator: GraphMLSchema.aliasSeparator, omittingEmptySubsequences: true).map(String.init) ?? []
        return GraphNode(
            id: NodeID(id),
            label: value("label", domain: "node") ?? value("name", domain: "node") ?? "",
            labelEn: value("label_en", domain: "node") ?? "",
            kind: kind,
            aliases: aliases,
            mentions: try integer("mentions", domain: "node", default: 0, element: "node '\(id)'", line: line),
            mentionDetail: try detail("mention_detail", domain: "node", element: "node '\(id)'", line: line,
                                      decode: GraphMLSchema.decodeMentions))
    }

    /// A `mention_detail` / `evidence_detail` list, empty when the file has none.
    private func detail<T>(_ name: String, domain: String, element: String, line: Int, decode: (String) -> [T]?) throws -> [T] {
        guard let text = value(name, domain: domain) else { return [] }
        guard let rows = decode(text) else {
            throw InputError("\(element): malformed \(name) (one line per row, fields separated by tabs)", file: file, line: line)
        }
        return rows
    }

    private mutating func makeEdge(source: String, target: String, line: Int) throws -> GraphEdge {
        for endpoint in [source, target] where !nodeIDs.contains(endpoint) && missingEndpoints[endpoint] == nil {
            missingEndpoints[endpoint] = line
        }
        let element = "edge \(source) -> \(target)"
        guard let raw = value("relation", domain: "edge") ?? value("label", domain: "edge") else {
            throw InputError("\(element): no relation", file: file, line: line)
        }
        guard let relation = RelationType(rawValue: raw) else {
            throw InputError("\(element): unknown relation '\(raw)' (known: \(RelationType.allCases.map(\.rawValue).joined(separator: ", ")))",
                             file: file, line: line)
        }
        let confidence: Double
        if let text = value("confidence", domain: "edge"), !trimmed(text).isEmpty {
            guard let number = Double(trimmed(text)), number.isFinite else {
                throw InputError("\(element): confidence '\(text)' is not a finite number", file: file, line: line)
            }
            confidence = number
        } else {
            confidence = 0
        }
        let documents = value("documents", domain: "edge")?
            .split(separator: GraphMLSchema.documentSeparator, omittingEmptySubsequences: true).map(String.init) ?? []
        return GraphEdge(
            source: NodeID(source), relation: relation, target: NodeID(target),
            weight: try integer("weight", domain: "edge", default: 1, element: element, line: line),
            documents: documents,
            firstSeen: nonEmpty(value("first_seen", domain: "edge")),
            lastSeen: nonEmpty(value("last_seen", domain: "edge")),
            evidence: value("evidence", domain: "edge") ?? "",
            confidence: confidence,
            evidenceDetail: try detail("evidence_detail", domain: "edge", element: element, line: line,
                                       decode: GraphMLSchema.decodeEvidence))
    }

    private func integer(_ name: String, domain: String, default fallback: Int, element: String, line: Int) throws -> Int {
        guard let text = value(name, domain: domain), !trimmed(text).isEmpty else { return fallback }
        guard let number = Int(trimmed(text)) else {
            throw InputError("\(element): \(name) '\(text)' is not an integer", file: file, line: line)
        }
        return number
    }

    // MARK: - Reader access

    /// The value of an attribute of the current element, or nil.
    private func attribute(_ name: String) -> String? {
        XMLText.withXMLChars(name) { XMLText.takeString(xmlTextReaderGetAttribute(reader, $0)) }
    }

    private func required(_ name: String, of element: String) throws -> String {
        guard let value = attribute(name), !value.isEmpty else {
            throw InputError("<\(element)> without the required '\(name)' attribute", file: file, line: elementLine())
        }
        return value
    }

    /// The line of the current node: its own line where libxml2 recorded it, else the parser's position.
    private func elementLine() -> Int {
        if let current = xmlTextReaderCurrentNode(reader) {
            let line = xmlGetLineNo(current)
            if line > 0 { return Int(line) }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }
}

private func trimmed(_ s: String) -> Substring {
    var sub = Substring(s)
    while let c = sub.first, c.isWhitespace { sub.removeFirst() }
    while let c = sub.last, c.isWhitespace { sub.removeLast() }
    return sub
}

private func nonEmpty(_ s: String?) -> String? {
    guard let s, !s.isEmpty else { return nil }
    return s
}

/// `xmlTextReaderNodeType` values.
private enum ReaderType {
    static let element = Int32(XML_READER_TYPE_ELEMENT.rawValue)
    static let text = Int32(XML_READER_TYPE_TEXT.rawValue)
    static let cdata = Int32(XML_READER_TYPE_CDATA.rawValue)
    static let entityReference = Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)
    static let entity = Int32(XML_READER_TYPE_ENTITY.rawValue)
    static let documentType = Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
    static let whitespace = Int32(XML_READER_TYPE_WHITESPACE.rawValue)
    static let significantWhitespace = Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue)
    static let endElement = Int32(XML_READER_TYPE_END_ELEMENT.rawValue)
}
