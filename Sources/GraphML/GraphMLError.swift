/// A GraphML file that could not be written (or opened): names the file and the reason.
public struct GraphMLWriteError: Error, CustomStringConvertible, Sendable {
    /// The file the export was going to (`-` for standard output).
    public var path: String
    /// What went wrong, with the system's reason (`strerror`) where there is one.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path; self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
