import ActorGraphModel
import Foundation
import GraphStore
import Linking
import Ontology
import PropertyBased
import Relations
import Testing

let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let ontology: Ontology? = try? Ontology.load(directory: packageRoot.appendingPathComponent("Ontology").path)

/// Sentence frames of our own, with slots for two actors and a place.
let frames = [
    "قصفت {A} مواقع {B} في {P}.",
    "شن {A} هجوما على {B} قرب {P}.",
    "سيطر {A} على {P} بعد معارك مع {B}.",
    "أعلن {A} تحالفه مع {B}.",
    "قاتل {A} إلى جانب {B} في {P}.",
    "لم يهاجم {A} مواقع {B}.",
    "نفى {A} أن يكون قد قصف {P}.",
    "وقال مصدر محلي إن الوضع في {P} هادئ.",
]
let actorNames = ["تنظيم الدولة", "قوات سوريا الديمقراطية", "الجيش التركي", "حزب الله", "هيئة تحرير الشام",
                  "الطائرات الروسية", "قوات النظام", "وحدات حماية الشعب", "الحشد الشعبي", "جيش الإسلام"]
let placeNames = ["الرقة", "منبج", "عفرين", "دير الزور", "الموصل", "تدمر", "دوما", "درعا", "الفلوجة", "إدلب"]

/// One generated document: its id, date and sentences.
struct GeneratedDocument: Sendable, CustomStringConvertible {
    var id: Int
    var day: Int
    var sentences: [[Int]]   // frame, actor A, actor B, place
    var text: String {
        sentences.map { s in
            frames[s[0] % frames.count]
                .replacingOccurrences(of: "{A}", with: actorNames[s[1] % actorNames.count])
                .replacingOccurrences(of: "{B}", with: actorNames[s[2] % actorNames.count])
                .replacingOccurrences(of: "{P}", with: placeNames[s[3] % placeNames.count])
        }.joined(separator: " ")
    }
    var document: Document {
        Document(id: "doc\(id)", text: text, date: String(format: "2016-%02d-%02d", 1 + day % 12, 1 + day % 28))
    }
    var description: String { "doc\(id) (\(sentences.count) sentences)" }
}

var generatedDocument: Generator<GeneratedDocument, some Sequence & SendableMetatype> {
    zip(Gen.int(in: 0...40), Gen.int(in: 0...400), Gen.int(in: 0...100).array(of: 4).array(of: 1...6))
        .map { GeneratedDocument(id: $0, day: $1, sentences: $2) }
}

/// Every node and edge of a store, in a canonical order, as text.
func dump(_ store: SQLiteStore) throws -> [String] {
    var lines: [String] = []
    try store.forEachNode { n in lines.append("N \(n.id) \(n.kind) \(n.label) \(n.mentions) \(n.aliases.sorted())") }
    try store.forEachEdge { e in
        lines.append("E \(e.source) \(e.relation) \(e.target) \(e.weight) \(e.documents.sorted()) \(e.firstSeen ?? "-") \(e.lastSeen ?? "-")")
    }
    return lines.sorted()
}

func extract(_ documents: [GeneratedDocument], with ontology: Ontology) -> [Extraction] {
    let pipeline = Pipeline(ontology: ontology)
    return documents.map { pipeline.extract($0.document).0 }
}

@Suite("Properties of the store", .enabled(if: ontology != nil, "the ontology does not load"))
struct StoreProperties {
    /// Building any set of documents twice gives the same graph as building it once, and the
    /// order the documents come in does not matter (ids are unique within the set).
    @Test func buildingTwiceOrShuffledGivesTheSameGraph() async throws {
        guard let ontology else { return }
        await propertyCheck(count: 40, input: generatedDocument.array(of: 1...8)) { generated in
            var unique: [Int: GeneratedDocument] = [:]
            for g in generated { unique[g.id] = g }
            let documents = unique.values.sorted { $0.id < $1.id }
            let extractions = extract(documents, with: ontology)
            do {
                let once = try SQLiteStore(path: ":memory:")
                _ = try once.ingest(extractions)
                let twice = try SQLiteStore(path: ":memory:")
                _ = try twice.ingest(extractions)
                let second = try twice.ingest(extractions)
                #expect(second.documentsUnchanged == documents.count && second.evidenceAdded == 0)
                let shuffled = try SQLiteStore(path: ":memory:")
                for e in extractions.reversed() { _ = try shuffled.ingest([e]) }
                let reference = try dump(once)
                #expect(try dump(twice) == reference)
                #expect(try dump(shuffled) == reference)
                #expect(try once.check().isEmpty)
            } catch {
                Issue.record(error)
            }
        }
    }

    /// Replacing a document's text and then restoring it gives back the original graph.
    @Test func replacingAndRestoringADocumentRestoresTheGraph() async throws {
        guard let ontology else { return }
        await propertyCheck(count: 30, input: generatedDocument.array(of: 2...6), generatedDocument) { generated, replacement in
            var unique: [Int: GeneratedDocument] = [:]
            for g in generated { unique[g.id] = g }
            let documents = unique.values.sorted { $0.id < $1.id }
            var changed = replacement
            changed.id = documents[0].id
            do {
                let store = try SQLiteStore(path: ":memory:")
                _ = try store.ingest(extract(documents, with: ontology))
                let before = try dump(store)
                _ = try store.ingest(extract([changed], with: ontology))
                _ = try store.ingest(extract([documents[0]], with: ontology))
                #expect(try dump(store) == before)
                #expect(try store.check().isEmpty)
            } catch {
                Issue.record(error)
            }
        }
    }
}
