/// What one `SQLiteStore.ingest(_:)` call changed.
public struct IngestSummary: Sendable, Hashable {
    /// Documents the store did not hold before.
    public var documentsAdded = 0
    /// Documents whose text changed: their old mentions and evidence were replaced.
    public var documentsReplaced = 0
    /// Documents already stored with the same text, skipped.
    public var documentsUnchanged = 0
    /// Evidence rows written.
    public var evidenceAdded = 0
    /// Edges (source, relation, target) the store did not hold before.
    public var edgesAdded = 0

    /// Adds another summary's counts to this one.
    public static func += (total: inout IngestSummary, other: IngestSummary) {
        total.documentsAdded += other.documentsAdded
        total.documentsReplaced += other.documentsReplaced
        total.documentsUnchanged += other.documentsUnchanged
        total.evidenceAdded += other.evidenceAdded
        total.edgesAdded += other.edgesAdded
    }

    public init(documentsAdded: Int = 0, documentsReplaced: Int = 0, documentsUnchanged: Int = 0, evidenceAdded: Int = 0,
                edgesAdded: Int = 0) {
        self.documentsAdded = documentsAdded; self.documentsReplaced = documentsReplaced
        self.documentsUnchanged = documentsUnchanged; self.evidenceAdded = evidenceAdded; self.edgesAdded = edgesAdded
    }
}
