import ActorGraphModel
import ArabicText
import ArgumentParser
import Foundation
import GraphStore
import Ontology

/// Resolves a user-typed actor name to one node, or fails with the closest known names.
func resolveActor(_ name: String, ontologyFolder: String?, store: any GraphStoreReader) throws -> NodeID {
    // An id the store holds (ISIS, SDF, a provisional id) needs no ontology: the query answers
    // without loading it, which is most of a query's time.
    for id in [NodeID(name), NodeID(name.uppercased())] where try store.nodeRecord(id) != nil { return id }
    let ontology = try OntologyCache.load(ProjectPaths.ontology(ontologyFolder), namesOnly: true)
    var found = ontology.resolve(name: name)
    if found.isEmpty, let n = try store.nodeRecord(NodeID(name)) { found = [n.id] }
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

/// What `allies` or `adversaries` was asked: the actor, the store, the output format and the filters.
struct NeighbourQuery: Equatable {
    var actor: String
    var storePath: String
    var ontology: String?
    var format: OutputFormat = .table
    var minConfidence = 0.0
    var since: String?
    var until: String?
    var inferred = false

    /// The query of a command line in the common shape `allies|adversaries ACTOR [--store STORE]
    /// [--ontology DIR] [--format FORMAT]`, read without ArgumentParser, or nil for any other
    /// command line (which ArgumentParser then reads, with its errors and help).
    ///
    /// ArgumentParser finds a command's options by reflection and dynamic casts, each a search of
    /// the binary's protocol conformances: half of a query's instructions, for what is one name
    /// and a store path. The same function answers either way.
    static func quick(_ arguments: [String]) -> (RelationType, NeighbourQuery)? {
        guard let command = arguments.first else { return nil }
        let relation: RelationType
        switch command {
        case "allies": relation = .alliedWith
        case "adversaries": relation = .attacked
        default: return nil
        }
        var actor: String?, store: String?, ontology: String?, format: OutputFormat?
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("-") else {
                guard actor == nil, !argument.isEmpty else { return nil }
                actor = argument
                continue
            }
            let name: Substring, value: String
            if let equals = argument.firstIndex(of: "=") {
                name = argument[..<equals]
                value = String(argument[argument.index(after: equals)...])
            } else {
                guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
                name = argument[...]
                value = next
            }
            switch name {
            case "--store" where store == nil: store = value
            case "--ontology" where ontology == nil: ontology = value
            case "--format" where format == nil:
                guard let known = OutputFormat(rawValue: value) else { return nil }
                format = known
            default: return nil
            }
        }
        guard let actor else { return nil }
        return (relation, NeighbourQuery(actor: actor, storePath: ProjectPaths.store(store), ontology: ontology,
                                          format: format ?? .table))
    }
}

/// Shared body of `allies` and `adversaries`.
func printNeighbours(relation: RelationType, _ o: NeighbourQuery) throws {
    let store = try openStore(o.storePath, readOnly: true)
    // A neighbours query reads a few pages: through pread, not a memory map of the whole store, whose
    // page tables the process otherwise builds and tears down (a twentieth of a query's time).
    try (store as? SQLiteStore)?.readWithoutMemoryMap()
    let id = try resolveActor(o.actor, ontologyFolder: o.ontology, store: store)
    let rows = try store.neighbours(of: id, relations: [relation], minConfidence: o.minConfidence, since: o.since, until: o.until)
    let inferred = o.inferred
        ? try store.inferredNeighbours(of: id, relation: relation, minConfidence: o.minConfidence, since: o.since, until: o.until)
        : []
    func pathText(_ p: InferredNeighbour.Path, to far: NodeID) -> String {
        "\(id) \(p.first.rawValue) \(p.via) \(p.second.rawValue) \(far)"
    }
    func direction(_ n: Neighbour) -> String {
        switch n.direction {
        case .outgoing: return relation == .attacked ? "it attacked" : "—"
        case .incoming: return relation == .attacked ? "attacked it" : "—"
        case .both: return relation == .attacked ? "both ways" : "—"
        }
    }
    switch o.format {
    case .json:
        var arr: [JSON] = rows.map { n in
            var object: [String: JSON] = [
                "id": .string(n.node.id.rawValue), "label": .string(n.node.label), "label_en": .string(n.node.labelEn),
                "kind": .string(n.node.kind.rawValue), "relation": .string(n.relation.rawValue),
                "direction": .string(n.direction.rawValue), "weight": .int(n.weight),
                "documents": .strings(n.documents), "confidence": .double(n.confidence)]
            if o.inferred { object["inferred"] = false }
            return .object(object)
        }
        arr += inferred.map { n in
            ["id": .string(n.node.id.rawValue), "label": .string(n.node.label), "label_en": .string(n.node.labelEn),
             "kind": .string(n.node.kind.rawValue), "relation": .string(n.relation.rawValue), "inferred": true, "weight": 0,
             "documents": [], "paths": .array(n.paths.map { p in
                 ["via": .string(p.via.rawValue), "first": .string(p.first.rawValue), "second": .string(p.second.rawValue),
                  "weight": .int(p.weight), "path": .string(pathText(p, to: n.node.id))] })]
        }
        print(JSONText.encode(.array(arr)))
    case .csv:
        var table = [["id", "label", "label_en", "kind", "relation", "direction", "weight", "confidence", "documents", "inferred", "paths"]]
        for n in rows {
            table.append([n.node.id.rawValue, n.node.label, n.node.labelEn, n.node.kind.rawValue, n.relation.rawValue,
                          n.direction.rawValue, String(n.weight), String(format: "%.4f", n.confidence),
                          n.documents.joined(separator: " "), "false", ""])
        }
        for n in inferred {
            table.append([n.node.id.rawValue, n.node.label, n.node.labelEn, n.node.kind.rawValue, n.relation.rawValue,
                          "", "0", "", "", "true", n.paths.map { pathText($0, to: n.node.id) }.joined(separator: "; ")])
        }
        printCSV(table)
    case .table:
        let label = try store.nodeRecord(id)?.label ?? ""
        let name = label.isEmpty ? id.rawValue : "\(label) (\(id))"
        let what = relation == .alliedWith ? "allies" : "adversaries"
        if rows.isEmpty {
            print(TerminalText.line("\(name): no \(what) in the store\(o.since != nil || o.until != nil ? " in that period" : "")"))
        } else {
            print(TerminalText.line("\(what.prefix(1).uppercased() + what.dropFirst()) of \(name):"))
            var table = [["id", "name", "English", "direction", "weight", "confidence", "documents"]]
            for n in rows {
                table.append([n.node.id.rawValue, n.node.label, n.node.labelEn, direction(n), String(n.weight),
                              String(format: "%.2f", n.confidence), n.documents.prefix(5).joined(separator: " ") + (n.documents.count > 5 ? " …" : "")])
            }
            printTable(table)
        }
        if o.inferred {
            print("")
            if inferred.isEmpty {
                print("Inferred \(what) (structural balance, not observed): none")
            } else {
                print("Inferred \(what) — structural balance suggests them, no sentence states them:")
                var table = [["id", "name", "English", "paths", "supported by"]]
                for n in inferred {
                    table.append([n.node.id.rawValue, n.node.label, n.node.labelEn, String(n.paths.count),
                                  n.paths.prefix(3).map { pathText($0, to: n.node.id) }.joined(separator: "; ") + (n.paths.count > 3 ? "; …" : "")])
                }
                printTable(table)
            }
        }
    }
}

/// Whether a scalar is written right to left (Hebrew, Arabic, Syriac, Thaana, NKo, Arabic presentation forms).
private func isRightToLeft(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: return true
    default: return false
    }
}

/// Display width in a terminal: one column per scalar, none for combining marks, tatweel and format characters.
func displayWidth(_ s: String) -> Int {
    s.unicodeScalars.filter {
        let c = $0.properties.generalCategory
        return !(c == .nonspacingMark || c == .enclosingMark || c == .format || $0.value == 0x0640)
    }.count
}

/// Prints rows as an aligned table.
///
/// A cell holding Arabic ends with a LEFT-TO-RIGHT MARK (invisible, no width): in a terminal that applies
/// the bidi algorithm, the padding and the numbers after it then stay in their columns instead of joining
/// the right-to-left run; terminals that do not reorder show the same columns.
///
/// With `ACTORGRAPH_BIDI=visual` (for terminals that neither shape nor reorder, such as xterm), Arabic is
/// shaped and laid out right to left by actorgraph instead.
func printTable(_ rows: [[String]]) {
    let cells = rows.map { row in
        row.map { cell in
            if TerminalText.visual { return VisualOrder.visualLine(cell) }
            return cell.unicodeScalars.contains(where: isRightToLeft) ? cell + "\u{200E}" : cell
        }
    }
    var widths = [Int](repeating: 0, count: cells.map(\.count).max() ?? 0)
    for r in cells { for (i, c) in r.enumerated() { widths[i] = max(widths[i], displayWidth(c)) } }
    for r in cells {
        var line = ""
        for (i, c) in r.enumerated() {
            line += c
            if i < r.count - 1 { line += String(repeating: " ", count: widths[i] - displayWidth(c) + 2) }
        }
        print(line)
    }
}

/// How Arabic reaches the terminal: logical order (the terminal's bidi does the rest) unless
/// `ACTORGRAPH_BIDI=visual` asks actorgraph to shape and reorder it.
enum TerminalText {
    static let visual = ProcessInfo.processInfo.environment["ACTORGRAPH_BIDI"]?.lowercased() == "visual"

    /// A line of running text for the terminal.
    static func line(_ s: String) -> String { visual ? VisualOrder.visualLine(s) : s }
}

/// Prints rows as CSV (RFC 4180: comma-separated, quoted when needed, CRLF line ends).
func printCSV(_ rows: [[String]]) {
    var out = ""
    for row in rows {
        out += row.map { cell in
            cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",") + "\r\n"
    }
    FileHandle.standardOutput.write(Data(out.utf8))
}

/// What `allies` and `adversaries` share: the actor, the store, the output format and the filters.
struct NeighbourOptions: ParsableArguments {
    @Argument(help: "Any name of the actor (Arabic or English) or its id.") var actor: String
    @OptionGroup var store: StoreOptions
    @Option(help: ArgumentHelp("table (aligned, the default), json or csv.",
                               discussion: "On a terminal that does not shape Arabic (xterm …), set ACTORGRAPH_BIDI=visual."))
    var format: OutputFormat = .table
    @Option(help: "Leave out edges whose confidence is below this (0–1).") var minConfidence: Double = 0
    @Option(help: ArgumentHelp("Count only evidence dated on or after this day.", valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: ArgumentHelp("Count only evidence dated on or before this day.", valueName: "YYYY-MM-DD")) var until: String?
    @Flag(help: ArgumentHelp("Also list what structural balance suggests, marked as inferred with the paths behind it.",
                             discussion: "Likely adversaries: allies of adversaries and adversaries of allies. Likely allies: adversaries of adversaries and allies of allies. Never mixed with observed edges: a separate section (table), \"inferred\": true (json), the inferred column (csv)."))
    var inferred = false

    func validate() throws {
        for (name, day) in [("--since", since), ("--until", until)] {
            if let day, !isDay(day) { throw ValidationError("\(name) wants a day as YYYY-MM-DD, not '\(day)'") }
        }
    }

    var query: NeighbourQuery {
        NeighbourQuery(actor: actor, storePath: store.storePath, ontology: store.ontology, format: format,
                       minConfidence: minConfidence, since: since, until: until, inferred: inferred)
    }
}

struct Allies: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allies",
        abstract: "List an actor's allies, strongest first, with the evidence count.",
        discussion: "Examples: actorgraph allies \"قوات سوريا الديمقراطية\"  ·  actorgraph allies SDF --format csv --since 2017-01-01  ·  actorgraph allies قسد --inferred")
    @OptionGroup var options: NeighbourOptions
    func run() throws { try printNeighbours(relation: .alliedWith, options.query) }
}

struct Adversaries: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adversaries",
        abstract: "List the actors an actor attacked or was attacked by, strongest first.",
        discussion: "Examples: actorgraph adversaries داعش  ·  actorgraph adversaries ISIS --format json  ·  actorgraph adversaries ISIS --inferred")
    @OptionGroup var options: NeighbourOptions
    func run() throws { try printNeighbours(relation: .attacked, options.query) }
}

struct Actors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actors",
        abstract: "List the actors found in the store with their mention counts.",
        discussion: """
        Known actors carry their canonical id. With --new, only the groups the ontology lacks that the
        text named with a head word (لواء …، كتائب …، حركة "…"): their ids start with new_, and each
        comes with the forms seen, the documents and example sentences, so it can be added to
        Ontology/actors.tsv and aliases.tsv. Places are left out unless --places is given.
        """)
    @OptionGroup var options: StoreOptions
    @Option(help: "table (aligned, the default), json or csv.") var format: OutputFormat = .table
    @Flag(help: "Also list places.") var places = false
    @Flag(name: .customLong("new"), help: "Only actors found in text that the ontology lacks.") var onlyNew = false

    func run() throws {
        let store = try openStore(options.storePath, readOnly: true)
        var rows = try store.actors().filter { places || $0.kind != .location }
        if onlyNew { rows = rows.filter { $0.id.rawValue.hasPrefix("new_") } }
        switch format {
        case .json:
            var arr: [JSON] = []
            for a in rows {
                var o: [String: JSON] = ["id": .string(a.id.rawValue), "label": .string(a.label), "label_en": .string(a.labelEn),
                                         "kind": .string(a.kind.rawValue), "mentions": .int(a.mentions), "aliases": .strings(a.aliases)]
                if onlyNew {
                    o["documents"] = .strings(try store.documents(mentioning: a.id))
                    o["examples"] = .array(try store.exampleSentences(of: a.id).map { ["document": .string($0.document), "sentence": .string($0.sentence)] })
                }
                arr.append(.object(o))
            }
            print(JSONText.encode(.array(arr)))
        case .csv:
            var t = [["id", "label", "label_en", "kind", "mentions", "aliases"] + (onlyNew ? ["documents"] : [])]
            for a in rows {
                t.append([a.id.rawValue, a.label, a.labelEn, a.kind.rawValue, String(a.mentions), a.aliases.joined(separator: "|")]
                         + (onlyNew ? [try store.documents(mentioning: a.id).joined(separator: " ")] : []))
            }
            printCSV(t)
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
        commandName: "explain",
        abstract: "Show the evidence sentences behind the edges between two actors.",
        discussion: "Example: actorgraph explain داعش \"قوات النظام\"")
    @Argument(help: "The first actor.") var a: String
    @Argument(help: "The second actor.") var b: String
    @OptionGroup var options: StoreOptions
    @Option(help: "table (the default), json or csv.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Only evidence dated on or after this day.", valueName: "YYYY-MM-DD")) var since: String?
    @Option(help: ArgumentHelp("Only evidence dated on or before this day.", valueName: "YYYY-MM-DD")) var until: String?
    @Option(help: ArgumentHelp("Show at most this many sentences, the most confident, in the usual order; 0 (the default) shows them all.",
                               discussion: "Two actors of a large archive can share a hundred thousand sentences: --limit 20 shows the strongest twenty and says how many were left out."))
    var limit = 0

    func validate() throws {
        for (name, day) in [("--since", since), ("--until", until)] {
            if let day, !isDay(day) { throw ValidationError("\(name) wants a day as YYYY-MM-DD, not '\(day)'") }
        }
        guard limit >= 0 else { throw ValidationError("--limit must be 0 (every sentence) or more") }
    }

    func run() throws {
        let store = try openStore(options.storePath, readOnly: true)
        let x = try resolveActor(a, ontologyFolder: options.ontology, store: store)
        let y = try resolveActor(b, ontologyFolder: options.ontology, store: store)
        var rows = try store.evidence(between: x, and: y).filter { r in
            (since == nil && until == nil) || (r.date.map { d in since.map { d >= $0 } ?? true && until.map { d <= $0 } ?? true } ?? false)
        }
        if limit > 0, rows.count > limit {
            // The most confident (among equals, the earlier), shown in the order they came.
            let kept = rows.indices.sorted { rows[$0].confidence != rows[$1].confidence ? rows[$0].confidence > rows[$1].confidence : $0 < $1 }
                .prefix(limit).sorted()
            warn("actorgraph: showing the \(limit) most confident of \(rows.count) sentences; --limit 0 shows them all")
            rows = kept.map { rows[$0] }
        }
        switch format {
        case .json:
            let arr: [JSON] = rows.map { ["source": .string($0.source.rawValue), "relation": .string($0.relation.rawValue),
                                          "target": .string($0.target.rawValue), "document": .string($0.document), "date": .string($0.date ?? ""),
                                          "sentence": .string($0.sentence), "trigger": .string($0.trigger), "frame": .string($0.frame),
                                          "confidence": .double($0.confidence), "hedged": .bool($0.hedged)] }
            print(JSONText.encode(.array(arr)))
        case .csv:
            var t = [["source", "relation", "target", "document", "date", "sentence", "trigger", "frame", "confidence", "hedged"]]
            for r in rows {
                t.append([r.source.rawValue, r.relation.rawValue, r.target.rawValue, r.document, r.date ?? "",
                          r.sentence.trimmingCharacters(in: .whitespacesAndNewlines), r.trigger, r.frame,
                          String(format: "%.4f", r.confidence), r.hedged ? "true" : "false"])
            }
            printCSV(t)
        case .table:
            if rows.isEmpty { print("No evidence links \(x) and \(y)."); return }
            for r in rows {
                print(TerminalText.line("\(r.source) \(r.relation.rawValue) \(r.target)  [\(r.document)\(r.date.map { ", " + $0 } ?? "")]  trigger «\(r.trigger)» (\(r.frame), confidence \(String(format: "%.2f", r.confidence))\(r.hedged ? ", hedged" : ""))"))
                print("    " + TerminalText.line(r.sentence.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
    }
}
