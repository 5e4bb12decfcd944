import ActorGraphModel
import Foundation
import GraphStore
import Ontology
import Relations

/// actorgraph-bench: measurements that need the libraries in-process.
///
///   actorgraph-bench synthetic-store STORE EDGES      a store with EDGES edges over 20,000 actors
///   actorgraph-bench query STORE ACTOR RUNS           neighbours() latency, median and p99
///   actorgraph-bench extract ONTOLOGY FILE.jsonl      extraction alone (no store), MB/s on one core
let args = CommandLine.arguments
func fail(_ s: String) -> Never { FileHandle.standardError.write(Data((s + "\n").utf8)); exit(2) }
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
guard args.count >= 2 else { fail("usage: actorgraph-bench synthetic-store|query|extract …") }

switch args[1] {
case "synthetic-store":
    guard args.count == 4, let edges = Int(args[3]) else { fail("usage: synthetic-store STORE EDGES") }
    let store = try SQLiteStore(path: args[2])
    let actors = 20_000
    let nodes = (0..<actors).map { Node(id: NodeID(String(format: "SYN_%05d", $0)), kind: .armedGroup,
                                        nameAr: "فصيل \($0)", nameEn: "Faction \($0)") }
    var rng = SystemRandomNumberGenerator()
    let perDocument = 50
    let started = now()
    var made = 0, document = 0
    var batch: [Extraction] = []
    var seen = Set<Int64>()
    while made < edges {
        var relations: [Relation] = []
        var used: [Node] = []
        let sentence = "هاجم فصيل مسلح مواقع فصيل آخر في ريف المدينة."
        var text = ""
        while relations.count < perDocument && made < edges {
            let a = Int.random(in: 0..<actors, using: &rng), b = Int.random(in: 0..<actors, using: &rng)
            let type = [RelationType.attacked, .alliedWith, .attacked][Int.random(in: 0..<3, using: &rng)]
            let key = Int64(a) * 100_000 * 4 + Int64(b) * 4 + (type == .attacked ? 0 : 1)
            guard a != b, !seen.contains(key) else { continue }
            if type == .alliedWith && seen.contains(Int64(b) * 100_000 * 4 + Int64(a) * 4 + 1) { continue }
            seen.insert(key)
            let start = text.utf8.count
            text += sentence + " "
            relations.append(Relation(source: nodes[a].id, type: type, target: nodes[b].id, sentence: relations.count,
                                      sentenceRange: start..<(start + sentence.utf8.count), trigger: "هاجم", frame: "verb",
                                      confidence: 0.8, hedged: false))
            used.append(nodes[a]); used.append(nodes[b])
            made += 1
        }
        let day = 1 + document % 28, month = 1 + (document / 28) % 12
        batch.append(Extraction(document: Document(id: "syn-\(document)", text: text,
                                                   date: String(format: "2016-%02d-%02d", month, day)),
                                nodes: used, mentions: [], relations: relations))
        document += 1
        if batch.count == 100 { _ = try store.ingest(batch); batch.removeAll() }
    }
    if !batch.isEmpty { _ = try store.ingest(batch) }
    let c = try store.counts()
    print("synthetic store: \(c.documents) documents, \(c.nodes) nodes, \(c.edges) edges, \(c.evidence) evidence rows in \(String(format: "%.1f", now() - started)) s")

case "query":
    guard args.count == 5, let runs = Int(args[4]) else { fail("usage: query STORE ACTOR RUNS") }
    let store = try SQLiteStore(path: args[2], readOnly: true)
    var times: [Double] = []
    var found = 0
    for i in 0..<runs {
        let relations: Set<RelationType> = i % 2 == 0 ? [.attacked] : [.alliedWith]
        let t = now()
        found = try store.neighbours(of: NodeID(args[3]), relations: relations).count
        times.append(now() - t)
    }
    times.sort()
    let median = times[times.count / 2] * 1000, p99 = times[min(times.count - 1, times.count * 99 / 100)] * 1000
    print(String(format: "in-process neighbours(): median %.3f ms, p99 %.3f ms over %d runs (%d neighbours)", median, p99, runs, found))

case "extract":
    guard args.count == 4 else { fail("usage: extract ONTOLOGY FILE.jsonl") }
    let ontology = try Ontology.load(directory: args[2])
    let pipeline = Pipeline(ontology: ontology)
    guard let data = FileManager.default.contents(atPath: args[3]) else { fail("cannot read \(args[3])") }
    var documents: [Document] = []
    for line in data.split(separator: UInt8(ascii: "\n")) {
        if let o = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let t = o["text"] as? String {
            // With its date, as `build` reads it: event dates are worked out only for dated documents.
            documents.append(Document(id: o["id"] as? String ?? "", text: t, date: o["date"] as? String))
        }
    }
    let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }
    let t = now()
    var relations = 0
    for d in documents { relations += pipeline.extract(d, tracing: false).0.relations.count }   // as `build` extracts
    let s = now() - t
    print(String(format: "extraction alone, one core: %d documents, %.1f MB in %.2f s = %.2f MB/s, %.0f documents/s, %d relations",
                 documents.count, Double(bytes) / 1e6, s, Double(bytes) / 1e6 / s, Double(documents.count) / s, relations))

default:
    fail("unknown benchmark \(args[1])")
}
