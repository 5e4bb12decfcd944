import ActorGraphModel
import Foundation
import Ontology

/// Where the project's folders are: the ontology and the default store.
enum ProjectPaths {
    /// The project root: the nearest folder above the executable (or the working directory) that
    /// holds `Ontology/actors.tsv`.
    static func root() -> String? {
        var starts: [URL] = []
        if let exe = Bundle.main.executableURL?.resolvingSymlinksInPath() { starts.append(exe.deletingLastPathComponent()) }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        starts.append(arg0.deletingLastPathComponent())
        starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Ontology/actors.tsv").path) { return dir.path }
                let up = dir.deletingLastPathComponent()
                if up.path == dir.path { break }
                dir = up
            }
        }
        return nil
    }

    static func ontology(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["ACTORGRAPH_ONTOLOGY"], !env.isEmpty { return env }
        guard let root = root() else {
            throw InputError("cannot find the Ontology/ folder next to the executable or in the working directory; pass --ontology DIR or set ACTORGRAPH_ONTOLOGY")
        }
        return root + "/Ontology"
    }

    static func store(_ explicit: String?) -> String {
        if let explicit { return explicit }
        if let env = ProcessInfo.processInfo.environment["ACTORGRAPH_STORE"], !env.isEmpty { return env }
        let base = root() ?? FileManager.default.currentDirectoryPath
        return base + "/Graphs/actorgraph.sqlite"
    }
}

/// The ontology, loaded once per process.
enum OntologyCache {
    nonisolated(unsafe) static var loaded: [String: Ontology] = [:]
    /// The ontology of `dir`; `namesOnly` (for resolving a typed name) skips the relation patterns,
    /// cues and word classes, which only extraction reads.
    static func load(_ dir: String, namesOnly: Bool = false) throws -> Ontology {
        if let o = loaded[dir] { return o }
        if namesOnly { return try Ontology.load(directory: dir, namesOnly: true) }
        let o = try Ontology.load(directory: dir)
        loaded[dir] = o
        return o
    }
}

/// Standard error output.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
nonisolated(unsafe) var stderrStream = StandardError()

func warn(_ s: String) { print(s, to: &stderrStream) }
