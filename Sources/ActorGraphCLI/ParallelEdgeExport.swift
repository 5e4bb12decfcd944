import ActorGraphModel
import Foundation
import GraphML
import GraphStore

/// Writes every edge of a SQLite store to a GraphML writer, formatted on several threads.
///
/// The edges are split into ranges of consecutive edges (`SQLiteStore.edgeRanges`). Each
/// worker thread opens its own read-only connection, takes the next range as soon as it is found,
/// folds and formats its edges into a `GraphMLChunk`, and hands it back; the calling thread appends the chunks to the
/// writer in range order, so the bytes are those of the sequential export. At most `window`
/// chunks are formatted ahead of the one being written, which bounds the memory.
struct ParallelEdgeExport {
    /// The store file.
    var storePath: String
    /// Worker threads (one per core by default).
    var workers = max(ProcessInfo.processInfo.activeProcessorCount, 1)
    /// About how many evidence rows one chunk holds: some 3 MB of GraphML in a store built from
    /// documents, so the window of chunks stays a few tens of MB and the ranges many.
    var evidencePerChunk = 16_384

    /// Writes every edge, in (source, relation, target) order, as `writer.write(edge:)` would,
    /// after `first` (which writes the nodes).
    ///
    /// The ranges are found on a thread of their own (`SQLiteStore.edgeRanges`) and the workers
    /// format each as it comes, while `first` runs: the edges' first chunks are ready when the
    /// nodes are written. (With every range found before the first was formatted, a store of a
    /// million edges left both cores idle for the first 0.4 s of a 3.5 s export.)
    ///
    /// - Throws: the first error in order (`first`'s, a store or a write error); the threads stop then.
    func run(into writer: GraphMLWriter, after first: () throws -> Void) throws {
        let queue = ChunkQueue(window: 2 * workers + 1)
        let storePath = storePath, perRange = evidencePerChunk
        queue.workerStarted()
        let finder = Thread {
            defer { queue.workerDone() }
            queue.endRanges(Result {
                try SQLiteStore.partReader(path: storePath).edgeRanges(evidencePerRange: perRange) { range in
                    guard queue.add(range) else { throw CancellationError() }
                }
            })
        }
        finder.stackSize = 1 << 20
        finder.start()
        try write(queue: queue, workers: workers, into: writer, after: first)
    }

    /// Writes the edges of `ranges`, as `run(into:after:)` does with the ranges it finds.
    func run(ranges: [EdgeRange], into writer: GraphMLWriter) throws {
        guard !ranges.isEmpty else { return }
        let count = min(workers, ranges.count)
        try write(queue: ChunkQueue(ranges: ranges, window: 2 * count + 1), workers: count, into: writer, after: {})
    }

    /// Starts `workers` threads on the queue's ranges, runs `first`, then appends the chunks in order.
    private func write(queue: ChunkQueue, workers: Int, into writer: GraphMLWriter, after first: () throws -> Void) throws {
        let destination = writer.path
        let storePath = storePath
        for _ in 0..<max(workers, 1) {
            let thread = Thread { Self.work(queue: queue, storePath: storePath, destination: destination) }
            thread.stackSize = 1 << 20
            queue.workerStarted()
            thread.start()
        }
        defer { queue.cancelAndWait() }
        try first()
        var index = 0
        while let result = queue.take(index) {
            let chunk = try result.get()
            try writer.append(chunk)
            queue.recycle(chunk)
            index += 1
        }
    }

    /// One worker: formats ranges until none is left or the export stops.
    private static func work(queue: ChunkQueue, storePath: String, destination: String) {
        defer { queue.workerDone() }
        let store: SQLiteStore
        do {
            store = try SQLiteStore.partReader(path: storePath)
        } catch {
            while let (index, _) = queue.next() { queue.put(index, .failure(error)) }
            return
        }
        while let (index, range) = queue.next() {
            var chunk = queue.spareChunk() ?? GraphMLChunk(path: destination)
            let result = Result<GraphMLChunk, any Error>(catching: {
                try store.forEachEdgeBytes(range: range) { try chunk.append(edge: $0) }
                return chunk
            })
            queue.put(index, result)
        }
    }
}
