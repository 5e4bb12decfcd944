#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CGraphviz
import Foundation

/// A picture that could not be drawn: the file and Graphviz's reason.
public struct RenderError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): \(reason)" }
}

/// Lays out a DOT document and draws it through Graphviz's libgvc (the picture formats its plugins offer:
/// `svg`, `png` through cairo and pango, `pdf`, …).
///
/// The picture goes to a temporary file beside `path`, renamed into place when complete.
/// Graphviz keeps global state (error handler, plugin tables) and is not thread-safe: one
/// rendering runs at a time in the process.
public enum GraphvizRenderer {
    private static let lock = NSLock()

    /// The picture formats `render` accepts, by file extension.
    public static let formats = ["svg", "png", "pdf"]

    /// Lays `dot` out with the engine `layout` (`neato`, `dot`, `sfdp`, …) and draws it into `path` in `format`.
    ///
    /// - Throws: `RenderError` naming the file and Graphviz's message.
    public static func render(dot: String, layout: String, format: String, to path: String) throws {
        lock.lock()
        defer { lock.unlock() }
        GraphvizErrors.shared.reset()
        guard let context = gvContext() else { throw RenderError(path: path, reason: "cannot start Graphviz (gvContext)") }
        defer { gvFreeContext(context) }
        guard let graph = dot.withCString({ agmemread($0) }) else {
            throw RenderError(path: path, reason: "Graphviz could not read the DOT: \(GraphvizErrors.shared.text)")
        }
        defer { agclose(graph) }
        guard gvLayout(context, graph, layout) == 0 else {
            throw RenderError(path: path, reason: "Graphviz layout '\(layout)' failed: \(GraphvizErrors.shared.text)")
        }
        defer { gvFreeLayout(context, graph) }
        let temporary = temporaryPath(for: path)
        guard gvRenderFilename(context, graph, format, temporary) == 0 else {
            unlink(temporary)
            throw RenderError(path: path, reason: "Graphviz cannot draw \(format) (is its plugin installed? `dot -T?` lists them): \(GraphvizErrors.shared.text)")
        }
        var status = stat()
        guard stat(temporary, &status) == 0, status.st_size > 0 else {
            unlink(temporary)
            throw RenderError(path: path, reason: "Graphviz wrote nothing for \(format): \(GraphvizErrors.shared.text)")
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw RenderError(path: path, reason: "cannot move the picture into place: \(reason)")
        }
    }

    private static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(folder).\(name).tmp-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    }
}

/// Graphviz's error messages, collected through `agseterrf` (process-wide, like Graphviz's own state).
final class GraphvizErrors: @unchecked Sendable {
    static let shared = GraphvizErrors()
    private var messages: [String] = []

    init() {
        _ = agseterrf { message in
            if let message { GraphvizErrors.shared.messages.append(String(cString: message)) }
            return 0
        }
    }

    func reset() { messages = [] }

    var text: String {
        let joined = messages.joined(separator: " ").split(whereSeparator: \.isNewline).joined(separator: " ")
        return joined.isEmpty ? "no message" : joined
    }
}
