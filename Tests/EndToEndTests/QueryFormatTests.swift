import Foundation
import Testing

@Suite("allies / adversaries / actors / explain: table, json, csv, dates, inferred", .serialized)
struct QueryFormatTests {
    /// `allies ACTOR --store S [--format F]` is read without ArgumentParser; adding an option only
    /// ArgumentParser reads (`--min-confidence 0`, which changes nothing) takes the other way. Both
    /// must print the same, and fail the same.
    @Test("the quick reading of a common query answers as ArgumentParser's does")
    func quickQueryAnswersAlike() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        try run(exe, ["build", sampleCorpus.path, "--store", store, "--quiet"])
        for command in ["allies", "adversaries"] {
            for actor in ["ISIS", "داعش", "وقوات سوريا الديمقراطية", "SDF"] {
                for format in [[], ["--format", "json"], ["--format=csv"], ["--format", "table"]] {
                    let quick = try run(exe, [command, actor, "--store", store] + format)
                    let parsed = try run(exe, [command, "--min-confidence", "0", actor, "--store=\(store)"] + format)
                    #expect(quick.out == parsed.out && !quick.out.isEmpty, "\(command) \(actor) \(format)")
                }
            }
            let quick = try run(exe, [command, "قصد", "--store", store], expect: 1)
            let parsed = try run(exe, [command, "قصد", "--store", store, "--min-confidence", "0"], expect: 1)
            #expect(quick.err == parsed.err && quick.err.contains("Closest known names"))
            let missing = dir.appendingPathComponent("none.sqlite").path
            #expect(try run(exe, [command, "ISIS", "--store", missing], expect: 1).err
                    == run(exe, [command, "ISIS", "--store", missing, "--min-confidence", "0"], expect: 1).err)
            // Shapes the quick reading leaves to ArgumentParser: its errors, exit 2.
            try run(exe, [command, "ISIS", "SDF", "--store", store], expect: 2)
            try run(exe, [command, "ISIS", "--format", "xml", "--store", store], expect: 2)
            try run(exe, [command, "ISIS", "--store"], expect: 2)
        }
    }

    @Test("every query speaks table, json and csv; --inferred is marked and kept apart; --since/--until filter")
    func formats() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("s.sqlite").path
        try run(exe, ["build", sampleCorpus.path, "--store", store, "--quiet"])

        // CSV: a header, one line per JSON object, quoted where needed.
        let json = try run(exe, ["adversaries", "ISIS", "--store", store, "--format", "json"]).out
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let csv = try run(exe, ["adversaries", "ISIS", "--store", store, "--format", "csv"]).out
        let lines = csv.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.first == "id,label,label_en,kind,relation,direction,weight,confidence,documents,inferred,paths")
        #expect(lines.count == objects.count + 1)
        #expect(lines.dropFirst().map { String($0.split(separator: ",").first ?? "") } == objects.map { $0["id"] as? String ?? "" })
        for command in [["actors"], ["explain", "ISIS", "SYRIAN_GOVERNMENT"], ["allies", "SDF"]] {
            let c = try run(exe, command + ["--store", store, "--format", "csv"]).out
            #expect(c.hasSuffix("\r\n") && c.split(separator: "\r\n").count >= 1, "\(command)")
        }

        // explain --limit: the most confident sentences, in the usual order, and a line saying how many were left out.
        let every = try #require(try JSONSerialization.jsonObject(with: Data(try run(exe, ["explain", "ISIS", "SYRIAN_GOVERNMENT", "--store", store,
                                                                                           "--format", "json"]).out.utf8)) as? [[String: Any]])
        #expect(every.count >= 2)
        let limited = try run(exe, ["explain", "ISIS", "SYRIAN_GOVERNMENT", "--store", store, "--format", "json", "--limit", "1"])
        let one = try #require(try JSONSerialization.jsonObject(with: Data(limited.out.utf8)) as? [[String: Any]])
        #expect(one.count == 1)
        #expect(limited.err.contains("showing the 1 most confident of \(every.count) sentences"))
        let confidences = every.map { $0["confidence"] as? Double ?? 0 }
        let strongest = confidences.indices.sorted { confidences[$0] != confidences[$1] ? confidences[$0] > confidences[$1] : $0 < $1 }.prefix(1).sorted()
        #expect(one.map { $0["sentence"] as? String ?? "" } == strongest.map { every[$0]["sentence"] as? String ?? "" })
        #expect(try run(exe, ["explain", "ISIS", "SYRIAN_GOVERNMENT", "--store", store, "--limit", "0"]).err.isEmpty)
        try run(exe, ["explain", "ISIS", "SYRIAN_GOVERNMENT", "--store", store, "--limit", "-3"], expect: 2)

        // The table: aligned columns; Arabic cells closed by a left-to-right mark so numbers keep their column.
        let table = try run(exe, ["adversaries", "داعش", "--store", store]).out
        let rows = table.split(separator: "\n").dropFirst()
        #expect(rows.count == objects.count + 1)
        #expect(table.contains("\u{200E}"))
        // Every row's fields start in the header's columns (display width: no marks, no format characters).
        func starts(_ row: Substring) -> [Int] {
            let visible = row.unicodeScalars.filter {
                let c = $0.properties.generalCategory
                return !(c == .nonspacingMark || c == .format || $0.value == 0x0640)
            }
            var out: [Int] = [], spaces = 0
            for (col, scalar) in visible.enumerated() {
                if scalar == " " { spaces += 1; continue }
                if col == 0 || spaces >= 2 { out.append(col) }
                spaces = 0
            }
            return out
        }
        let header = try #require(rows.first)
        #expect(starts(header).count == 7)
        for row in rows.dropFirst() { #expect(starts(row) == starts(header), "misaligned: \(row)") }

        // Inferred: separate section, never in the observed list; json marks them and gives their paths.
        let inferred = try run(exe, ["adversaries", "ISIS", "--store", store, "--format", "json", "--inferred"]).out
        let all = try #require(try JSONSerialization.jsonObject(with: Data(inferred.utf8)) as? [[String: Any]])
        let observed = all.filter { $0["inferred"] as? Bool == false }
        let guessed = all.filter { $0["inferred"] as? Bool == true }
        #expect(observed.map { $0["id"] as? String } == objects.map { $0["id"] as? String })
        #expect(Set(guessed.compactMap { $0["id"] as? String }).isDisjoint(with: observed.compactMap { $0["id"] as? String }))
        for g in guessed {
            #expect(g["weight"] as? Int == 0)
            let paths = try #require(g["paths"] as? [[String: Any]])
            #expect(!paths.isEmpty && paths.allSatisfy { ($0["path"] as? String ?? "").hasPrefix("ISIS ") })
        }
        let tableInferred = try run(exe, ["adversaries", "ISIS", "--store", store, "--inferred"]).out
        #expect(tableInferred.contains("Inferred adversaries"))

        // Dates: nothing before the corpus; bad dates are usage errors.
        let old = try run(exe, ["adversaries", "ISIS", "--store", store, "--until", "1900-01-01", "--format", "json"]).out
        #expect(old.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" || old.contains("[]") || old.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n]")
        try run(exe, ["allies", "ISIS", "--store", store, "--since", "2017-13"], expect: 2)
        try run(exe, ["explain", "ISIS", "SDF", "--store", store, "--until", "x"], expect: 2)
        let unknown = try run(exe, ["adversaries", "قصد", "--store", store], expect: 1)
        #expect(unknown.err.contains("Closest known names"))
    }

    @Test("ArgumentParser's completion scripts know every subcommand", arguments: ["bash", "zsh", "fish"])
    func completion(shell: String) throws {
        let script = try run(try binary(), ["--generate-completion-script", shell]).out
        for command in ["build", "export", "import", "render", "allies", "adversaries", "actors", "explain", "check"] {
            #expect(script.contains(command), "\(shell) completion lacks \(command)")
        }
        #expect(script.contains("--inferred") || script.contains("inferred"))
    }
}
