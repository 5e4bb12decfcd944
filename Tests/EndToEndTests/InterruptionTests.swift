import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Starts a command without waiting for it; output is discarded.
func start(_ exe: String, _ args: [String]) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
}

/// The whole graph of a store as GraphML text, for comparing stores.
func exported(_ exe: String, _ store: String) throws -> String {
    try run(exe, ["export", "--store", store, "--output", "-"]).out
}


@Suite("Interruption and concurrency: nothing lost, nothing corrupt", .serialized)
struct InterruptionTests {
    @Test("SIGKILL at random points leaves a store that passes check; the same build then completes it")
    func killLoop() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clean = dir.appendingPathComponent("clean.sqlite").path
        let killed = dir.appendingPathComponent("killed.sqlite").path
        let began = Date()
        try run(exe, ["build", sampleCorpus.path, "--store", clean, "--quiet"])
        // Kills come while a build runs: within the time a whole build took (a release binary builds
        // the sample corpus in a few tenths of a second, a debug one in seconds).
        let took = Date().timeIntervalSince(began)
        let latest = UInt32(min(max(took * 0.9, 0.05), 6) * 1_000_000)
        let reference = try exported(exe, clean)
        // Kill builds of the same corpus, one document per transaction, after random delays.
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<8 {
            let p = try start(exe, ["build", sampleCorpus.path, "--store", killed, "--quiet", "--batch-size", "1"])
            usleep(UInt32.random(in: (latest / 20)...latest, using: &generator))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); kills += 1 }
            p.waitUntilExit()
            // A kill that came before the store was created leaves none (a new store appears whole
            // or not at all); there is nothing to check then.
            if FileManager.default.fileExists(atPath: killed) { try run(exe, ["check", "--store", killed]) }
        }
        #expect(kills > 0, "no build was still running when its kill came")
        try run(exe, ["build", sampleCorpus.path, "--store", killed, "--quiet"])
        try run(exe, ["check", "--store", killed])
        #expect(try exported(exe, killed) == reference, "the graph after the kills differs from a clean build's")
    }

    @Test("two builds into one store at once both finish, lose nothing, and queries answer meanwhile")
    func concurrentBuilds() throws {
        let exe = try binary()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Two halves that overlap in one document, from the sample corpus.
        let files = try FileManager.default.contentsOfDirectory(atPath: sampleCorpus.path).filter { $0.hasSuffix(".txt") }.sorted()
        let half = files.count / 2
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        for (folder, names) in [(a, files[...half]), (b, files[half...])] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for name in names {
                try FileManager.default.copyItem(at: sampleCorpus.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
        }
        let sequential = dir.appendingPathComponent("seq.sqlite").path
        try run(exe, ["build", a.path, b.path, "--store", sequential, "--quiet"])
        let shared = dir.appendingPathComponent("shared.sqlite").path
        let first = try start(exe, ["build", a.path, "--store", shared, "--quiet", "--batch-size", "1"])
        let second = try start(exe, ["build", b.path, "--store", shared, "--quiet", "--batch-size", "1"])
        var queries = 0
        while first.isRunning || second.isRunning {
            let r = try run(exe, ["adversaries", "ISIS", "--store", shared, "--format", "json"], expect: nil)
            // Before the first commit the store may not exist yet (exit 1); never a lock error or a crash.
            #expect(r.status == 0 || (r.status == 1 && r.err.contains("does not exist")), "\(r.err)")
            queries += 1
        }
        first.waitUntilExit(); second.waitUntilExit()
        #expect(first.terminationStatus == 0 && second.terminationStatus == 0)
        #expect(queries > 0)
        try run(exe, ["check", "--store", shared])
        #expect(try exported(exe, shared) == exported(exe, sequential))
    }
}
