import ActorGraphModel
import Foundation
import Testing
@testable import GraphML

@Suite struct GraphMLReaderTests {
    @Test func roundTripsEveryFieldByteForByte() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("sample.graphml")
        try Sample.write(to: file)
        let read = try GraphMLReader(path: file).readAll()
        #expect(read.nodes == Sample.expectedNodes)
        #expect(read.edges == Sample.expectedEdges)
        // Byte for byte, not merely canonically equivalent.
        for (got, want) in zip(read.nodes, Sample.expectedNodes) {
            #expect(Array(got.label.utf8) == Array(want.label.utf8))
            #expect(got.aliases.map { Array($0.utf8) } == want.aliases.map { Array($0.utf8) })
        }
        for (got, want) in zip(read.edges, Sample.expectedEdges) {
            #expect(Array(got.evidence.utf8) == Array(want.evidence.utf8))
        }
    }

    @Test func streamsThroughClosures() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("sample.graphml")
        try Sample.write(to: file)
        var order: [String] = []
        try GraphMLReader(path: file).read(node: { order.append("n:\($0.id)") }, edge: { order.append("e:\($0.id)") })
        #expect(order == Sample.nodes.map { "n:\($0.id)" } + Sample.edges.map { "e:\($0.id)" })
    }

    @Test func readsKeysByAttrNameAndDefaults() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("foreign.graphml")
        try """
        <?xml version="1.0" encoding="utf-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="d0" for="node" attr.name="label" attr.type="string"/>
          <key id="d1" for="node" attr.name="kind" attr.type="string"><default>state</default></key>
          <key id="d2" for="edge" attr.name="relation" attr.type="string"/>
          <key id="d3" for="edge" attr.name="weight" attr.type="long"/>
          <key id="d4" for="edge" attr.name="documents" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="SAA"><data key="d0">الجيش السوري</data></node>
            <node id="ISIS"><data key="d0"><![CDATA[داعش & <co>]]></data><data key="d1">armed_group</data></node>
            <edge source="SAA" target="ISIS"><data key="d2">attacked</data><data key="d3"> 4 </data><data key="d4">a  b</data></edge>
          </graph>
        </graphml>
        """.write(toFile: file, atomically: false, encoding: .utf8)
        let read = try GraphMLReader(path: file).readAll()
        #expect(read.nodes == [
            GraphNode(id: NodeID("SAA"), label: "الجيش السوري", labelEn: "", kind: .state, aliases: []),
            GraphNode(id: NodeID("ISIS"), label: "داعش & <co>", labelEn: "", kind: .armedGroup, aliases: []),
        ])
        #expect(read.edges == [
            GraphEdge(source: NodeID("SAA"), relation: .attacked, target: NodeID("ISIS"), weight: 4, documents: ["a", "b"],
                      firstSeen: nil, lastSeen: nil, evidence: "", confidence: 0),
        ])
    }

    @Test func unknownKindNamesTheLine() throws {
        let error = try readError("""
        <?xml version="1.0"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="kind" for="node" attr.name="kind" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="A"><data key="kind">state</data></node>
            <node id="B">
              <data key="kind">warlord</data>
            </node>
          </graph>
        </graphml>
        """)
        #expect(error.line == 6)
        #expect(error.description.contains("warlord"))
        #expect(error.description.contains(":6:"))
    }

    @Test func unknownRelationNamesTheLine() throws {
        let error = try readError("""
        <?xml version="1.0"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="A"/>
            <node id="B"/>
            <edge source="A" target="B"><data key="relation">befriended</data></edge>
          </graph>
        </graphml>
        """)
        #expect(error.line == 7)
        #expect(error.description.contains("befriended"))
    }

    @Test func edgeToUndeclaredNodeIsAnError() throws {
        let error = try readError("""
        <?xml version="1.0"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
          <graph edgedefault="directed">
            <node id="A"/>
            <edge source="A" target="Z"><data key="relation">attacked</data></edge>
          </graph>
        </graphml>
        """)
        #expect(error.line == 6)
        #expect(error.description.contains("'Z'"))
    }

    @Test func deepNestingIsRefusedBeforeLibxml2sOwnLimit() throws {
        let started = Date()
        let error = try readError("<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph edgedefault=\"directed\">"
            + String(repeating: "<desc>", count: 100_000))
        #expect(error.description.contains("nested deeper than 32 levels"), "\(error)")
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func malformedDetailIsAnError() throws {
        let error = try readError("""
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="evidence_detail" for="edge" attr.name="evidence_detail" attr.type="string"/><key id="relation" for="edge"/>
          <graph edgedefault="directed"><node id="A"/><node id="B"/>
          <edge source="A" target="B"><data key="relation">attacked</data><data key="evidence_detail">doc\t1\t\t1.5\t0</data></edge></graph>
        </graphml>
        """)
        #expect(error.description.contains("malformed evidence_detail"))
        #expect(error.line == 4)
    }

    @Test func malformedXMLIsAnErrorWithLine() throws {
        let error = try readError("<?xml version=\"1.0\"?>\n<graphml>\n<graph>\n</graphml>\n")
        #expect(error.line == 4)
    }

    @Test func billionLaughsIsRefused() throws {
        var entities = "<!ENTITY lol \"lol\">\n"
        entities += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        for level in 2...9 {
            entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        let started = Date()
        let error = try readError("""
        <?xml version="1.0"?>
        <!DOCTYPE graphml [
        \(entities)]>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="label" for="node" attr.name="label" attr.type="string"/>
          <graph edgedefault="directed"><node id="A"><data key="label">&lol9;</data></node></graph>
        </graphml>
        """)
        #expect(error.description.contains("refused"))
        #expect(error.description.contains("DOCTYPE"))
        #expect(error.line == 2)
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func externalEntityIsRefused() throws {
        let error = try readError("""
        <?xml version="1.0"?>
        <!DOCTYPE graphml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="label" for="node" attr.name="label" attr.type="string"/>
          <graph edgedefault="directed"><node id="A"><data key="label">&secret;</data></node></graph>
        </graphml>
        """)
        #expect(!error.description.contains("root:"))
        #expect(error.description.contains("refused"))
        #expect(error.line == 2)
    }

    @Test func doctypeFromStandardInputOrAfterCommentsIsRefused() throws {
        let error = try readError("""
        <?xml version="1.0"?>
        <!-- a comment
        over lines -->
        <?pi data?>
        <!DOCTYPE graphml>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>
        """)
        #expect(error.line == 5)
        #expect(error.description.contains("DOCTYPE"))
    }

    @Test func doctypeTheScanCannotSeeIsRefusedByTheReader() throws {
        // UTF-16: the byte scan passes it on; the reader's DOCUMENT_TYPE check refuses it.
        let error = try readError("""
        <?xml version="1.0" encoding="UTF-16"?>
        <!DOCTYPE graphml [<!ELEMENT graphml ANY>]>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>
        """, encoding: .utf16)
        #expect(error.description.contains("DOCTYPE"))
    }

    @Test func shortDocumentWithoutProloguesReads() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("tiny.graphml")
        try "<graphml/>".write(toFile: file, atomically: false, encoding: .utf8)
        let read = try GraphMLReader(path: file).readAll()
        #expect(read.nodes.isEmpty && read.edges.isEmpty)
    }

    @Test func missingFileNamesPathAndReason() throws {
        let error = try #require(throws: InputError.self) {
            try GraphMLReader(path: "/nonexistent/graph.graphml").readAll()
        }
        #expect(error.description.contains("/nonexistent/graph.graphml"))
        #expect(error.description.contains("No such file or directory"))
    }

    @Test func notGraphMLIsAnError() throws {
        let error = try readError("<?xml version=\"1.0\"?>\n<html/>\n")
        #expect(error.description.contains("not a GraphML document"))
    }

    /// Writes `xml` to a temporary file and returns the error reading it throws.
    private func readError(_ xml: String, encoding: String.Encoding = .utf8,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> InputError {
        let folder = try TemporaryFolder()
        let file = folder.file("input.graphml")
        try xml.write(toFile: file, atomically: false, encoding: encoding)
        return try #require(throws: InputError.self, sourceLocation: sourceLocation) {
            try GraphMLReader(path: file).readAll()
        }
    }
}
