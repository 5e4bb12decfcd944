import Foundation
import ActorGraphModel
import Ontology

/// The package root: this file is Tests/OntologyTests/Support.swift.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let ontologyDirectory = packageRoot.appendingPathComponent("Ontology").path
let canonicalIDsPath = packageRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/ontology/canonical-ids.tsv").path
let hasSharedFolder = FileManager.default.fileExists(atPath: canonicalIDsPath)

/// The real ontology, loaded once for the whole target.
let realOntology: Result<Ontology, any Error> = Result { try Ontology.load(directory: ontologyDirectory) }

/// A throw-away copy of the real ontology folder, to break one thing in.
final class OntologyCopy {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("actorgraph-ontology-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for f in Ontology.fileNames {
            try FileManager.default.copyItem(atPath: ontologyDirectory + "/" + f, toPath: path + "/" + f)
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func read(_ file: String) throws -> String {
        try String(contentsOfFile: path + "/" + file, encoding: .utf8)
    }

    func write(_ file: String, _ text: String) throws {
        try text.write(toFile: path + "/" + file, atomically: true, encoding: .utf8)
    }

    /// Appends one row (fields joined by tabs) and returns its 1-based line number.
    @discardableResult
    func append(_ file: String, _ fields: [String]) throws -> Int {
        var text = try read(file)
        if !text.hasSuffix("\n") { text += "\n" }
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).count
        text += fields.joined(separator: "\t") + "\n"
        try write(file, text)
        return line
    }

    /// Replaces the header line (the first line that is neither blank nor a comment); returns its line number.
    @discardableResult
    func replaceHeader(_ file: String, with header: [String]) throws -> Int {
        var lines = try read(file).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw InputError("no header in \(file)")
        }
        lines[i] = header.joined(separator: "\t")
        try write(file, lines.joined(separator: "\n"))
        return i + 1
    }

    /// The error loading this folder throws, if it is an `InputError`.
    func loadError() -> InputError? {
        do {
            _ = try Ontology.load(directory: path)
            return nil
        } catch let e as InputError {
            return e
        } catch {
            return nil
        }
    }
}
