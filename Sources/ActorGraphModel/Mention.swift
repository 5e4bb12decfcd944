/// How a mention was linked to its node.
public enum LinkVia: String, Sendable, Codable {
    /// A name or alias from the ontology.
    case alias
    /// An anaphor (التنظيم، النظام …) resolved to an actor named before.
    case anaphor
    /// A capital or country name standing for its government (دمشق، طهران).
    case metonym
    /// A place from the gazetteer.
    case place
    /// A name the ontology lacks, recognised by its head word (لواء/كتيبة … + name).
    case provisional
}

/// A span of tokens in one sentence linked to a node. It keeps positions, never a copy of the text
/// beyond the surface form needed for `aliases`.
public struct Mention: Hashable, Sendable {
    public var node: NodeID
    public var kind: NodeKind
    public var sentence: Int
    /// Token range inside the document's token array.
    public var tokens: Range<Int>
    /// UTF-8 byte range inside the document text.
    public var span: Range<Int>
    /// The surface form as written, without leading proclitics.
    public var surface: String
    public var via: LinkVia
    /// Another actor named inside the alias after a linking word or title (الميليشيات الموالية لإيران,
    /// قائد فيلق القدس): the alias itself states the link.
    public var inner: NodeID? = nil
    public init(node: NodeID, kind: NodeKind, sentence: Int, tokens: Range<Int>, span: Range<Int>, surface: String, via: LinkVia) {
        self.node = node; self.kind = kind; self.sentence = sentence; self.tokens = tokens
        self.span = span; self.surface = surface; self.via = via
    }
}
