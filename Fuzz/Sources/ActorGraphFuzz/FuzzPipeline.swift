import ActorGraphModel
import ArabicText
import Foundation
import Linking
import Ontology
import Relations

/// The ontology, loaded once per process from `$ACTORGRAPH_ONTOLOGY` or the project's `Ontology/`.
let fuzzOntology: Ontology = {
    let dir = ProcessInfo.processInfo.environment["ACTORGRAPH_ONTOLOGY"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Ontology").standardizedFileURL.path
    do { return try Ontology.load(directory: dir) } catch {
        fatalError("fuzz: cannot load the ontology from \(dir): \(error)")
    }
}()
let fuzzLinker = Linker(ontology: fuzzOntology)
let fuzzExtractor = RelationExtractor(ontology: fuzzOntology)

/// One fuzz input: arbitrary bytes through normalization, tokenization, linking and extraction,
/// checking the invariants each stage promises. A broken invariant traps, which libFuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let utf8Count = text.utf8.count

    // Normalization is idempotent.
    let once = ArabicNormalizer.normalize(text)
    precondition(ArabicNormalizer.normalize(once) == once, "normalize is not idempotent")

    // Every token and sentence range lies inside the text, in order.
    let tokenized = Tokenizer.tokenize(text)
    var previousEnd = 0
    for token in tokenized.tokens {
        precondition(token.range.lowerBound >= previousEnd && token.range.upperBound <= utf8Count
            && !token.range.isEmpty, "token range out of order or outside the text")
        previousEnd = token.range.upperBound
    }
    for sentence in tokenized.sentences {
        precondition(sentence.bytes.upperBound <= utf8Count && sentence.tokens.upperBound <= tokenized.tokens.count,
                     "sentence outside the text")
    }

    // Linking and extraction: mentions cover tokens of the text; relations point at real sentences.
    let document = Document(id: "fuzz", text: text, date: "2016-05-01")
    let linked = fuzzLinker.link(document, tokenized)
    for mention in linked.mentions {
        precondition(mention.tokens.upperBound <= linked.tokens.count, "mention outside the tokens")
    }
    let (relations, _) = fuzzExtractor.extract(linked)
    for relation in relations {
        precondition(relation.sentence < linked.sentences.count, "relation in a sentence that does not exist")
        precondition(relation.sentenceRange.upperBound <= utf8Count, "relation sentence outside the text")
        precondition(!relation.confidence.isNaN && relation.confidence >= 0 && relation.confidence <= 1,
                     "confidence outside 0...1")
    }
    return 0
}

/// libFuzzer's driver, from its runtime library.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main` (and points `main` at it), so the
/// entry point hands over to libFuzzer's own driver.
@_cdecl("ActorGraphFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
