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
        Key(id: "relation", domain: "edge", type: "string"),
        Key(id: "weight", domain: "edge", type: "long"),
        Key(id: "documents", domain: "edge", type: "string"),
        Key(id: "first_seen", domain: "edge", type: "string"),
        Key(id: "last_seen", domain: "edge", type: "string"),
        Key(id: "evidence", domain: "edge", type: "string"),
        Key(id: "confidence", domain: "edge", type: "double"),
    ]

    /// Separator of the `aliases` list.
    static let aliasSeparator: Character = "|"
    /// Separator of the `documents` list.
    static let documentSeparator: Character = " "
}
