/// The grammatical words and punctuation marks the linker and the relation frames test tokens
/// against one by one (من، في، بين، the comma …): worked out once per form (`Lexeme.marker`), so
/// that such a test is one compare of a byte, not a comparison of the token's text with a literal
/// (the frames made some 600 of those a document: 1.6% of a build's instructions).
///
/// Each is a folded form, as the normalizer writes it (على is علي, ة is ه, ى is ي); a test checks
/// it, so a literal that no token could ever equal (جرى, not جري) is caught.
public enum Marker: UInt8, Sendable, CaseIterable {
    case none
    // Punctuation
    case arabicComma, comma, colon, arabicSemicolon, semicolon
    case openParenthesis, closeParenthesis, openBracket, closeBracket, hyphen, enDash
    // Prepositions and their pronoun forms
    case min, fi, ala, maa, wamaa, bayna, didd, nahw, bittijah, ila, bihaqq, alayhi, alayha, birifqa, biyad
    // Particles, conjunctions, pronouns
    case qad, laqad, waqad, wa, fa, kama, wahiya, wahuwa, wahum
    // Relative pronouns: الذي، التي، الذين
    case alladhi, allati, alladhina
    // Passive auxiliaries: تم، جرى …
    case tamma, watamma, jara, yatimmu, satatimmu
    // Nouns the frames name: جهة، ناحية، طرف، يد
    case jiha, nahiya, taraf, yad, aydi

    /// The folded form.
    public var form: String {
        switch self {
        case .none: return ""
        case .arabicComma: return "،"
        case .comma: return ","
        case .colon: return ":"
        case .arabicSemicolon: return "؛"
        case .semicolon: return ";"
        case .openParenthesis: return "("
        case .closeParenthesis: return ")"
        case .openBracket: return "["
        case .closeBracket: return "]"
        case .hyphen: return "-"
        case .enDash: return "–"
        case .min: return "من"
        case .fi: return "في"
        case .ala: return "علي"
        case .maa: return "مع"
        case .wamaa: return "ومع"
        case .bayna: return "بين"
        case .didd: return "ضد"
        case .nahw: return "نحو"
        case .bittijah: return "باتجاه"
        case .ila: return "الي"
        case .bihaqq: return "بحق"
        case .alayhi: return "عليه"
        case .alayha: return "عليها"
        case .birifqa: return "برفقه"
        case .biyad: return "بيد"
        case .qad: return "قد"
        case .laqad: return "لقد"
        case .waqad: return "وقد"
        case .wa: return "و"
        case .fa: return "ف"
        case .kama: return "كما"
        case .wahiya: return "وهي"
        case .wahuwa: return "وهو"
        case .wahum: return "وهم"
        case .alladhi: return "الذي"
        case .allati: return "التي"
        case .alladhina: return "الذين"
        case .tamma: return "تم"
        case .watamma: return "وتم"
        case .jara: return "جري"
        case .yatimmu: return "يتم"
        case .satatimmu: return "ستتم"
        case .jiha: return "جهه"
        case .nahiya: return "ناحيه"
        case .taraf: return "طرف"
        case .yad: return "يد"
        case .aydi: return "ايدي"
        }
    }

    private static let byForm: [String: Marker] = {
        var table: [String: Marker] = [:]
        for marker in allCases where marker != .none { table[marker.form] = marker }
        return table
    }()

    /// The marker a normalized form is, `.none` for any other form.
    public init(form: String) {
        // By bytes, as the tests it replaces compared (the table's own `==` is canonical equivalence).
        if let marker = Marker.byForm[form], marker.form.utf8.elementsEqual(form.utf8) { self = marker } else { self = .none }
    }
}
