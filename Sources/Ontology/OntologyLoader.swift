import ActorGraphModel
import ArabicText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Ontology {
    /// The files an ontology folder holds.
    public static let fileNames = ["actors.tsv", "aliases.tsv", "places.tsv", "anaphors.tsv", "patterns.tsv", "cues.tsv", "wordclasses.tsv"]

    /// Loads every file of an ontology folder. Any error names the file and line; nothing is half-loaded
    /// (the value is only returned when every file loaded).
    ///
    /// `namesOnly` loads what resolving a name needs (actors, aliases, places, anaphors) and skips
    /// the relation patterns, cues and word classes: a query starts in half the time.
    public static func load(directory: String, namesOnly: Bool = false) throws -> Ontology {
        let o = Ontology()
        func path(_ f: String) -> String { directory.utf8HasSuffix("/") ? directory + f : directory + "/" + f }
        try o.loadActors(try TSVFile(path: path("actors.tsv"), columns: ["id", "kind", "name_ar", "name_en"]))
        try o.loadAliases(try TSVFile(path: path("aliases.tsv"), columns: ["id", "alias", "type"]))
        try o.loadPlaces(try TSVFile(path: path("places.tsv"), columns: ["id", "name_ar", "name_en", "type", "country", "parent", "variants"]))
        try o.loadAnaphors(try TSVFile(path: path("anaphors.tsv"), columns: ["word", "candidates", "fallback"]))
        if namesOnly { o.addBareNames(); o.makeVocabularies(); return o }
        try o.loadPatterns(try TSVFile(path: path("patterns.tsv"), columns: ["relation", "frame", "inflect", "forms", "strength", "default_patient"]))
        try o.loadCues(try TSVFile(path: path("cues.tsv"), columns: ["type", "forms"]))
        try o.loadWordClasses(try TSVFile(path: path("wordclasses.tsv"), columns: ["class", "forms"]))
        o.addBareNames()
        o.indexEncliticTriggers()
        o.indexFirstWords()
        o.makeVocabularies()
        return o
    }

    func loadActors(_ f: TSVFile) throws {
        for row in f.rows {
            let id = row["id"], kindName = row["kind"]
            guard id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), !id.isEmpty else {
                throw f.error(row, "id '\(id)' must be ASCII letters, digits and _")
            }
            guard let kind = NodeKind(rawValue: kindName), kind != .location else {
                throw f.error(row, "unknown kind '\(kindName)' (use one of: \(NodeKind.allCases.filter { $0 != .location }.map(\.rawValue).joined(separator: ", ")))")
            }
            let nid = NodeID(id)
            if nodes[nid] != nil { throw f.error(row, "actor '\(id)' is defined twice") }
            nodes[nid] = Node(id: nid, kind: kind, nameAr: row["name_ar"], nameEn: row["name_en"])
            counts.actors += 1
            try addName(row["name_ar"], .actor(nid, .name), f, row)
            names.append((ArabicNormalizer.normalize(row["name_en"]), nid))
            names.append((id.lowercased(), nid))
        }
    }

    func loadAliases(_ f: TSVFile) throws {
        for row in f.rows {
            let nid = NodeID(row["id"])
            guard nodes[nid] != nil else { throw f.error(row, "unknown actor id '\(row["id"])' (define it in actors.tsv first)") }
            guard let type = AliasType(rawValue: row["type"]) else {
                throw f.error(row, "unknown alias type '\(row["type"])' (use one of: \(AliasType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            try addName(row["alias"], .actor(nid, type), f, row)
            counts.aliases += 1
        }
    }

    func loadPlaces(_ f: TSVFile) throws {
        for row in f.rows {
            let id = row["id"]
            guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }), !id.isEmpty else {
                throw f.error(row, "place id '\(id)' must be lowercase ASCII letters, digits and _")
            }
            let nid = NodeID(id)
            if nodes[nid] != nil { throw f.error(row, "id '\(id)' is defined twice") }
            nodes[nid] = Node(id: nid, kind: .location, nameAr: row["name_ar"], nameEn: row["name_en"])
            placeTypes[nid] = row["type"]
            counts.places += 1
            var all = [row["name_ar"]]
            let variants = row["variants"]
            if variants != "-" && !variants.isEmpty { all += variants.split(separator: "|").map { String($0).trimmed } }
            for name in all where !name.isEmpty {
                try addName(name, .place(nid), f, row)
                counts.placeNames += 1
                // بلدة الهول، قضاء القائم: the press often writes the name without its head word.
                let key = Ontology.key(name)
                if key.count >= 2, Ontology.placeHeadWords.contains(key[0]) { bareNames.append((Array(key.dropFirst()), nid)) }
            }
            names.append((ArabicNormalizer.normalize(row["name_en"]), nid))
        }
    }

    func loadWordClasses(_ f: TSVFile) throws {
        var seen = Set<String>()
        for row in f.rows {
            var forms = Set<String>()
            for form in row["forms"].split(separator: "|") {
                let key = Ontology.key(String(form))
                guard key.count == 1 else { throw f.error(row, "'\(form)' is not one word (a word class holds single words)") }
                forms.insert(key[0])
            }
            guard wordClasses.add(forms, to: row["class"]) else {
                throw f.error(row, "unknown word class '\(row["class"])' (use one of: \(WordClasses.names.joined(separator: ", ")))")
            }
            seen.insert(row["class"])
        }
        let missing = WordClasses.names.filter { !seen.contains($0) }
        if !missing.isEmpty { throw InputError("the word classes \(missing.joined(separator: ", ")) are missing", file: f.path) }
    }

    /// Head words a gazetteer name may carry (normalized).
    static let placeHeadWords: Set<String> = ["محافظه", "مدينه", "بلده", "قريه", "حي", "ناحيه", "قضاء", "منطقه", "مخيم"]

    /// Indexes the names without their head word, unless the bare form is already a name, a trigger
    /// or a cue word (بلدة عدوان stays whole: عدوان is an attack noun).
    func addBareNames() {
        for (key, nid) in bareNames {
            guard lexicon.lookup(key).isEmpty, triggers.lookup(key).isEmpty, key.count > 1 || cues[key[0]] == nil else { continue }
            lexicon.insert(key, .place(nid))
            names.append((key.joined(separator: " "), nid))
        }
        bareNames = []
    }

    /// Adds a name to the lexicon, refusing an alias given to two actors.
    func addName(_ name: String, _ entry: LexiconEntry, _ f: TSVFile, _ row: TSVRow) throws {
        let key = Ontology.key(name)
        guard !key.isEmpty else { throw f.error(row, "empty name") }
        let existing = lexicon.lookup(key)
        for e in existing {
            switch (e, entry) {
            case (.actor(let a, _), .actor(let b, _)) where a != b:
                throw f.error(row, "alias '\(name)' is already given to \(a.rawValue); an alias may name one actor only")
            case (.actor(let a, _), .actor(let b, _)) where a == b:
                return      // same actor, same normalized form: harmless repeat
            case (.place(let a), .place(let b)) where a == b:
                return
            case (.place, .place):
                return      // two places spelled alike: the first one listed wins
            default:
                continue    // a capital that is also a metonym, or a place named like an actor
            }
        }
        lexicon.insert(key, entry)
        if case .actor(let id, _) = entry { names.append((key.joined(separator: " "), id)) }
        else if case .place(let id) = entry { names.append((key.joined(separator: " "), id)) }
    }

    func loadAnaphors(_ f: TSVFile) throws {
        for row in f.rows {
            let word = ArabicNormalizer.normalize(row["word"])
            var cands: [NodeID] = []
            for c in row["candidates"].split(separator: "|") {
                let id = NodeID(String(c).trimmed)
                guard nodes[id] != nil else { throw f.error(row, "unknown actor id '\(id)' in candidates") }
                cands.append(id)
            }
            var fallback: NodeID? = nil
            var byCountry: [(prefix: String, node: NodeID)] = []
            if row["fallback"].contains("@") {
                // SYRIAN_GOVERNMENT@sy|IRAQI_FORCES@iq: by the country of the places named so far.
                for part in row["fallback"].split(separator: "|") {
                    let pieces = part.split(separator: "@").map(String.init)
                    guard pieces.count == 2 else { throw f.error(row, "fallback '\(part)' must be ID@place-prefix") }
                    let id = NodeID(pieces[0])
                    guard nodes[id] != nil else { throw f.error(row, "unknown actor id '\(id)' as fallback") }
                    byCountry.append((pieces[1] + "_", id))
                }
            } else if row["fallback"] != "-" {
                let id = NodeID(row["fallback"])
                guard nodes[id] != nil else { throw f.error(row, "unknown actor id '\(id)' as fallback") }
                fallback = id
            }
            anaphors[word] = Anaphor(candidates: cands, fallback: fallback, countryFallbacks: byCountry)
            counts.anaphors += 1
        }
    }

    func loadPatterns(_ f: TSVFile) throws {
        for row in f.rows {
            guard let rel = RelationType(rawValue: row["relation"]) else {
                throw f.error(row, "unknown relation '\(row["relation"])' (attacked, allied-with, controls)")
            }
            guard let frame = Frame(rawValue: row["frame"]) else {
                throw f.error(row, "unknown frame '\(row["frame"])' (use one of: \(Frame.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let strength = Double(row["strength"]), strength > 0, strength <= 1 else {
                throw f.error(row, "strength '\(row["strength"])' must be a number in (0, 1]")
            }
            var patient: NodeID? = nil
            if row["default_patient"] != "-" {
                patient = NodeID(row["default_patient"])
                guard nodes[patient!] != nil else { throw f.error(row, "unknown actor id '\(row["default_patient"])'") }
            }
            let inflect = row["inflect"]
            guard ["verb", "noun", "none"].contains(inflect) else { throw f.error(row, "inflect must be verb, noun or none") }
            counts.triggers += 1
            for form in row["forms"].split(separator: "|") {
                var key = Ontology.key(String(form))
                guard !key.isEmpty else { continue }
                key[0] = Clitics.withoutArticle(key[0])
                let lemma = key.joined(separator: " ")
                let firsts: [String]
                switch inflect {
                case "verb": firsts = Inflection.verbForms(key[0])
                case "noun": firsts = Inflection.nounForms(key[0])
                default: firsts = [key[0]]
                }
                for first in firsts {
                    var k = key; k[0] = first
                    if triggers.lookup(k).contains(where: { $0.relation == rel && $0.frame == frame }) { continue }
                    triggers.insert(k, Trigger(relation: rel, frame: frame, lemma: lemma, strength: strength, defaultPatient: patient))
                    counts.triggerForms += 1
                }
            }
        }
    }

    func loadCues(_ f: TSVFile) throws {
        for row in f.rows {
            guard let type = CueType(rawValue: row["type"]) else {
                throw f.error(row, "unknown cue type '\(row["type"])' (use one of: \(CueType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            for form in row["forms"].split(separator: "|") {
                let key = Ontology.key(String(form))
                if key.count == 1 { cues[key[0], default: []].append(type) } else if key.count > 1 { cuePhrases.insert(key, type) }
                counts.cues += 1
            }
        }
    }
}

/// Regular inflection of trigger verbs and nouns, enough for news prose.
public enum Inflection {
    /// Past and imperfect forms of a verb given in its past 3rd person masculine singular.
    public static func verbForms(_ past: String) -> [String] {
        var out: Set<String> = []
        for s in ["", "ت", "وا", "ا", "تا", "ن"] { out.insert(past + s) }
        var stem = past
        if stem.utf8HasPrefix("ا") { stem = String(stem.unicodeScalars.dropFirst()) }
        for p in ["ي", "ت", "ن"] {
            for s in ["", "ون", "ان", "ن", "ين"] { out.insert(p + stem + s) }
        }
        return out.sorted()
    }

    /// A noun and its indefinite accusative (هجوما).
    public static func nounForms(_ noun: String) -> [String] {
        var out = [noun]
        if !noun.utf8HasSuffix("ا") && !noun.utf8HasSuffix("ه") { out.append(noun + "ا") }
        return out
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

/// One data row of a TSV file, with its line number.
struct TSVRow {
    var line: Int
    var fields: [String: String]
    subscript(_ c: String) -> String { fields[c] ?? "" }
}

/// A TSV data file: header line, `#` comments, tab-separated fields, errors with file:line.
struct TSVFile {
    var path: String
    var rows: [TSVRow] = []

    init(path: String, columns: [String]) throws {
        self.path = path
        guard let data = readWholeFile(path) else {
            throw InputError("cannot read the ontology file (missing or unreadable)", file: path)
        }
        guard String(validating: data, as: UTF8.self) != nil else {
            throw InputError("not valid UTF-8", file: path)
        }
        var header: [String]? = nil
        var lineNo = 0
        // Lines and fields are cut on bytes (a line ends at LF, a CR before it dropped; fields at
        // TAB): read as `Character`s, a CRLF file was one line (CR LF is one `Character`, not "\n")
        // and the ontology's 150 KB took 150M instructions to split, a tenth of a small build.
        for rawLine in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNo += 1
            var line = rawLine
            if line.last == 0x0D { line.removeLast() }
            if Self.trimmed(line).isEmpty || line.first == UInt8(ascii: "#") { continue }
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false).map {
                String(decoding: Self.trimmed($0), as: UTF8.self)
            }
            guard let h = header else {
                for c in columns where !fields.contains(c) {
                    throw InputError("the header line lacks the column '\(c)' (expected: \(columns.joined(separator: " TAB ")))", file: path, line: lineNo)
                }
                header = fields
                continue
            }
            if fields.count > h.count {
                throw InputError("\(fields.count) fields, but the header has \(h.count) (a stray tab?)", file: path, line: lineNo)
            }
            var dict: [String: String] = [:]
            for (i, name) in h.enumerated() { dict[name] = i < fields.count ? fields[i] : "" }
            for c in columns where (dict[c] ?? "").isEmpty && !["default_patient", "variants", "fallback", "parent"].contains(c) {
                throw InputError("the field '\(c)' is empty", file: path, line: lineNo)
            }
            for c in ["default_patient", "variants", "fallback", "parent"] where dict[c]?.isEmpty ?? false { dict[c] = "-" }
            rows.append(TSVRow(line: lineNo, fields: dict))
        }
        if header == nil { throw InputError("the file is empty (it needs a header line)", file: path) }
    }

    /// The bytes without leading and trailing spaces, tabs and CRs.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        var s = bytes
        while let f = s.first, isSpace(f) { s.removeFirst() }
        while let l = s.last, isSpace(l) { s.removeLast() }
        return s
    }

    func error(_ row: TSVRow, _ message: String) -> InputError {
        InputError(message, file: path, line: row.line)
    }
}

/// Reads a whole (small) file as bytes.
func readWholeFile(_ path: String) -> [UInt8]? {
    guard let fp = fopen(path, "rb") else { return nil }
    defer { fclose(fp) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&buf, 1, buf.count, fp)
        if n > 0 { out.append(contentsOf: buf[0..<n]) }
        if n < buf.count { break }
    }
    if ferror(fp) != 0 { return nil }
    return out
}
