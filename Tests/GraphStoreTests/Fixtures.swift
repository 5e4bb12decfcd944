import ActorGraphModel
import Foundation
@testable import GraphStore

/// Nodes the tests use, with ids from the project's ontology.
enum Actors {
    static let isis = Node(id: NodeID("ISIS"), kind: .armedGroup, nameAr: "تنظيم الدولة الإسلامية", nameEn: "Islamic State")
    static let regime = Node(id: NodeID("SYRIAN_GOVERNMENT"), kind: .state, nameAr: "النظام السوري", nameEn: "Syrian government")
    static let sdf = Node(id: NodeID("SDF"), kind: .armedGroup, nameAr: "قوات سوريا الديمقراطية", nameEn: "Syrian Democratic Forces")
    static let hts = Node(id: NodeID("HTS"), kind: .armedGroup, nameAr: "هيئة تحرير الشام", nameEn: "Hayat Tahrir al-Sham")
    static let tip = Node(id: NodeID("TURKISTAN_ISLAMIC_PARTY"), kind: .armedGroup,
                          nameAr: "الحزب الإسلامي التركستاني", nameEn: "Turkistan Islamic Party")
    static let palmyra = Node(id: NodeID("place:palmyra"), kind: .location, nameAr: "تدمر", nameEn: "Palmyra")
}

/// A mention of `node` written `surface` in sentence `sentence`.
struct M {
    var node: Node
    var surface: String
    var sentence: Int
    init(_ node: Node, _ surface: String, in sentence: Int = 0) {
        self.node = node; self.surface = surface; self.sentence = sentence
    }
}

/// A relation found in sentence `sentence`.
struct R {
    var source: Node
    var type: RelationType
    var target: Node
    var sentence: Int
    var confidence: Double
    var hedged: Bool
    var trigger: String
    init(_ source: Node, _ type: RelationType, _ target: Node, in sentence: Int = 0,
         confidence: Double = 0.8, hedged: Bool = false, trigger: String = "هاجم") {
        self.source = source; self.type = type; self.target = target; self.sentence = sentence
        self.confidence = confidence; self.hedged = hedged; self.trigger = trigger
    }
}

/// Builds an extraction by hand: sentences joined by spaces, byte ranges computed from them.
func extraction(_ id: String, date: String? = nil, _ sentences: [String],
                mentions: [M] = [], relations: [R] = [], extraNodes: [Node] = []) -> Extraction {
    let text = sentences.joined(separator: " ")
    var ranges: [Range<Int>] = []
    var offset = 0
    for sentence in sentences {
        let count = sentence.utf8.count
        ranges.append(offset..<offset + count)
        offset += count + 1
    }
    var nodes: [Node] = []
    for node in mentions.map(\.node) + relations.flatMap({ [$0.source, $0.target] }) + extraNodes
    where !nodes.contains(node) {
        nodes.append(node)
    }
    let bytes = Array(text.utf8)
    let builtMentions = mentions.map { m -> Mention in
        let needle = Array(m.surface.utf8)
        let range = ranges[m.sentence]
        let start = range.lowerBound + (bytes[range].indices.first { i in
            i + needle.count <= range.upperBound && Array(bytes[i..<i + needle.count]) == needle
        }.map { $0 - range.lowerBound } ?? 0)
        return Mention(node: m.node.id, kind: m.node.kind, sentence: m.sentence, tokens: 0..<1,
                       span: start..<start + needle.count, surface: m.surface, via: .alias)
    }
    let builtRelations = relations.map { r in
        Relation(source: r.source.id, type: r.type, target: r.target.id, sentence: r.sentence,
                 sentenceRange: ranges[r.sentence], trigger: r.trigger, frame: "verbal",
                 confidence: r.confidence, hedged: r.hedged)
    }
    return Extraction(document: Document(id: id, text: text, date: date, source: "test", title: id),
                      nodes: nodes, mentions: builtMentions, relations: builtRelations)
}

/// Everything the store shows the outside, for comparing before and after.
struct Dump: Equatable {
    var nodes: [GraphNode]
    var edges: [GraphEdge]
    var counts: StoreCounts
    var evidence: [EvidenceRow]
}

func dump(_ store: any GraphStoreReader) throws -> Dump {
    var nodes: [GraphNode] = []
    var edges: [GraphEdge] = []
    try store.forEachNode { nodes.append($0) }
    try store.forEachEdge { edges.append($0) }
    var evidence: [EvidenceRow] = []
    var seen = Set<[NodeID]>()
    for edge in edges where seen.insert([edge.source, edge.target].sorted()).inserted {
        evidence += try store.evidence(between: edge.source, and: edge.target)
    }
    return Dump(nodes: nodes, edges: edges, counts: try store.counts(), evidence: evidence)
}

/// Makes a store at `path` holding `IngestTests.twoDocuments`, runs `then` on it, closes it, and
/// returns what it showed before `then` (for a later open to be compared with).
func storeWithTwoDocuments(at path: String, then: (SQLiteStore) throws -> Void = { _ in }) throws -> Dump {
    let store = try SQLiteStore(path: path)
    _ = try store.ingest(IngestTests.twoDocuments)
    let shown = try dump(store)
    try then(store)
    return shown
}

/// A fresh folder under the system temporary directory, removed after `body`.
func withTemporaryDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("graphstore-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
}

/// A new, empty store in a temporary folder.
func withStore<T>(_ body: (SQLiteStore) throws -> T) throws -> T {
    try withTemporaryDirectory { folder in
        let store = try SQLiteStore(path: folder.appendingPathComponent("graph.sqlite").path)
        return try body(store)
    }
}

struct InjectedFailure: Error {}
