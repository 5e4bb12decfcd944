import ActorGraphModel
import CLibXML2
import Foundation
@testable import GraphML

/// The GraphML writer as it was before it formatted bytes itself: one libxml2 `xmlTextWriter` call
/// per element, attribute and text. The byte writer must produce exactly what this produces.
enum ReferenceWriter {
    /// The whole document for these nodes and edges.
    static func document(nodes: [GraphNode], edges: [GraphEdge]) -> [UInt8] {
        let buffer = xmlBufferCreate()!
        defer { xmlBufferFree(buffer) }
        let writer = xmlNewTextWriterMemory(buffer, 0)!
        func chars<R>(_ s: String, _ body: (UnsafePointer<xmlChar>) -> R) -> R {
            s.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        }
        func start(_ name: String) { _ = chars(name) { xmlTextWriterStartElement(writer, $0) } }
        func end() { _ = xmlTextWriterEndElement(writer) }
        func attribute(_ name: String, _ value: String) {
            _ = chars(name) { n in chars(value) { v in xmlTextWriterWriteAttribute(writer, n, v) } }
        }
        func data(_ key: String, _ value: String) {
            start("data")
            attribute("key", key)
            let text = XMLText.stripForbidden(value)
            if !text.isEmpty { _ = chars(text) { xmlTextWriterWriteString(writer, $0) } }
            end()
        }
        _ = xmlTextWriterStartDocument(writer, nil, "UTF-8", nil)
        _ = xmlTextWriterSetIndent(writer, 1)
        _ = chars("  ") { xmlTextWriterSetIndentString(writer, $0) }
        start("graphml")
        attribute("xmlns", GraphMLSchema.namespace)
        attribute("xmlns:xsi", GraphMLSchema.xsiNamespace)
        attribute("xsi:schemaLocation", GraphMLSchema.schemaLocation)
        for key in GraphMLSchema.keys {
            start("key")
            attribute("id", key.id)
            attribute("for", key.domain)
            attribute("attr.name", key.id)
            attribute("attr.type", key.type)
            end()
        }
        start("graph")
        attribute("id", GraphMLSchema.graphID)
        attribute("edgedefault", "directed")
        for node in nodes {
            start("node")
            attribute("id", node.id.rawValue)
            data("label", node.label)
            data("name", node.label)
            data("label_en", node.labelEn)
            data("kind", node.kind.rawValue)
            data("aliases", node.aliases.joined(separator: String(GraphMLSchema.aliasSeparator)))
            data("mentions", String(node.mentions))
            data("mention_detail", encode(node.mentionDetail))
            end()
        }
        for edge in edges {
            start("edge")
            attribute("id", edge.id)
            attribute("source", edge.source.rawValue)
            attribute("target", edge.target.rawValue)
            data("label", edge.relation.rawValue)
            data("relation", edge.relation.rawValue)
            data("weight", String(edge.weight))
            data("documents", edge.documents.joined(separator: String(GraphMLSchema.documentSeparator)))
            data("first_seen", edge.firstSeen ?? "")
            data("last_seen", edge.lastSeen ?? "")
            data("evidence", edge.evidence)
            data("confidence", formatConfidence(edge.confidence))
            data("evidence_detail", encode(edge.evidenceDetail))
            end()
        }
        _ = xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        return Array(UnsafeBufferPointer(start: xmlBufferContent(buffer), count: Int(xmlBufferLength(buffer))))
    }

    /// `mention_detail` as the string writer wrote it.
    static func encode(_ rows: [MentionDetail]) -> String {
        rows.map { "\(GraphMLSchema.clean($0.document))\t\($0.count)\t\(GraphMLSchema.clean($0.surface))" }.joined(separator: "\n")
    }

    /// `evidence_detail` as the string writer wrote it.
    static func encode(_ rows: [EvidenceDetail]) -> String {
        rows.map { "\(GraphMLSchema.clean($0.document))\t\($0.sentenceIndex)\t\(GraphMLSchema.clean($0.date ?? ""))\t\($0.confidence)\t\($0.hedged ? 1 : 0)" }
            .joined(separator: "\n")
    }

    /// The confidence as the string writer wrote it: three decimals, clamped to 0...1, NaN as 0.
    static func formatConfidence(_ value: Double) -> String {
        let clamped = value.isNaN ? 0 : min(max(value, 0), 1)
        let thousandths = Int((clamped * 1000).rounded())
        let digits = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
    }
}
