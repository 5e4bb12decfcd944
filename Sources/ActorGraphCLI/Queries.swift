import ActorGraphModel
import ArgumentParser
import Foundation
import GraphStore
import Ontology

/// Resolves a user-typed actor name to one node, or fails with the closest known names.
func resolveActor(_ name: String, ontology: Ontology, store: SQLiteStore) throws -> NodeID {
    var found = ontology.resolve(name: name)
    if found.isEmpty, let n = try store.node(NodeID(name)) { found = [n.id] }
    if found.isEmpty {
        // A provisional actor or a surface form seen in the corpus.
        let key = Ontology.key(name)
        for a in try store.actors() where a.aliases.contains(where: { Ontology.key($0) == key }) { found.append(a.id) }
    }
    if found.count == 1 { return found[0] }
    if found.isEmpty {
        let s = ontology.suggestions(for: name)
        var msg = "actorgraph: unknown actor '\(name)'."
        if !s.isEmpty {
            msg += " Closest known names:\n" + s.map { "  \($0.name)  (\($0.node))" }.joined(separator: "\n")
        }
        warn(msg)
    } else {
        warn("actorgraph: '\(name)' is ambiguous; it names: " + found.map(\.rawValue).joined(separator: ", ") + ". Use the id.")
    }
    throw ExitCode(1)
}

/// Shared body of `allies` and `adversaries`.
func printNeighbours(actor: String, relation: RelationType, options: StoreOptions, format: OutputFormat, minConfidence: Double) throws {
    let ontology = try OntologyCache.load(ProjectPaths.ontology(options.ontology))
    let store = try openStore(options.storePath, readOnly: true)
    let id = try resolveActor(actor, ontology: ontology, store: store)
    let rows = try store.neighbours(of: id, relations: [relation], minConfidence: minConfidence)
    switch format {
    case .json:
        let arr: [[String: Any]] = rows.map { n in
            ["id": n.node.id.rawValue, "label": n.node.label, "label_en": n.node.labelEn, "kind": n.node.kind.rawValue,
             "relation": n.relation.rawValue, "direction": n.direction.rawValue, "weight": n.weight,
             "documents": n.documents, "confidence": n.confidence]
        }
        let data = try JSONSerialization.data(withJSONObject: arr, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    case .table:
        let name = ontology.nodes[id].map { "\($0.nameAr) (\(id))" } ?? id.rawValue
        if rows.isEmpty { print("\(name): no \(relation == .alliedWith ? "allies" : "adversaries") in the store"); return }
        print("\(relation == .alliedWith ? "Allies" : "Adversaries") of \(name):")
        var table = [["id", "name", "English", "direction", "weight", "confidence", "documents"]]
        for n in rows {
            let direction: String
            switch n.direction {
            case .outgoing: direction = relation == .attacked ? "it attacked" : "—"
            case .incoming: direction = relation == .attacked ? "attacked it" : "—"
            case .both: direction = relation == .attacked ? "both ways" : "—"
            }
            table.append([n.node.id.rawValue, n.node.label, n.node.labelEn, direction, String(n.weight),
                          String(format: "%.2f", n.confidence), n.documents.prefix(5).joined(separator: " ") + (n.documents.count > 5 ? " …" : "")])
        }
        printTable(table)
    }
}

/// Prints rows as an aligned table (widths by Unicode scalars, combining marks not counted).
func printTable(_ rows: [[String]]) {
    func width(_ s: String) -> Int { s.unicodeScalars.filter { !($0.properties.generalCategory == .nonspacingMark || $0.value == 0x0640) }.count }
    var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
    for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], width(c)) } }
    for r in rows {
        var line = ""
        for (i, c) in r.enumerated() {
            line += c
            if i < r.count - 1 { line += String(repeating: " ", count: widths[i] - width(c) + 2) }
        }
        print(line)
    }
}

/// What `allies` and `adversaries` share: the actor, the store, the output format and the filter.
struct NeighbourOptions: ParsableArguments {
    @Argument(help: "Any name of the actor (Arabic or English) or its id.") var actor: String
    @OptionGroup var store: StoreOptions
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Option(help: "Leave out edges whose confidence is below this (0–1).") var minConfidence: Double = 0

    func print(_ relation: RelationType) throws {
        try printNeighbours(actor: actor, relation: relation, options: store, format: format, minConfidence: minConfidence)
    }
}

struct Allies: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List an actor's allies, strongest first, with the evidence count.",
        discussion: "Example: actorgraph allies \"قوات سوريا الديمقراطية\"  ·  actorgraph allies SDF --format json")
    @OptionGroup var options: NeighbourOptions
    func run() throws { try options.print(.alliedWith) }
}

struct Adversaries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the actors an actor attacked or was attacked by, strongest first.",
        discussion: "Example: actorgraph adversaries داعش  ·  actorgraph adversaries ISIS --format json")
    @OptionGroup var options: NeighbourOptions
    func run() throws { try options.print(.attacked) }
}

struct Actors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the actors found in the store with their mention counts.",
        discussion: """
        Known actors carry their canonical id. With --new, only the groups the ontology lacks that the
        text named with a head word (لواء …، كتائب …، حركة "…"): their ids start with new_, and each
        comes with the forms seen, the documents and example sentences, so it can be added to
        Ontology/actors.tsv and aliases.tsv. Places are left out unless --places is given.
        """)
    @OptionGroup var options: StoreOptions
    @Option(help: "table or json.") var format: OutputFormat = .table
    @Flag(help: "Also list places.") var places = false
    @Flag(name: .customLong("new"), help: "Only actors found in text that the ontology lacks.") var onlyNew = false

    func run() throws {
        let store = try openStore(options.storePath, readOnly: true)
        var rows = try store.actors().filter { places || $0.kind != .location }
        if onlyNew { rows = rows.filter { $0.id.rawValue.hasPrefix("new_") } }
        switch format {
        case .json:
            var arr: [[String: Any]] = []
            for a in rows {
                var o: [String: Any] = ["id": a.id.rawValue, "label": a.label, "label_en": a.labelEn, "kind": a.kind.rawValue,
                                        "mentions": a.mentions, "aliases": a.aliases]
                if onlyNew {
                    o["documents"] = try store.documents(mentioning: a.id)
                    o["examples"] = try store.exampleSentences(of: a.id).map { ["document": $0.document, "sentence": $0.sentence] }
                }
                arr.append(o)
            }
            print(String(decoding: try JSONSerialization.data(withJSONObject: arr, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
        case .table:
            if rows.isEmpty { print(onlyNew ? "No new actors: every group named in the corpus is in the ontology." : "The store holds no actors."); return }
            var t = [["id", "name", "English", "kind", "mentions", "forms seen"]]
            for a in rows { t.append([a.id.rawValue, a.label, a.labelEn, a.kind.rawValue, String(a.mentions), a.aliases.prefix(4).joined(separator: "، ")]) }
            printTable(t)
            if onlyNew {
                for a in rows {
                    let docs = try store.documents(mentioning: a.id)
                    print("\n\(a.id)  \(a.label)  — in \(docs.prefix(5).joined(separator: " "))\(docs.count > 5 ? " …" : "")")
                    for e in try store.exampleSentences(of: a.id) {
                        print("    [\(e.document)] \(e.sentence.trimmingCharacters(in: .whitespacesAndNewlines))")
                    }
                }
            }
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the evidence sentences behind the edges between two actors.",
        discussion: "Example: actorgraph explain داعش \"قوات النظام\"")
    @Argument(help: "The first actor.") var a: String
    @Argument(help: "The second actor.") var b: String
    @OptionGroup var options: StoreOptions
    @Option(help: "table or json.") var format: OutputFormat = .table
    func run() throws {
        let ontology = try OntologyCache.load(ProjectPaths.ontology(options.ontology))
        let store = try openStore(options.storePath, readOnly: true)
        let x = try resolveActor(a, ontology: ontology, store: store)
        let y = try resolveActor(b, ontology: ontology, store: store)
        let rows = try store.evidence(between: x, and: y)
        switch format {
        case .json:
            let arr: [[String: Any]] = rows.map { ["source": $0.source.rawValue, "relation": $0.relation.rawValue, "target": $0.target.rawValue,
                                                   "document": $0.document, "date": $0.date ?? "", "sentence": $0.sentence, "trigger": $0.trigger,
                                                   "frame": $0.frame, "confidence": $0.confidence, "hedged": $0.hedged] }
            print(String(decoding: try JSONSerialization.data(withJSONObject: arr, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
        case .table:
            if rows.isEmpty { print("No evidence links \(x) and \(y)."); return }
            for r in rows {
                print("\(r.source) \(r.relation.rawValue) \(r.target)  [\(r.document)\(r.date.map { ", " + $0 } ?? "")]  trigger «\(r.trigger)» (\(r.frame), confidence \(String(format: "%.2f", r.confidence))\(r.hedged ? ", hedged" : ""))")
                print("    \(r.sentence.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
    }
}
