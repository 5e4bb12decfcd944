/// A recoverable problem tied to a place in the input; only what stops the work throws.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case note, warning, error }
    public var severity: Severity
    public var file: String?
    public var line: Int?
    public var message: String
    public init(_ severity: Severity, _ message: String, file: String? = nil, line: Int? = nil) {
        self.severity = severity; self.message = message; self.file = file; self.line = line
    }
    public var description: String {
        var where_ = ""
        if let file { where_ = file + (line.map { ":\($0)" } ?? "") + ": " }
        return "\(where_)\(severity.rawValue): \(message)"
    }
}

/// An error that stops the work, with the file and line at fault when there is one.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var file: String?
    public var line: Int?
    public var message: String
    public init(_ message: String, file: String? = nil, line: Int? = nil) {
        self.message = message; self.file = file; self.line = line
    }
    public var description: String {
        guard let file else { return message }
        return "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
