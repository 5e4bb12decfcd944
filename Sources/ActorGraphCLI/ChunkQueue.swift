import Foundation
import GraphML
import GraphStore

/// The ranges to format, the formatted chunks waiting for the writer, and the spare chunk storage,
/// shared by the thread that finds the ranges, the workers of a `ParallelEdgeExport`, and the
/// thread that writes.
///
/// Every member is reached under `condition`'s lock.
final class ChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    /// The ranges found so far, in order.
    private var ranges: [EdgeRange]
    /// Set once no range is left to come: how the search for them ended.
    private var rangesEnded: Result<Void, any Error>?
    /// How many chunks may be handed out beyond the one the writer waits for.
    private let window: Int
    /// The next range to hand to a worker.
    private var nextRange = 0
    /// The next chunk the writer takes.
    private var nextWritten = 0
    private var done: [Int: Result<GraphMLChunk, any Error>] = [:]
    private var spares: [GraphMLChunk] = []
    private var cancelled = false
    private var runningWorkers = 0

    /// A queue of `ranges`, all known at the start.
    init(ranges: [EdgeRange], window: Int) {
        self.ranges = ranges
        self.rangesEnded = .success(())
        self.window = max(window, 1)
    }

    /// A queue whose ranges come with `add(_:)` while workers already format the first ones, until `endRanges(_:)`.
    init(window: Int) {
        self.ranges = []
        self.window = max(window, 1)
    }

    /// Adds the next range in order; false when the export stopped (the caller stops looking for more).
    func add(_ range: EdgeRange) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !cancelled else { return false }
        ranges.append(range)
        condition.broadcast()
        return true
    }

    /// Says that no range is left to come, or the error that stopped the search for them.
    func endRanges(_ result: Result<Void, any Error>) {
        condition.lock()
        if rangesEnded == nil { rangesEnded = result }
        condition.broadcast()
        condition.unlock()
    }

    /// The next range to format, once it lies within the window; nil when there is none left or the export stopped.
    func next() -> (Int, EdgeRange)? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && (nextRange >= nextWritten + window || (nextRange == ranges.count && rangesEnded == nil)) {
            condition.wait()
        }
        guard !cancelled, nextRange < ranges.count else { return nil }
        let index = nextRange
        nextRange += 1
        return (index, ranges[index])
    }

    /// Records a formatted chunk (or the error that stopped it).
    func put(_ index: Int, _ result: Result<GraphMLChunk, any Error>) {
        condition.lock()
        done[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for the chunk of range `index` and takes it: nil when the ranges ended before
    /// `index`, the search's error when it failed before finding it.
    func take(_ index: Int) -> Result<GraphMLChunk, any Error>? {
        condition.lock()
        defer { condition.unlock() }
        while done[index] == nil {
            if index >= ranges.count, let ended = rangesEnded {
                switch ended {
                case .success: return nil
                case .failure(let error): return .failure(error)
                }
            }
            condition.wait()
        }
        let result = done.removeValue(forKey: index)!
        nextWritten = index + 1
        condition.broadcast()
        return result
    }

    /// Keeps a written chunk's storage for a later range.
    func recycle(_ chunk: consuming GraphMLChunk) {
        condition.lock()
        spares.append(chunk)
        condition.unlock()
    }

    /// An emptied chunk to fill, when one is spare.
    func spareChunk() -> GraphMLChunk? {
        condition.lock()
        var chunk = spares.popLast()
        condition.unlock()
        chunk?.removeAll()
        return chunk
    }

    /// Counts a worker in, before its thread starts.
    func workerStarted() {
        condition.lock()
        runningWorkers += 1
        condition.unlock()
    }

    /// Counts a worker out, when its thread returns.
    func workerDone() {
        condition.lock()
        runningWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Stops handing out ranges and waits until every worker has returned.
    func cancelAndWait() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while runningWorkers > 0 { condition.wait() }
        done.removeAll()
        spares.removeAll()
        condition.unlock()
    }
}
