/// One input document: a `.txt` file or a JSONL line.
public struct Document: Sendable, Hashable {
    public var id: String
    public var text: String
    /// `YYYY-MM-DD`, when known.
    public var date: String?
    public var source: String?
    public var title: String?
    public init(id: String, text: String, date: String? = nil, source: String? = nil, title: String? = nil) {
        self.id = id; self.text = text; self.date = date; self.source = source; self.title = title
    }
}
