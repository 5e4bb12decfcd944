import ActorGraphModel
import Foundation
import Testing
@testable import GraphML

@Suite struct NetworkXTests {
    @Test(.enabled(if: Tools.hasNetworkX, "needs python3 with networkx"))
    func networkXReadsTheExport() throws {
        let folder = try TemporaryFolder()
        let file = folder.file("sample.graphml")
        try Sample.write(to: file)
        let script = """
        import json, sys, networkx as nx
        g = nx.read_graphml(sys.argv[1])
        e = g.edges["ISIS", "SDF"]
        print(json.dumps({
            "directed": g.is_directed(), "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "weight_type": type(e["weight"]).__name__, "weight": e["weight"],
            "confidence_type": type(e["confidence"]).__name__, "edge_label": e["label"], "edge_id": e.get("id"),
            "label": g.nodes["ISIS"]["label"], "name": g.nodes["ISIS"]["name"],
            "mentions_type": type(g.nodes["ISIS"]["mentions"]).__name__,
        }))
        """
        let result = try Tools.run(Tools.python3!, ["-c", script, file])
        #expect(result.status == 0, "python3: \(result.output)")
        let last = try #require(result.output.split(separator: "\n").last)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect(json["directed"] as? Bool == true)
        #expect(json["nodes"] as? Int == Sample.nodes.count)
        #expect(json["edges"] as? Int == Sample.edges.count)
        #expect(json["weight_type"] as? String == "int")
        #expect(json["weight"] as? Int == 3)
        #expect(json["mentions_type"] as? String == "int")
        #expect(json["confidence_type"] as? String == "float")
        #expect(json["edge_label"] as? String == "attacked")
        #expect(json["edge_id"] as? String == "ISIS--attacked--SDF")
        #expect((json["label"] as? String).map { Array($0.utf8) } == Array("تنظيم الدولة الإسلامية".utf8))
        #expect(json["name"] as? String == "تنظيم الدولة الإسلامية")
    }
}
