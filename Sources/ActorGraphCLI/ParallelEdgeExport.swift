import ActorGraphModel
import Foundation
import GraphML
import GraphStore

/// Writes every edge of a SQLite store to a GraphML writer, formatted on several threads.
///
/// The edges are split into ranges of consecutive edges (`SQLiteStore.edgeRanges`). Each
/// worker thread opens its own read-only connection, takes the next range, folds and formats its
/// edges into a `GraphMLChunk`, and hands it back; the calling thread appends the chunks to the
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

    /// Writes every edge, in (source, relation, target) order, as `writer.write(edge:)` would.
    ///
    /// - Throws: the first error in range order (a store or a write error); the workers stop then.
    func run(ranges: [EdgeRange], into writer: GraphMLWriter) throws {
        guard !ranges.isEmpty else { return }
        let count = min(workers, ranges.count)
        let queue = ChunkQueue(ranges: ranges, window: 2 * count + 1)
        let destination = writer.path
        let storePath = storePath
        for _ in 0..<count {
            let thread = Thread { Self.work(queue: queue, storePath: storePath, destination: destination) }
            thread.stackSize = 1 << 20
            queue.workerStarted()
            thread.start()
        }
        defer { queue.cancelAndWait() }
        for index in ranges.indices {
            let chunk = try queue.take(index).get()
            try writer.append(chunk)
            queue.recycle(chunk)
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

/// A value worked out on a thread of its own, started at once; `value()` waits for it.
final class Background<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    init(_ work: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            result = Result(catching: work)
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The value, or the error the work threw; waits until it is there. Call it once.
    func value() throws -> T {
        done.wait()
        return try result!.get()
    }
}
