#if PostgreSQL
import ActorGraphModel
import Foundation
import GraphStore

extension PostgresStore {
    /// Adds a batch of extractions in one transaction, safely beside other writers: the same result
    /// as `SQLiteStore.ingest`, written in a handful of set-based statements per batch.
    ///
    /// Order of work (each writer takes its locks in the same global order, so writers do not deadlock):
    /// 1. a transaction-level advisory lock per document id, in key order: one writer at a time decides
    ///    whether a document is new, unchanged or changed;
    /// 2. the old evidence and mentions of changed documents go;
    /// 3. documents, nodes (sorted, `ON CONFLICT DO NOTHING`, then an update only where a label
    ///    changed, so existing nodes are never locked), mentions, edges (sorted) and evidence
    ///    (unique on edge, document and sentence) are inserted;
    /// 4. edges left without evidence are deleted.
    ///
    /// Outside an enclosing `transaction`, a batch that fails for a reason another writer caused
    /// (deadlock, serialization failure, a unique or foreign-key conflict) is rolled back and retried.
    public func ingest(_ batch: [Extraction]) throws -> IngestSummary {
        guard !isReadOnly else { throw StoreError("the store was opened read-only", path: location) }
        for extraction in batch { try validate(extraction) }
        if transactionDepth > 0 { return try transaction { try ingestOnce(batch) } }
        var attempt = 0
        while true {
            do {
                return try transaction { try ingestOnce(batch) }
            } catch let error as StoreError where attempt < 20 && Self.retryable.contains(error.sqlState ?? "") {
                attempt += 1
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(min(attempt, 10)))
            }
        }
    }

    /// SQLSTATEs a concurrent writer can cause: serialization failure, deadlock, unique and foreign-key violation.
    static let retryable: Set<String> = ["40001", "40P01", "23505", "23503"]

    private func ingestOnce(_ batch: [Extraction]) throws -> IngestSummary {
        var summary = IngestSummary()
        let ids = Array(Set(batch.map(\.document.id))).sorted()
        guard !ids.isEmpty else { return summary }

        // 1. Lock the documents, in the order of the lock keys.
        try execute("""
            SELECT pg_advisory_xact_lock(k)
            FROM (SELECT hashtextextended(x, 0) AS k FROM unnest($1::text[]) AS x ORDER BY 1) AS keys
            """, [.texts(ids)])
        var stored: [String: String] = [:]
        for row in try query("SELECT id, hash FROM documents WHERE id = ANY($1)", [.texts(ids)]) {
            stored[try row.string(0)] = try row.string(1)
        }
        let storedBefore = stored

        // 2. Decide, document by document, what the batch writes.
        var documents: [String: DocumentRow] = [:]
        var noteUpdates: [(String, String)] = []
        var toRemove = Set<String>()
        var content: [String: Content] = [:]
        var declared: [String: Node] = [:]
        var placeholders: [String: Node] = [:]
        var placeholderOrder: [String] = []
        func placeholder(_ node: Node) {
            if placeholders[node.id.rawValue] == nil {
                placeholders[node.id.rawValue] = node
                placeholderOrder.append(node.id.rawValue)
            }
        }

        for extraction in batch {
            let document = extraction.document
            let part = extraction.part
            if (part?.index ?? 0) == 0 {
                let hash = extraction.textHash ?? contentHash(document.text)
                if stored[document.id] == hash {
                    summary.documentsUnchanged += 1
                    continue
                }
                if stored[document.id] != nil {
                    summary.documentsReplaced += 1
                    if storedBefore[document.id] != nil { toRemove.insert(document.id) }
                } else {
                    summary.documentsAdded += 1
                }
                stored[document.id] = hash
                content[document.id] = Content()
                documents[document.id] = DocumentRow(
                    id: document.id, hash: hash, date: document.date.flatMap { $0.isEmpty ? nil : $0 },
                    source: document.source, title: document.title, notes: document.notes)
            } else {
                guard stored[document.id] == extraction.textHash else {
                    throw InputError("part \(part?.index ?? 0) of document \(document.id) came without its first part")
                }
                if let notes = document.notes {
                    if var row = documents[document.id] {
                        row.notes = row.notes.map { $0 + "; " + notes } ?? notes
                        documents[document.id] = row
                    } else {
                        noteUpdates.append((document.id, notes))
                    }
                }
            }

            for node in extraction.nodes { declared[node.id.rawValue] = node }
            let declaredHere = Set(extraction.nodes.map(\.id))
            var docContent = content[document.id] ?? Content()
            for mention in extraction.mentions {
                docContent.mentions[MentionKey(node: mention.node.rawValue, surface: mention.surface), default: 0] += 1
                if !declaredHere.contains(mention.node) {
                    placeholder(Node(id: mention.node, kind: mention.kind, nameAr: mention.surface, nameEn: mention.node.rawValue))
                }
            }
            let text = Array(document.text.utf8)
            let byteOffset = part?.byteOffset ?? 0
            let sentenceOffset = part?.sentenceOffset ?? 0
            for relation in extraction.evidenceRelations {
                for end in [relation.source, relation.target] where !declaredHere.contains(end) {
                    placeholder(Node(id: end, kind: .other, nameAr: end.rawValue, nameEn: end.rawValue))
                }
                docContent.evidence.append(EvidenceInsert(
                    edge: EdgeKey(relation.source.rawValue, relation.type.rawValue, relation.target.rawValue),
                    document: document.id, sentenceIndex: relation.sentence + sentenceOffset,
                    start: relation.sentenceRange.lowerBound + byteOffset, end: relation.sentenceRange.upperBound + byteOffset,
                    sentence: String(decoding: text[relation.sentenceRange], as: UTF8.self),
                    trigger: relation.trigger, frame: relation.frame, confidence: min(max(relation.confidence, 0), 1),
                    hedged: relation.hedged, date: relation.date.flatMap { $0.isEmpty ? nil : $0 }
                        ?? document.date.flatMap { $0.isEmpty ? nil : $0 }))
                summary.evidenceAdded += 1
            }
            content[document.id] = docContent
        }

        // 3. Old content of changed documents.
        var edgesToRecheck: [Int64] = []
        if !toRemove.isEmpty {
            let removed = Array(toRemove).sorted()
            edgesToRecheck = try query("SELECT DISTINCT edge_id FROM evidence WHERE doc_id = ANY($1)", [.texts(removed)])
                .map { try $0.int64(0) }
            try execute("DELETE FROM evidence WHERE doc_id = ANY($1)", [.texts(removed)])
            try execute("DELETE FROM mentions WHERE doc_id = ANY($1)", [.texts(removed)])
        }

        // 4. Documents.
        if !documents.isEmpty {
            let rows = documents.values.sorted { $0.id < $1.id }
            try execute("""
                INSERT INTO documents(id, hash, date, source, title, notes)
                SELECT u.id, u.hash, NULLIF(u.date, $7), NULLIF(u.source, $7), NULLIF(u.title, $7), NULLIF(u.notes, $7)
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                    AS u(id, hash, date, source, title, notes)
                ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, date = excluded.date, source = excluded.source,
                    title = excluded.title, notes = excluded.notes, added_at = now()
                """, [.texts(rows.map(\.id)), .texts(rows.map(\.hash)), .texts(rows.map { $0.date ?? Self.null }),
                      .texts(rows.map { $0.source ?? Self.null }), .texts(rows.map { $0.title ?? Self.null }),
                      .texts(rows.map { $0.notes ?? Self.null }), .text(Self.null)])
        }
        for (id, notes) in noteUpdates {
            try execute("UPDATE documents SET notes = coalesce(notes || '; ', '') || $2 WHERE id = $1", [.text(id), .text(notes)])
        }

        // 5. Nodes: new ones inserted in id order; declared ones updated only where they differ.
        var nodes = declared
        for id in placeholderOrder where nodes[id] == nil { nodes[id] = placeholders[id] }
        if !nodes.isEmpty {
            let sorted = nodes.values.sorted { $0.id.rawValue < $1.id.rawValue }
            try execute("""
                INSERT INTO nodes(id, kind, label, label_en)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                ON CONFLICT (id) DO NOTHING
                """, Self.nodeColumns(sorted))
        }
        if !declared.isEmpty {
            let sorted = declared.values.sorted { $0.id.rawValue < $1.id.rawValue }
            try execute("""
                UPDATE nodes n SET kind = u.kind, label = u.label, label_en = u.label_en
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, kind, label, label_en)
                WHERE n.id = u.id AND (n.kind, n.label, n.label_en) IS DISTINCT FROM (u.kind, u.label, u.label_en)
                """, Self.nodeColumns(sorted))
        }

        // 6. Mentions (a later part of a document adds to the counts of earlier ones).
        var mentionRows: [(doc: String, node: String, surface: String, count: Int64)] = []
        for (doc, c) in content {
            for (key, count) in c.mentions { mentionRows.append((doc, key.node, key.surface, Int64(count))) }
        }
        if !mentionRows.isEmpty {
            mentionRows.sort { ($0.doc, $0.node, $0.surface) < ($1.doc, $1.node, $1.surface) }
            try execute("""
                INSERT INTO mentions(doc_id, node_id, surface, count)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
                ON CONFLICT (doc_id, node_id, surface) DO UPDATE SET count = mentions.count + excluded.count
                """, [.texts(mentionRows.map(\.doc)), .texts(mentionRows.map(\.node)),
                      .texts(mentionRows.map(\.surface)), .ints(mentionRows.map(\.count))])
        }

        // 7. Edges, in sorted order, then their ids.
        let evidence = content.keys.sorted().flatMap { content[$0]!.evidence }
        if !evidence.isEmpty {
            let edges = Array(Set(evidence.map(\.edge))).sorted()
            let edgeColumns: [Value] = [.texts(edges.map(\.source)), .texts(edges.map(\.relation)), .texts(edges.map(\.target))]
            summary.edgesAdded += try execute("""
                INSERT INTO edges(source, relation, target)
                SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
                ON CONFLICT (source, relation, target) DO NOTHING
                """, edgeColumns)
            var edgeIDs: [EdgeKey: Int64] = [:]
            for row in try query("""
                SELECT e.id, e.source, e.relation, e.target
                FROM edges e JOIN unnest($1::text[], $2::text[], $3::text[]) AS u(source, relation, target)
                  ON e.source = u.source AND e.relation = u.relation AND e.target = u.target
                """, edgeColumns) {
                edgeIDs[EdgeKey(try row.string(1), try row.string(2), try row.string(3))] = try row.int64(0)
            }
            var edgeColumn: [Int64] = []
            for row in evidence {
                guard let id = edgeIDs[row.edge] else {
                    var error = StoreError("edge \(row.edge.source) \(row.edge.relation) \(row.edge.target) vanished "
                        + "while being written (another writer deleted it); retrying", path: location)
                    error.sqlState = "40001"
                    throw error
                }
                edgeColumn.append(id)
            }

            // 8. Evidence, one row per edge and sentence.
            try execute("""
                INSERT INTO evidence(edge_id, doc_id, sentence_index, sentence_start, sentence_end, sentence,
                                     trigger, frame, confidence, hedged, date)
                SELECT u.edge_id, u.doc_id, u.sentence_index, u.sentence_start, u.sentence_end, u.sentence,
                       u.trigger, u.frame, u.confidence, u.hedged, NULLIF(u.date, $12)
                FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[],
                            $7::text[], $8::text[], $9::float8[], $10::bool[], $11::text[])
                    AS u(edge_id, doc_id, sentence_index, sentence_start, sentence_end, sentence, trigger, frame,
                         confidence, hedged, date)
                """, [.ints(edgeColumn), .texts(evidence.map(\.document)), .ints(evidence.map { Int64($0.sentenceIndex) }),
                      .ints(evidence.map { Int64($0.start) }), .ints(evidence.map { Int64($0.end) }),
                      .texts(evidence.map(\.sentence)), .texts(evidence.map(\.trigger)), .texts(evidence.map(\.frame)),
                      .doubles(evidence.map(\.confidence)), .bools(evidence.map(\.hedged)),
                      .texts(evidence.map { $0.date ?? Self.null }), .text(Self.null)])
        }

        if let pause = ProcessInfo.processInfo.environment["ACTORGRAPH_PG_PAUSE_BEFORE_COMMIT"].flatMap(Double.init) {
            usleep(UInt32(pause * 1_000_000))  // a test hook: Benchmarks/writers.sh --kill kills a writer here
        }

        // 9. Edges the changed documents left without evidence.
        if !edgesToRecheck.isEmpty {
            try execute("""
                DELETE FROM edges e WHERE e.id = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.edge_id = e.id)
                """, [.ints(edgesToRecheck.sorted())])
        }
        return summary
    }

    /// Stands for NULL inside the text arrays sent to the server (a noncharacter no real value consists of).
    static let null = "\u{FFFF}"

    static func nodeColumns(_ nodes: [Node]) -> [Value] {
        [.texts(nodes.map(\.id.rawValue)), .texts(nodes.map(\.kind.rawValue)), .texts(nodes.map(\.nameAr)), .texts(nodes.map(\.nameEn))]
    }

    /// Rejects what cannot be stored faithfully, before anything is written: what no backend can
    /// store, and NUL characters, which PostgreSQL text cannot hold.
    private func validate(_ extraction: Extraction) throws {
        try extraction.validateForStore(textLength: extraction.document.text.utf8.count)
        let document = extraction.document
        for field in [document.id, document.text, document.title ?? "", document.source ?? "", document.date ?? ""]
        where field.utf8.contains(0) {
            throw InputError("document \(document.id) holds a NUL character, which PostgreSQL text cannot store")
        }
    }
}

private struct DocumentRow {
    var id: String
    var hash: String
    var date: String?
    var source: String?
    var title: String?
    var notes: String?
}

private struct MentionKey: Hashable {
    var node: String
    var surface: String
}

struct EdgeKey: Hashable, Comparable {
    var source: String
    var relation: String
    var target: String
    init(_ source: String, _ relation: String, _ target: String) {
        self.source = source; self.relation = relation; self.target = target
    }
    static func < (a: EdgeKey, b: EdgeKey) -> Bool {
        (a.source, a.relation, a.target) < (b.source, b.relation, b.target)
    }
}


private struct EvidenceInsert {
    var edge: EdgeKey
    var document: String
    var sentenceIndex: Int
    var start: Int
    var end: Int
    var sentence: String
    var trigger: String
    var frame: String
    var confidence: Double
    var hedged: Bool
    var date: String?
}

/// What a batch writes for one document.
private struct Content {
    var mentions: [MentionKey: Int] = [:]
    var evidence: [EvidenceInsert] = []
}
#endif
