/// One input document: a `.txt` file or a JSONL line.
public struct Document: Sendable, Hashable {
    public var id: String
    public var text: String
    /// `YYYY-MM-DD`, when known.
    public var date: String?
    public var source: String?
    public var title: String?
    /// What was wrong with the input and repaired while reading (invalid UTF-8 replaced, …); kept
    /// with the document in the store so that an analyst can find damaged sources.
    public var notes: String?
    public init(id: String, text: String, date: String? = nil, source: String? = nil, title: String? = nil,
                notes: String? = nil) {
        self.id = id; self.text = text; self.date = date; self.source = source; self.title = title
        self.notes = notes
    }
}

/// One part of a document too large to process at once: a stretch of its text cut at a sentence end.
///
/// A large `.txt` file is read in bounded chunks; each chunk is extracted on its own, and the store
/// writes the parts of one document together, offsetting their sentences and byte ranges so that
/// the evidence reads as if the document had been processed whole.
public struct DocumentPart: Sendable, Hashable {
    /// 0 for the first part.
    public var index: Int
    /// Where this part's text starts in the whole document, in UTF-8 bytes.
    public var byteOffset: Int
    /// How many sentences the earlier parts held.
    public var sentenceOffset: Int
    public init(index: Int, byteOffset: Int, sentenceOffset: Int) {
        self.index = index; self.byteOffset = byteOffset; self.sentenceOffset = sentenceOffset
    }
}
