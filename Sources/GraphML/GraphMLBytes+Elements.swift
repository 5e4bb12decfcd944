import ActorGraphModel

/// The elements of a GraphML document as bytes, laid out as libxml2's indenting `xmlTextWriter` laid them out.
extension GraphMLBytes {
    /// The XML declaration, `<graphml>`, every `<key>`, and `<graph …` left open: the writer closes it
    /// with `>` before the first element, or with `/>` when the graph stays empty.
    static func header() -> [UInt8] {
        var out = GraphMLBytes()
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.append("<graphml xmlns=\"")
        out.append(raw: GraphMLSchema.namespace)
        out.append("\" xmlns:xsi=\"")
        out.append(raw: GraphMLSchema.xsiNamespace)
        out.append("\" xsi:schemaLocation=\"")
        out.append(raw: GraphMLSchema.schemaLocation)
        out.append("\">\n")
        for key in GraphMLSchema.keys {
            out.append("  <key id=\"")
            out.append(raw: key.id)
            out.append("\" for=\"")
            out.append(raw: key.domain)
            out.append("\" attr.name=\"")
            out.append(raw: key.id)
            out.append("\" attr.type=\"")
            out.append(raw: key.type)
            out.append("\"/>\n")
        }
        out.append("  <graph id=\"")
        out.append(raw: GraphMLSchema.graphID)
        out.append("\" edgedefault=\"directed\"")
        return out.bytes
    }

    /// Appends one `<node>` with every node key. The id must have been checked.
    mutating func append(node: GraphNode) {
        appendHead(node: node)
        for (i, row) in node.mentionDetail.enumerated() {
            appendMentionDetail(first: i == 0, document: row.document, count: row.count, surface: row.surface)
        }
        appendTail(node: !node.mentionDetail.isEmpty)
    }

    /// Appends a `<node>` up to its `mention_detail`, whose rows (`appendMentionDetail`) and end
    /// (`appendTail`) follow: together the bytes of `append(node:)` for a node with those rows.
    mutating func appendHead(node: GraphNode) {
        append("    <node id=\"")
        append(raw: node.id.rawValue)
        append("\">\n")
        data("      <data key=\"label\"") { $0.append(text: node.label) }
        data("      <data key=\"name\"") { $0.append(text: node.label) }
        data("      <data key=\"label_en\"") { $0.append(text: node.labelEn) }
        data("      <data key=\"kind\"") { $0.append(text: node.kind.rawValue) }
        data("      <data key=\"aliases\"") { out in
            for (i, alias) in node.aliases.enumerated() {
                if i > 0 { out.bytes.append(GraphMLSchema.aliasSeparator.asciiValue!) }
                out.append(text: alias)
            }
        }
        data("      <data key=\"mentions\"") { $0.append(node.mentions) }
        append("      <data key=\"mention_detail\"")
    }

    /// One row of a node's `mention_detail` (document, count and surface, tab-separated), the
    /// first one opening the element's text.
    mutating func appendMentionDetail(first: Bool, document: String, count: Int, surface: String) {
        var document = document, surface = surface
        document.withUTF8 { d in surface.withUTF8 { s in appendMentionDetail(first: first, document: d, count: count, surface: s) } }
    }

    /// `appendMentionDetail` for texts given as UTF-8 bytes (as a store reads them).
    ///
    /// Plain texts (nearly all) go through one pointer into room made for the row at once, as
    /// `appendPlain(edge:)` does: five `Array.append`s cost some 1,000 instructions a row, and an
    /// export writes one row per document naming each node.
    mutating func appendMentionDetail(first: Bool, document: UnsafeBufferPointer<UInt8>, count: Int, surface: UnsafeBufferPointer<UInt8>) {
        guard Self.isPlain(document) && Self.isPlain(surface) else {
            append(first ? ">" : "\n")
            append(text: document, clean: true)
            append("\t")
            append(count)
            append("\t")
            append(text: surface, clean: true)
            return
        }
        // A separator, two tabs and at most 20 digits around the two texts.
        Self.fill(&bytes, room: document.count + surface.count + 23) { row in
            var p = row
            @inline(__always) func put(_ text: UnsafeBufferPointer<UInt8>) {
                if let t = text.baseAddress { p.update(from: t, count: text.count); p += text.count }
            }
            p.pointee = first ? 0x3E : 0x0A
            p += 1
            put(document)
            p.pointee = 0x09
            p += 1
            p += Self.write(count, to: p)
            p.pointee = 0x09
            p += 1
            put(surface)
            return p - row
        }
    }

    /// Closes the `mention_detail` opened by `appendHead` (`hadRows`: whether any row was appended),
    /// then the node.
    mutating func appendTail(node hadRows: Bool) {
        append(hadRows ? "</data>\n    </node>\n" : "/>\n    </node>\n")
    }

    /// Appends one `<edge>` with its id, source, target and every edge key. The ids must have been checked.
    ///
    /// An edge whose every text goes out as it is (`isPlain`: nearly all) is written through one
    /// pointer into room made for it at once (`appendPlain`); any other takes `appendChecked`, which
    /// escapes and repairs piece by piece. Both give the same bytes.
    mutating func append(edge: borrowing EdgeBytes) {
        if !appendPlain(edge: edge) { appendChecked(edge: edge) }
    }

    /// Appends the edge piece by piece, each text repaired and escaped as it needs.
    mutating func appendChecked(edge: borrowing EdgeBytes) {
        let relation = Self.name(of: edge.relation)
        edge.bytes.withUnsafeBufferPointer { b in
            let source = UnsafeBufferPointer(rebasing: b[edge.source])
            let target = UnsafeBufferPointer(rebasing: b[edge.target])
            append("    <edge id=\"")
            append(raw: source)
            append("--")
            append(relation)
            append("--")
            append(raw: target)
            append("\" source=\"")
            append(raw: source)
            append("\" target=\"")
            append(raw: target)
            append("\">\n      <data key=\"label\">")
            append(relation)
            append("</data>\n      <data key=\"relation\">")
            append(relation)
            append("</data>\n      <data key=\"weight\">")
            append(edge.weight)
            append("</data>\n")
            data("      <data key=\"documents\"") { out in
                for (i, document) in edge.documents.enumerated() {
                    if i > 0 { out.bytes.append(GraphMLSchema.documentSeparator.asciiValue!) }
                    out.append(text: UnsafeBufferPointer(rebasing: b[document]))
                }
            }
            data("      <data key=\"first_seen\"") { out in
                if let day = edge.firstSeen { out.append(text: UnsafeBufferPointer(rebasing: b[day])) }
            }
            data("      <data key=\"last_seen\"") { out in
                if let day = edge.lastSeen { out.append(text: UnsafeBufferPointer(rebasing: b[day])) }
            }
            data("      <data key=\"evidence\"") { $0.append(text: UnsafeBufferPointer(rebasing: b[edge.evidence])) }
            append("      <data key=\"confidence\">")
            append(confidence: edge.confidence)
            append("</data>\n")
            data("      <data key=\"evidence_detail\"") { out in
                for (i, row) in edge.detail.enumerated() {
                    if i > 0 { out.append("\n") }
                    out.append(text: UnsafeBufferPointer(rebasing: b[row.document]), clean: true)
                    out.append("\t")
                    out.append(row.sentenceIndex)
                    out.append("\t")
                    if let day = row.date { out.append(text: UnsafeBufferPointer(rebasing: b[day]), clean: true) }
                    out.append("\t")
                    out.append(shortest: row.confidence)
                    out.append(row.hedged ? "\t1" : "\t0")
                }
            }
            append("    </edge>\n")
        }
    }

    /// Appends `OPEN>VALUE</data>` and a line break, or `OPEN/>` when the value comes out empty.
    @inline(__always)
    private mutating func data(_ open: StaticString, _ value: (inout GraphMLBytes) -> Void) {
        append(open)
        let mark = count
        bytes.append(0x3E)
        value(&self)
        if count == mark + 1 {
            bytes.removeLast()
            append("/>\n")
        } else {
            append("</data>\n")
        }
    }

    /// A relation's raw value as constant markup (`RelationType.rawValue`; a test holds them equal).
    static func name(of relation: RelationType) -> StaticString {
        switch relation {
        case .attacked: "attacked"
        case .alliedWith: "allied-with"
        case .controls: "controls"
        }
    }
}
