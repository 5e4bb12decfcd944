import ActorGraphModel

/// The GraphML shape actorgraph writes and reads: namespace, key declarations and their order.
///
/// Key ids must be unique in a GraphML document (the schema's `key_id_key`), and the contract
/// wants every key id to equal its `attr.name`. Nodes and edges both carry `label`, so `label`
/// is declared once with `for="all"`, first of all keys: edges thus see `label` before any other
/// edge key (Neo4j APOC takes it as the relationship type).
enum GraphMLSchema {
    static let namespace = "http://graphml.graphdrawing.org/xmlns"
    static let xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"
    static let schemaLocation =
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
    static let graphID = "G"

    /// One `<key>` declaration.
    struct Key: Sendable {
        /// The key id, also its `attr.name`.
        var id: String
        /// The `for` attribute: `all`, `node` or `edge`.
        var domain: String
        /// The lowercase `attr.type`.
        var type: String
    }

    /// Every key, in the order written before `<graph>`.
    static let keys: [Key] = [
        Key(id: "label", domain: "all", type: "string"),
        Key(id: "name", domain: "node", type: "string"),
        Key(id: "label_en", domain: "node", type: "string"),
        Key(id: "kind", domain: "node", type: "string"),
        Key(id: "aliases", domain: "node", type: "string"),
        Key(id: "mentions", domain: "node", type: "long"),
        Key(id: "mention_detail", domain: "node", type: "string"),
        Key(id: "relation", domain: "edge", type: "string"),
        Key(id: "weight", domain: "edge", type: "long"),
        Key(id: "documents", domain: "edge", type: "string"),
        Key(id: "first_seen", domain: "edge", type: "string"),
        Key(id: "last_seen", domain: "edge", type: "string"),
        Key(id: "evidence", domain: "edge", type: "string"),
        Key(id: "confidence", domain: "edge", type: "double"),
        Key(id: "evidence_detail", domain: "edge", type: "string"),
    ]

    /// Separator of the `aliases` list.
    static let aliasSeparator: Character = "|"
    /// Separator of the `documents` list.
    static let documentSeparator: Character = " "

    // MARK: - Provenance (what `actorgraph import` needs to merge without counting a document twice)

    // The writer formats the detail lines as bytes (`GraphMLBytes.append(node:)`, `append(edge:)`):
    // `mention_detail` is one line per (document, surface form): `document TAB count TAB surface`;
    // `evidence_detail` one line per evidence sentence: `document TAB sentence TAB date TAB confidence
    // TAB hedged` (date empty when unknown, confidence as Swift prints a Double so it reads back
    // exactly, hedged 0 or 1). Tabs and line breaks inside a field become spaces (`clean`).

    static func decodeMentions(_ text: String) -> [MentionDetail]? {
        var rows: [MentionDetail] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard f.count == 3, !f[0].isEmpty, let count = Int(f[1]), count >= 0 else { return nil }
            rows.append(MentionDetail(document: String(f[0]), surface: String(f[2]), count: count))
        }
        return rows
    }

    static func decodeEvidence(_ text: String) -> [EvidenceDetail]? {
        var rows: [EvidenceDetail] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 5, !f[0].isEmpty, let index = Int(f[1]), let confidence = Double(f[3]),
                  confidence.isFinite, (0...1).contains(confidence), f[4] == "0" || f[4] == "1" else { return nil }
            rows.append(EvidenceDetail(document: String(f[0]), sentenceIndex: index, date: f[2].isEmpty ? nil : String(f[2]),
                                       confidence: confidence, hedged: f[4] == "1"))
        }
        return rows
    }

    /// Tabs and line breaks would break the line format; they never occur in ids or surfaces, but are made spaces if they do.
    static func clean(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        return String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
}
