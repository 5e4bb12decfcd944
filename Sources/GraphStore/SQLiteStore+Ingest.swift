import ActorGraphModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteStore {
    /// Adds a batch of extractions in one transaction: all of it, or (on any error) none of it.
    ///
    /// A document already stored with the same text is skipped; one whose text changed has its old
    /// mentions and evidence replaced, and edges left without evidence are deleted. The parts of a
    /// large document (`Extraction.part`) must come in order, and within one `transaction` call
    /// when they span several batches.
    ///
    /// - Throws: `InputError` for an extraction that cannot be stored (a sentence range outside its
    ///   text, a NaN confidence); `StoreError` when SQLite fails. The store is then left as it was.
    ///
    /// Leaves the connection's foreign-key enforcement off (`Database.relaxForeignKeys`) for the
    /// next batch; `importGraph` turns it on again.
    public func ingest(_ batch: [Extraction]) throws -> IngestSummary {
        guard !isReadOnly else { throw StoreError("the store was opened read-only", path: path) }
        try knownNodes.begin(database)
        defer { knownNodes.end(committed: false) }
        // Parents are written before their children below, so SQLite need not re-check each reference.
        try database.relaxForeignKeys()
        // A batch that fails takes back the indexes `endBulkWriteEarly` made in it: still a bulk write.
        let wasBulkWriting = bulkWriting
        let summary: IngestSummary
        do {
            summary = try database.transaction {
                var summary = IngestSummary()
                var edgesToRecheck = Set<Int64>()
                for (index, extraction) in batch.enumerated() {
                    try beforeIngesting?(index)
                    try ingest(extraction, summary: &summary, edgesToRecheck: &edgesToRecheck)
                }
                // The edges replaced documents left without evidence (a replaced document ends a bulk
                // write first, `endBulkWriteEarly`: the indexes this reads are there).
                for edge in edgesToRecheck.sorted() {
                    try database.withStatement(
                        "DELETE FROM edges WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM evidence WHERE edge_id = ?1)"
                    ) { statement in
                        try statement.bind(edge, at: 1)
                        try statement.run()
                    }
                    if database.changes > 0 { knownNodes.forgetEdges() }
                }
                return summary
            }
        } catch {
            bulkWriting = wasBulkWriting
            partMentions = nil
            throw error
        }
        knownNodes.end(committed: true)
        return summary
    }

    /// Runs `body` in one transaction: every `ingest` inside it lands together or not at all.
    ///
    /// `actorgraph build --strict` runs the whole build this way, and a large document's parts are
    /// written this way. Holding it long keeps other writers waiting.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError("the store was opened read-only", path: path) }
        do {
            return try database.transaction(body)
        } catch {
            partMentions = nil   // the rows it names were taken back
            throw error
        }
    }

    /// The content hash stored for a document, or nil when the store does not hold it.
    public func storedHash(ofDocument id: String) throws -> String? {
        try database.withStatement("SELECT hash FROM documents WHERE id = ?") { statement in
            try statement.bind(id, at: 1)
            return try statement.step() ? statement.string(0) : nil
        }
    }

    private func ingest(_ extraction: Extraction, summary: inout IngestSummary, edgesToRecheck: inout Set<Int64>) throws {
        let document = extraction.document
        let text = Array(document.text.utf8)
        let date = document.date.flatMap { $0.isEmpty ? nil : $0 }
        let part = extraction.part
        let byteOffset = part?.byteOffset ?? 0
        let sentenceOffset = part?.sentenceOffset ?? 0
        try extraction.validateForStore(textLength: text.count)

        if (part?.index ?? 0) == 0 {
            let hash = extraction.textHash ?? contentHash(document.text)
            let storedHash = try storedHash(ofDocument: document.id)
            if storedHash == hash {
                summary.documentsUnchanged += 1
                return
            }
            // A new document, or a changed one whose old evidence goes first.
            if storedHash != nil {
                try endBulkWriteEarly()
                try removeContent(ofDocument: document.id, edgesToRecheck: &edgesToRecheck)
            }
            try database.withStatement("""
                INSERT INTO documents(id, hash, date, source, title, added_at, notes)
                VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?6)
                ON CONFLICT(id) DO UPDATE SET hash = ?2, date = ?3, source = ?4, title = ?5,
                    added_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), notes = ?6
                """) { statement in
                try statement.bind(document.id, at: 1)
                try statement.bind(hash, at: 2)
                try statement.bind(date, at: 3)
                try statement.bind(document.source, at: 4)
                try statement.bind(document.title, at: 5)
                try statement.bind(document.notes, at: 6)
                try statement.run()
            }
            if storedHash == nil { summary.documentsAdded += 1 } else { summary.documentsReplaced += 1 }
        } else {
            // A later part: the first part wrote the document row in this same transaction.
            guard try storedHash(ofDocument: document.id) == extraction.textHash else {
                throw InputError("part \(part?.index ?? 0) of document \(document.id) came without its first part")
            }
            if let notes = document.notes {
                try database.withStatement(
                    "UPDATE documents SET notes = coalesce(notes || '; ', '') || ?2 WHERE id = ?1"
                ) { statement in
                    try statement.bind(document.id, at: 1)
                    try statement.bind(notes, at: 2)
                    try statement.run()
                }
            }
        }

        for node in extraction.nodes { try upsert(node) }
        let declared = DeclaredNodes(extraction.nodes)

        // Mentions, counted per (node, surface); a later part adds to the counts of earlier ones.
        for mention in extraction.mentions where !declared.contains(mention.node) {
            try insertPlaceholder(Node(id: mention.node, kind: mention.kind, nameAr: mention.surface,
                                       nameEn: mention.node.rawValue))
        }
        let counts = extraction.mentionCounts ?? MentionKey.counted(extraction.mentions)
        if let part {
            try writeMentions(counts, ofPart: part.index, document: document.id)
        } else {
            // Distinct (node, surface) pairs of a document with no rows yet (a replaced one lost its
            // rows above): appended as they are.
            try database.insert(Self.mentionRows, rows: counts.count) { statement, row, p in
                // Fields read in place (a copy of the row retained and released its two strings).
                try statement.bind(document.id, at: p)
                try statement.bind(counts[row].node.rawValue, at: p + 1)
                try statement.bind(counts[row].surface, at: p + 2)
                try statement.bind(counts[row].count, at: p + 3)
            }
        }

        // Evidence: one row per canonical edge and sentence, keeping the most confident reading.
        // The edges first (ids in the relations' order), then the rows, many a statement.
        let relations = extraction.evidenceRelations
        var edges: [Int64] = []
        edges.reserveCapacity(relations.count)
        func placeholder(_ end: NodeID) throws {
            guard !declared.contains(end) else { return }
            try insertPlaceholder(Node(id: end, kind: .other, nameAr: end.rawValue, nameEn: end.rawValue))
        }
        for i in relations.indices {
            try placeholder(relations[i].source)
            try placeholder(relations[i].target)
            let (edge, created) = try findOrCreateEdge(relations[i].source, relations[i].type, relations[i].target)
            if created { summary.edgesAdded += 1 }
            edges.append(edge)
        }
        try database.insert(Self.evidenceRows, rows: relations.count) { statement, row, p in
            // Fields read in place (a copy of the relation retained and released its five strings).
            try statement.bind(edges[row], at: p)
            try statement.bind(document.id, at: p + 1)
            try statement.bind(relations[row].sentence + sentenceOffset, at: p + 2)
            let range = relations[row].sentenceRange
            try statement.bind(range.lowerBound + byteOffset, at: p + 3)
            try statement.bind(range.upperBound + byteOffset, at: p + 4)
            // The text is valid UTF-8, so a range starting and ending on scalar boundaries is too: its
            // bytes are bound as they are; otherwise (a range cutting a scalar) they are repaired first.
            let onBoundaries = (range.lowerBound == text.count || text[range.lowerBound] & 0xC0 != 0x80)
                && (range.upperBound == text.count || text[range.upperBound] & 0xC0 != 0x80)
            if onBoundaries {
                try text.withUnsafeBufferPointer { try statement.bindText(UnsafeBufferPointer(rebasing: $0[range]), at: p + 5) }
            } else {
                try statement.bind(String(decoding: text[range], as: UTF8.self), at: p + 5)
            }
            try statement.bind(relations[row].trigger, at: p + 6)
            try statement.bind(relations[row].frame, at: p + 7)
            try statement.bind(min(max(relations[row].confidence, 0), 1), at: p + 8)
            try statement.bind(relations[row].hedged, at: p + 9)
            try statement.bind(relations[row].date.flatMap { $0.isEmpty ? nil : $0 } ?? date, at: p + 10)
        }
        summary.evidenceAdded += relations.count
    }

    /// Mention counts, up to `MultiRowSQL.maximumRows` rows a statement.
    private static let mentionRows = MultiRowSQL(
        head: "INSERT OR FAIL INTO mentions(doc_id, node_id, surface, count) VALUES", row: "(?, ?, ?, ?)", tail: "")

    /// A large document's mentions, part by part: the rows of (node, surface) pairs new to the
    /// document are inserted one by one and their rowids kept (`partMentions`); a pair an earlier
    /// part wrote has its count added to. Parts come in order, in one transaction; a later part
    /// that finds no rows kept for its document (not written through this connection just before)
    /// reads them from the store.
    private func writeMentions(_ counts: [MentionCount], ofPart index: Int, document: String) throws {
        if index == 0 {
            partMentions = PartMentions(document: document)
        } else if partMentions?.document != document {
            try database.execute(Self.mentionsByDocument)
            var found = PartMentions(document: document)
            try database.withStatement("SELECT rowid, node_id, surface FROM mentions WHERE doc_id = ?") { statement in
                try statement.bind(document, at: 1)
                while try statement.step() {
                    found.rows[MentionKey(node: NodeID(statement.string(1)), surface: statement.string(2))] = statement.int64(0)
                }
            }
            partMentions = found
        }
        for counted in counts {
            let key = MentionKey(node: counted.node, surface: counted.surface)
            if let row = partMentions?.rows[key] {
                try database.withStatement("UPDATE mentions SET count = count + ? WHERE rowid = ?") { statement in
                    try statement.bind(counted.count, at: 1)
                    try statement.bind(row, at: 2)
                    try statement.run()
                }
                guard database.changes == 1 else {
                    throw StoreError("the mention row \(row) of document \(document) written by an earlier part is gone", path: path)
                }
            } else {
                try database.withStatement("INSERT INTO mentions(doc_id, node_id, surface, count) VALUES (?, ?, ?, ?)") { statement in
                    try statement.bind(document, at: 1)
                    try statement.bind(counted.node.rawValue, at: 2)
                    try statement.bind(counted.surface, at: 3)
                    try statement.bind(counted.count, at: 4)
                    try statement.run()
                }
                partMentions?.rows[key] = database.lastInsertRowID
            }
        }
    }

    /// Evidence rows, up to `MultiRowSQL.maximumRows` a statement.
    private static let evidenceRows = MultiRowSQL(
        head: """
            INSERT OR FAIL INTO evidence(edge_id, doc_id, sentence_index, sentence_start, sentence_end, sentence,
                                 trigger, frame, confidence, hedged, date) VALUES
            """,
        row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", tail: "")

    /// Deletes a document's mentions and evidence, remembering the edges that may now lack evidence.
    private func removeContent(ofDocument id: String, edgesToRecheck: inout Set<Int64>) throws {
        try database.execute(Self.evidenceByDocument)
        try database.execute(Self.mentionsByDocument)
        try database.withStatement("SELECT DISTINCT edge_id FROM evidence WHERE doc_id = ?") { statement in
            try statement.bind(id, at: 1)
            while try statement.step() { edgesToRecheck.insert(statement.int64(0)) }
        }
        for sql in ["DELETE FROM evidence WHERE doc_id = ?", "DELETE FROM mentions WHERE doc_id = ?"] {
            try database.withStatement(text: sql) { statement in
                try statement.bind(id, at: 1)
                try statement.run()
            }
        }
    }

    private func upsert(_ node: Node) throws {
        if knownNodes.holds(node) { return }
        defer { knownNodes.wrote(node) }
        try database.withStatement("""
            INSERT INTO nodes(id, kind, label, label_en) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, label = excluded.label, label_en = excluded.label_en
            WHERE (kind, label, label_en) IS NOT (excluded.kind, excluded.label, excluded.label_en)
            """) { statement in
            try bind(node, to: statement)
            try statement.run()
        }
    }

    /// Adds a node an extraction referred to without declaring it, unless the store already has it.
    private func insertPlaceholder(_ node: Node) throws {
        if knownNodes.holds(node.id) { return }
        defer { knownNodes.exists(node.id) }
        try database.withStatement(
            "INSERT INTO nodes(id, kind, label, label_en) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"
        ) { statement in
            try bind(node, to: statement)
            try statement.run()
        }
    }

    private func bind(_ node: Node, to statement: Statement) throws {
        try statement.bind(node.id.rawValue, at: 1)
        try statement.bind(node.kind.rawValue, at: 2)
        try statement.bind(node.nameAr, at: 3)
        try statement.bind(node.nameEn, at: 4)
    }
}

/// The mention rows the parts of one large document wrote, by (node, surface).
struct PartMentions {
    var document: String
    var rows: [MentionKey: Int64] = [:]
}

/// A mention's node and surface, equal and hashed by their UTF-8 bytes as SQLite's primary key
/// compares them (`String`'s own `==` and hash normalize non-ASCII text on every call).
struct MentionKey: Hashable {
    var node: NodeID
    var surface: String

    /// The distinct (node, surface) pairs of `mentions`, in the order first met, with how often each occurs.
    static func counted(_ mentions: [Mention]) -> [MentionCount] {
        // A news article's few dozen mentions: each pair's hash looked for among those met so far,
        // in a plain array (a dictionary's look-up, hashed twice and finalized, cost some 700
        // instructions a mention: 2% of a build). Longer texts take the dictionary.
        guard mentions.count > smallCount else { return countedSmall(mentions) }
        var index: [MentionKey: Int] = [:]
        index.reserveCapacity(mentions.count)
        var out: [MentionCount] = []
        out.reserveCapacity(mentions.count)
        for mention in mentions {
            let key = MentionKey(node: mention.node, surface: mention.surface)
            if let i = index[key] { out[i].count += 1 }
            else { index[key] = out.count; out.append(MentionCount(node: mention.node, surface: mention.surface, count: 1)) }
        }
        return out
    }

    /// Up to this many mentions are counted by `countedSmall`.
    static let smallCount = 64

    /// `counted` by a linear search over the pairs met, told apart first by the UTF-8 lengths of
    /// their surface and node (known without reading the strings), then by their bytes. Hashing
    /// each pair's bytes first (FNV-1a) cost more than the few comparisons it saved.
    static func countedSmall(_ mentions: [Mention]) -> [MentionCount] {
        var lengths: [UInt64] = []
        lengths.reserveCapacity(mentions.count)
        var out: [MentionCount] = []
        out.reserveCapacity(mentions.count)
        // The mentions read in place by index (a copy of each retained and released its strings).
        for m in mentions.indices {
            let key = UInt64(mentions[m].surface.utf8.count) << 32 | UInt64(mentions[m].node.rawValue.utf8.count)
            var found = -1
            var i = 0
            while i < lengths.count {
                if lengths[i] == key, utf8Compare(out[i].surface, mentions[m].surface) == 0,
                   utf8Compare(out[i].node.rawValue, mentions[m].node.rawValue) == 0 { found = i; break }
                i += 1
            }
            if found >= 0 { out[found].count += 1 }
            else { lengths.append(key); out.append(MentionCount(node: mentions[m].node, surface: mentions[m].surface, count: 1)) }
        }
        return out
    }

    static func == (a: MentionKey, b: MentionKey) -> Bool {
        utf8Compare(a.surface, b.surface) == 0 && utf8Compare(a.node.rawValue, b.node.rawValue) == 0
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(FNV1a.hash(field: surface, from: FNV1a.hash(field: node.rawValue, from: FNV1a.offsetBasis)))
    }
}

/// A document's declared nodes, asked whether they hold an id: a document names a few, so they are
/// searched in place (`NodeID ==` tells most ids apart by their length); a set only beyond 32.
/// Hashing each id into a new set cost a document 17M instructions of a 2,000-document build.
struct DeclaredNodes {
    let nodes: [Node]
    let set: Set<NodeID>?

    init(_ nodes: [Node]) {
        self.nodes = nodes
        set = nodes.count > 32 ? Set(nodes.map(\.id)) : nil
    }

    func contains(_ id: NodeID) -> Bool {
        if let set { return set.contains(id) }
        return nodes.contains { $0.id == id }
    }
}

/// An edge's ends and relation, the key of `KnownNodes`' edge ids: equal and hashed by their UTF-8
/// bytes, as SQLite's unique index compares them.
struct EdgeKey: Hashable {
    var source: NodeID
    var relation: RelationType
    var target: NodeID

    static func == (a: EdgeKey, b: EdgeKey) -> Bool {
        a.relation == b.relation && utf8Compare(a.source.rawValue, b.source.rawValue) == 0
            && utf8Compare(a.target.rawValue, b.target.rawValue) == 0
    }

    func hash(into hasher: inout Hasher) {
        var h = FNV1a.hash(field: source.rawValue, from: FNV1a.offsetBasis)
        h = FNV1a.hash(field: relation.rawValue, from: h)
        hasher.combine(FNV1a.hash(field: target.rawValue, from: h))
    }
}

/// Compares two strings by their UTF-8 bytes: negative, zero or positive.
///
/// Read in place where both strings are contiguous (native and small strings: all of the store's):
/// copies of the two for `withUTF8` were retained and released on every call (6.3M reference-count
/// calls in a 20k-document build, most from `countedSmall`).
func utf8Compare(_ a: String, _ b: String) -> Int {
    @inline(__always) func compare(_ pa: UnsafeBufferPointer<UInt8>, _ pb: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(pa.count, pb.count)
        if n > 0, let x = pa.baseAddress, let y = pb.baseAddress {
            let c = Int(memcmp(x, y, n))
            if c != 0 { return c }
        }
        return pa.count - pb.count
    }
    if let c = a.utf8.withContiguousStorageIfAvailable({ pa in b.utf8.withContiguousStorageIfAvailable { pb in compare(pa, pb) } }),
       let c { return c }
    var a = a, b = b
    return a.withUTF8 { pa in b.withUTF8 { pb in compare(pa, pb) } }
}

/// What `SQLiteStore.knownNodes` holds: node rows committed by this connection, ids known to exist,
/// and the ids of edges. A class: the writer asks it a few times per row, and a struct stored in
/// the store object was copied out (its six tables retained and released) for each question.
final class KnownNodes {
    private var rows: [NodeID: Node] = [:]
    private var ids = Set<NodeID>()
    private var edges: [EdgeKey: Int64] = [:]
    /// What the current batch changed in `rows`, `ids` and `edges`, to take back unless it commits.
    /// (Kept apart in tables of their own, every question looked in two tables: the pending one,
    /// then the committed one, hashing the key twice.)
    private var undoRows: [(NodeID, Node?)] = []
    private var undoIDs: [NodeID] = []
    private var undoEdges: [EdgeKey] = []
    /// Whether the current batch may use and add to what is known (not inside an outer transaction).
    private var active = false
    private var dataVersion = -1
    /// Set when `edges` holds every edge of the store: it was empty when this connection began
    /// writing it alone (`knowEveryEdge`), and nothing has been forgotten since.
    private var everyEdge = false

    /// Before a batch: forgets everything when another connection committed since the last one.
    func begin(_ database: Database) throws {
        clearUndo()
        active = !database.inTransaction
        guard active else { return }
        let version = try database.scalarInt("PRAGMA data_version")
        if version != dataVersion { forget(); dataVersion = version }
    }

    /// After a batch: what it wrote stays known once it committed, and is taken back otherwise.
    func end(committed: Bool) {
        if active {
            if committed {
                // Bounded: a store of very many actors or edges looks them up again.
                if rows.count > 1_000_000 || edges.count > 1_000_000 { forget() }
            } else {
                for (id, old) in undoRows.reversed() { rows[id] = old }
                for id in undoIDs { ids.remove(id) }
                for key in undoEdges { edges[key] = nil }
            }
        }
        clearUndo()
        active = false
    }

    private func clearUndo() {
        undoRows.removeAll(keepingCapacity: true)
        undoIDs.removeAll(keepingCapacity: true)
        undoEdges.removeAll(keepingCapacity: true)
    }

    func forget() { rows = [:]; ids = []; edges = [:]; everyEdge = false; clearUndo() }

    /// After this connection deleted edges: their ids may be known here.
    func forgetEdges() { edges = [:]; undoEdges.removeAll(); everyEdge = false }

    /// For a store without edges: from now on every edge is one this connection writes and knows,
    /// until another connection commits or something is forgotten.
    func knowEveryEdge(_ database: Database) throws {
        forget()
        dataVersion = try database.scalarInt("PRAGMA data_version")
        everyEdge = true
    }

    /// Whether an edge not known here is not in the store either (so need not be looked up).
    var knowsEveryEdge: Bool { active && everyEdge }

    /// The id of an edge the store holds, when known.
    func edge(_ key: EdgeKey) -> Int64? { active ? edges[key] : nil }

    /// Records the id of an edge not known before.
    func edge(_ key: EdgeKey, is id: Int64) {
        guard active else { return }
        if edges.updateValue(id, forKey: key) == nil { undoEdges.append(key) }
    }

    /// The store holds this exact row (written by this connection since nothing else changed it).
    func holds(_ node: Node) -> Bool {
        guard active, let row = rows[node.id] else { return false }
        // By bytes, as the row is stored (`String`'s `==` compared the Arabic names scalar by scalar
        // for canonical equivalence: most of this question's cost).
        return row.kind == node.kind && utf8Compare(row.nameAr, node.nameAr) == 0 && utf8Compare(row.nameEn, node.nameEn) == 0
            && utf8Compare(row.id.rawValue, node.id.rawValue) == 0
    }
    /// The store holds a row with this id.
    func holds(_ id: NodeID) -> Bool { active && ids.contains(id) }

    func wrote(_ node: Node) {
        guard active else { return }
        undoRows.append((node.id, rows.updateValue(node, forKey: node.id)))
        if ids.insert(node.id).inserted { undoIDs.append(node.id) }
    }
    func exists(_ id: NodeID) {
        guard active else { return }
        if ids.insert(id).inserted { undoIDs.append(id) }
        // Its row may be an older one than the placeholder: not known exactly.
        if let old = rows.removeValue(forKey: id) { undoRows.append((id, old)) }
    }
}

extension Extraction {
    /// Counts the mentions per (node, surface) for the store (`mentionCounts`), so that the thread
    /// writing need not.
    public mutating func countMentions() {
        mentionCounts = MentionKey.counted(mentions)
    }

    /// Rejects what no backend can store faithfully (an empty id, a sentence range outside the text,
    /// a NaN confidence), before anything of the document is written. `textLength` is the text's
    /// UTF-8 length (a document read in parts passes its part's).
    public func validateForStore(textLength: Int) throws {
        let id = document.id
        guard !id.isEmpty else { throw InputError("a document has an empty id") }
        for i in relations.indices {
            let range = relations[i].sentenceRange
            guard range.lowerBound >= 0, range.upperBound <= textLength else {
                throw InputError("sentence \(relations[i].sentence) of document \(id): byte range "
                    + "\(range.lowerBound)..<\(range.upperBound) lies outside its \(textLength)-byte text")
            }
            guard !relations[i].confidence.isNaN else {
                throw InputError("sentence \(relations[i].sentence) of document \(id): confidence is NaN")
            }
        }
    }
}
