#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a later stage attached to a word form when it was first seen: bits only that stage reads
/// (the ontology keeps its word classes, cue types and lexicon gates here), and whose they are.
public struct LexemeFacts: Sendable, Equatable {
    /// The stage the bits belong to (0: none); a reader that finds another owner works them out anew.
    public var owner: UInt64 = 0
    public var a: UInt64 = 0
    public var b: UInt64 = 0
    public var c: UInt64 = 0
    public init(owner: UInt64 = 0, a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0) { self.owner = owner; self.a = a; self.b = b; self.c = c }
}

/// One distinct normalized form (a word, number or punctuation mark) and what every stage asks of it:
/// its proclitic and trigger readings, and the facts a `Vocabulary`'s analyser attached.
///
/// Arabic news repeats its words: in a corpus of any size most tokens are forms seen before. A token
/// refers to its form's lexeme, so the readings (several strings each) are made once per form rather
/// than once per token, and copying a token retains one object.
///
/// Immutable, so every thread may read it without checks: a vocabulary analyses a form through a
/// lexeme without facts, then interns a lexeme that carries them (`init(_:facts:)`).
public final class Lexeme: Sendable {
    // Stored in declaration order: what nearly every token read asks (kind, marker, length, facts)
    // comes first, right after the object's header and reference count, so that a token's first
    // look at its lexeme touches one or two cache lines, not three; the strings and readings after.
    public let kind: Token.Kind
    /// The grammatical word or punctuation mark the form is (`.none` for most).
    public let marker: Marker
    /// The form begins with و (a conjunction, maybe): the frames ask it of most words they pass.
    public let startsWithWaw: Bool
    /// The form's length in Unicode scalars (letters, for a word): the frames and the linker ask it
    /// of many tokens, and counting walked the string each time.
    @inlinable public var scalarCount: Int { Int(scalars) }
    @usableFromInline let scalars: Int32
    /// Read for nearly every token by every stage: a `let`, as a `var` of a class each read cost a
    /// dynamic exclusivity check (a twentieth of extraction's instructions).
    public let facts: LexemeFacts
    /// Normalized form (proclitics included, as written): `والميليشيات`.
    public let text: String
    /// `Clitics.procliticReadings(text)` for a word, `[text]` otherwise.
    public let proclitics: [String]
    /// `Clitics.triggerReadings(procliticReadings: proclitics)` for a word, empty otherwise.
    public let readings: [String]
    /// The readings a name may begin with: the proclitic readings, and for a three-letter word
    /// after و also the two letters left (وأم المياذن: a two-letter first word); `[text]` otherwise.
    /// Made once per form: the linker asks it of every word that may begin a name.
    public let linkReadings: [String]

    public init(kind: Token.Kind, text: String) {
        self.kind = kind
        self.text = text
        marker = kind == .number ? .none : Marker(form: text)
        let scalarCount = text.unicodeScalars.count
        scalars = Int32(truncatingIfNeeded: scalarCount)
        startsWithWaw = text.utf8HasPrefix("و")
        if kind == .word {
            proclitics = Clitics.procliticReadings(text)
            readings = Clitics.triggerReadings(procliticReadings: proclitics)
            var link = proclitics
            if startsWithWaw, scalarCount == 3 {
                link.append(String(text.unicodeScalars.dropFirst()))
            }
            linkReadings = link
        } else {
            proclitics = [text]
            readings = []
            linkReadings = proclitics
        }
        facts = LexemeFacts()
    }

    /// The same form with `facts` attached (readings shared, not made again).
    public init(_ l: Lexeme, facts: LexemeFacts) {
        kind = l.kind; text = l.text; proclitics = l.proclitics; readings = l.readings; linkReadings = l.linkReadings
        marker = l.marker; startsWithWaw = l.startsWithWaw; scalars = l.scalars
        self.facts = facts
    }
}

/// Interns normalized forms into lexemes, attaching an analyser's facts to each new one.
///
/// Not thread-safe: one thread uses a vocabulary at a time (`VocabularyPool` lends them out). The
/// table is bounded: past `limit` forms it starts empty again (tokens keep their lexemes alive), so
/// memory does not grow with the corpus.
public final class Vocabulary {
    // Only the thread that borrowed the vocabulary touches it: no dynamic exclusivity checks.
    @exclusivity(unchecked) var table = WordTable<Lexeme>(capacity: 1024)
    let analyse: (Lexeme) -> LexemeFacts
    let limit: Int
    /// Forms interned since the vocabulary was made (counted on the miss path only).
    @exclusivity(unchecked) public private(set) var misses = 0

    public init(limit: Int = 1 << 17, analyse: @escaping (Lexeme) -> LexemeFacts = { _ in LexemeFacts() }) {
        self.limit = limit
        self.analyse = analyse
    }

    /// The lexeme of the normalized form `bytes` (UTF-8) of kind `kind`.
    @inline(__always)
    public func lexeme(_ kind: Token.Kind, _ bytes: UnsafeBufferPointer<UInt8>) -> Lexeme {
        let tag: Int32 = kind == .word ? 0 : kind == .number ? 1 : 2
        if let e = table.entry(bytes, tag: tag) { return table.values[e] }
        return intern(kind, bytes, tag: tag)
    }

    /// A form not seen before (or since the table started again): analysed and added. Out of line,
    /// so that the lookup above, which nearly every token takes alone, inlines small.
    @inline(never)
    func intern(_ kind: Token.Kind, _ bytes: UnsafeBufferPointer<UInt8>, tag: Int32) -> Lexeme {
        misses += 1
        let text = String(decoding: bytes, as: UTF8.self)
        let bare = Lexeme(kind: kind, text: text)
        let l = Lexeme(bare, facts: analyse(bare))
        if table.count >= limit { table = WordTable<Lexeme>(capacity: 1024) }
        table.insert(text, tag: tag) { l }
        return l
    }

    public func lexeme(_ kind: Token.Kind, _ text: String) -> Lexeme {
        text.withUTF8InPlace { lexeme(kind, $0) }
    }
}

/// Vocabularies lent to the threads that tokenize, one per thread at a time, kept for the next
/// document: the forms a worker has seen stay interned across its documents.
public typealias VocabularyPool = ReusePool<Vocabulary>

/// Per-thread state lent to the threads that work on documents, one item per thread at a time, kept
/// for the next document (a vocabulary, a cache): what a worker has learnt stays with it.
public final class ReusePool<Item: AnyObject>: @unchecked Sendable {
    private var free: [Item] = []
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let make: @Sendable () -> Item

    public init(make: @escaping @Sendable () -> Item) {
        self.make = make
        lock = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deallocate()
    }

    /// Runs `body` with an item no other thread uses meanwhile.
    public func with<R>(_ body: (Item) throws -> R) rethrows -> R {
        pthread_mutex_lock(lock)
        let v = free.popLast()
        pthread_mutex_unlock(lock)
        let item = v ?? make()
        defer {
            pthread_mutex_lock(lock)
            free.append(item)
            pthread_mutex_unlock(lock)
        }
        return try body(item)
    }
}
