import ActorGraphModel
import CLibXML2
import Foundation
import Testing
@testable import GraphML

@Suite struct GraphMLWriterTests {
    @Test(.enabled(if: Tools.canValidate, "needs xmllint and ../shared/graphml-xsd"))
    func validatesAgainstTheGraphMLSchema() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("sample.graphml")
        try Sample.write(to: file)
        let result = try Tools.run(Tools.xmllint!, ["--nonet", "--noout", "--schema", Tools.schemaPath, file])
        #expect(result.status == 0, "xmllint: \(result.output)")
    }

    @Test func keysComeFirstEdgeLabelLeadsAndNodesPrecedeEdges() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("sample.graphml")
        try Sample.write(to: file)
        let elements = try outline(of: file)

        let names = elements.map(\.name)
        let firstGraph = try #require(names.firstIndex(of: "graph"))
        #expect(names.lastIndex(of: "key")! < firstGraph)
        #expect(names.filter { $0 == "graph" }.count == 1)
        #expect(names.lastIndex(of: "node")! < names.firstIndex(of: "edge")!)
        #expect(!names.contains("default"))

        let keys = elements.filter { $0.name == "key" }
        #expect(Set(keys.map { $0["id"]! }).count == keys.count)
        for key in keys {
            #expect(key["attr.name"] == key["id"])
            #expect(["string", "long", "double", "boolean"].contains(key["attr.type"] ?? ""))
        }
        let edgeKeys = keys.filter { $0["for"] == "edge" || $0["for"] == "all" }.map { $0["id"]! }
        #expect(edgeKeys == ["label", "relation", "weight", "documents", "first_seen", "last_seen", "evidence", "confidence", "evidence_detail"])
        let nodeKeys = keys.filter { $0["for"] == "node" || $0["for"] == "all" }.map { $0["id"]! }
        #expect(nodeKeys == ["label", "name", "label_en", "kind", "aliases", "mentions", "mention_detail"])
        let types = Dictionary(uniqueKeysWithValues: keys.map { ($0["id"]!, $0["attr.type"]!) })
        #expect(types["weight"] == "long" && types["mentions"] == "long" && types["confidence"] == "double")

        let graph = elements[firstGraph]
        #expect(graph["edgedefault"] == "directed")

        // Every value is written explicitly on every element.
        #expect(elements.filter { $0.name == "data" }.count == 7 * Sample.nodes.count + 9 * Sample.edges.count)
        let edges = elements.filter { $0.name == "edge" }
        #expect(edges.map { $0["id"] } == Sample.edges.map(\.id))
    }

    @Test func writesUTF8DeclarationEscapesAndKeepsArabicBytes() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("sample.graphml")
        try Sample.write(to: file)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(text.contains("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\""))
        #expect(!bytes.contains(0x01))
        #expect(text.contains("<data key=\"label\">تنظيم الدولة الإسلامية</data>"))
        #expect(text.contains("<data key=\"aliases\">داعش|تنظيم الدولة|ISIS</data>"))
        #expect(text.contains("a]]&gt;b"))
        #expect(text.contains("<data key=\"first_seen\"/>") || text.contains("<data key=\"first_seen\"></data>"))
        #expect(text.contains("<data key=\"confidence\">0.750</data>"))
    }

    @Test func confidenceIsClampedAndNeverNaN() {
        func text(_ value: Double) -> String {
            var out = GraphMLBytes()
            out.append(confidence: value)
            return String(decoding: out.bytes, as: UTF8.self)
        }
        #expect(text(.nan) == "0.000")
        #expect(text(.infinity) == "1.000")
        #expect(text(-.infinity) == "0.000")
        #expect(text(1.7) == "1.000")
        #expect(text(-0.2) == "0.000")
        #expect(text(0.12345) == "0.123")
        #expect(text(0.0005) == "0.001")
        #expect(text(0.05) == "0.050")
    }

    @Test func stripsOnlyWhatXMLForbids() {
        #expect(XMLText.stripForbidden("a\u{0}b\u{1}c\u{1F}d\u{FFFE}e\u{FFFF}f") == "abcdef")
        let kept = "tab\tLF\nCR\r é \u{85} \u{FFFD} 𝕏 داعش"
        #expect(XMLText.stripForbidden(kept) == kept)
    }

    @Test func nodeAfterEdgeThrows() throws {
        let folder = try TemporaryFolder()
        let writer = try GraphMLWriter(path: folder.file("order.graphml"))
        try writer.write(node: Sample.nodes[0])
        try writer.write(node: Sample.nodes[1])
        try writer.write(edge: Sample.edges[0])
        #expect(throws: GraphMLWriteError.self) { try writer.write(node: Sample.nodes[2]) }
    }

    @Test func writesAfterFinishThrow() throws {
        let folder = try TemporaryFolder()
        let writer = try GraphMLWriter(path: folder.file("done.graphml"))
        try writer.finish()
        #expect(throws: GraphMLWriteError.self) { try writer.write(node: Sample.nodes[0]) }
        #expect(throws: GraphMLWriteError.self) { try writer.finish() }
    }

    @Test func nonASCIIOrSpacedIdsAreRefused() throws {
        let folder = try TemporaryFolder()
        let writer = try GraphMLWriter(path: folder.file("ids.graphml"))
        var node = Sample.nodes[0]
        node.id = NodeID("bad id")
        #expect(throws: GraphMLWriteError.self) { try writer.write(node: node) }
        node.id = NodeID("داعش")
        #expect(throws: GraphMLWriteError.self) { try writer.write(node: node) }
    }

    @Test func unwritablePathThrowsNamingPathAndReason() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("missing-folder/out.graphml")
        let error = try #require(throws: GraphMLWriteError.self) { try GraphMLWriter(path: file) }
        #expect(error.description.contains(file))
        #expect(error.description.contains("No such file or directory"))
    }

    @Test func folderAsDestinationThrows() throws {
        let folder = try TemporaryFolder()
        let error = try #require(throws: GraphMLWriteError.self) { try GraphMLWriter(path: folder.path) }
        #expect(error.description.contains("directory"))
    }

    @Test func abandonedExportLeavesExistingFileWhole() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("graph.graphml")
        let original = "<original>keep me</original>\n"
        try original.write(toFile: file, atomically: false, encoding: .utf8)
        do {
            let writer = try GraphMLWriter(path: file)
            for node in Sample.nodes { try writer.write(node: node) }
            try writer.write(edge: Sample.edges[0])
            // Released here without finish().
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == original)
        #expect(try folder.contents() == ["graph.graphml"])
    }

    @Test func finishReplacesExistingFileKeepingItsMode() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("graph.graphml")
        try "old".write(toFile: file, atomically: false, encoding: .utf8)
        #expect(chmod(file, 0o640) == 0)
        try Sample.write(to: file)
        #expect(try folder.contents() == ["graph.graphml"])
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(try GraphMLReader(path: file).readAll().nodes.count == Sample.nodes.count)
    }

    @Test func emptyGraphIsValidGraphML() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("empty.graphml")
        try GraphMLWriter(path: file).finish()
        let read = try GraphMLReader(path: file).readAll()
        #expect(read.nodes.isEmpty && read.edges.isEmpty)
        if Tools.canValidate {
            let result = try Tools.run(Tools.xmllint!, ["--nonet", "--noout", "--schema", Tools.schemaPath, file])
            #expect(result.status == 0, "xmllint: \(result.output)")
        }
    }
}

/// One element of a document as libxml2's reader sees it: its local name and attributes.
struct OutlineElement {
    var name: String
    var attributes: [String: String]
    subscript(attribute: String) -> String? { attributes[attribute] }
}

/// Every element of the file in document order.
func outline(of path: String) throws -> [OutlineElement] {
    let reader = try #require(xmlReaderForFile(path, nil, Int32(XML_PARSE_NONET.rawValue)))
    defer { xmlFreeTextReader(reader) }
    var elements: [OutlineElement] = []
    while true {
        let result = xmlTextReaderRead(reader)
        try #require(result >= 0)
        if result == 0 { break }
        guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
        var element = OutlineElement(name: String(cString: xmlTextReaderConstLocalName(reader)), attributes: [:])
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            element.attributes[String(cString: xmlTextReaderConstName(reader))] = String(cString: xmlTextReaderConstValue(reader))
        }
        elements.append(element)
    }
    return elements
}
