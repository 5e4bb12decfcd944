/// Arabic text prepared for a terminal that neither shapes nor reorders (xterm, many others): letters
/// replaced by their contextual presentation forms (U+FE70–FEFF) and each cell laid out right to left.
///
/// A terminal that applies the bidi algorithm itself must get logical text instead; `actorgraph`
/// does this only when asked (`ACTORGRAPH_BIDI=visual`). Works on Unicode scalars.
public enum VisualOrder {
    /// The presentation forms of a letter: isolated form, and whether it joins the next letter (dual joining).
    private static let forms: [UInt32: (isolated: UInt32, dual: Bool)] = {
        var table: [UInt32: (UInt32, Bool)] = [0x0621: (0xFE80, false)]
        let right: [(UInt32, UInt32)] = [(0x0622, 0xFE81), (0x0623, 0xFE83), (0x0624, 0xFE85), (0x0625, 0xFE87),
                                         (0x0627, 0xFE8D), (0x0629, 0xFE93), (0x062F, 0xFEA9), (0x0630, 0xFEAB),
                                         (0x0631, 0xFEAD), (0x0632, 0xFEAF), (0x0648, 0xFEED), (0x0649, 0xFEEF)]
        let dual: [(UInt32, UInt32)] = [(0x0626, 0xFE89), (0x0628, 0xFE8F), (0x062A, 0xFE95), (0x062B, 0xFE99),
                                        (0x062C, 0xFE9D), (0x062D, 0xFEA1), (0x062E, 0xFEA5), (0x0633, 0xFEB1),
                                        (0x0634, 0xFEB5), (0x0635, 0xFEB9), (0x0636, 0xFEBD), (0x0637, 0xFEC1),
                                        (0x0638, 0xFEC5), (0x0639, 0xFEC9), (0x063A, 0xFECD), (0x0641, 0xFED1),
                                        (0x0642, 0xFED5), (0x0643, 0xFED9), (0x0644, 0xFEDD), (0x0645, 0xFEE1),
                                        (0x0646, 0xFEE5), (0x0647, 0xFEE9), (0x064A, 0xFEF1)]
        for (letter, form) in right { table[letter] = (form, false) }
        for (letter, form) in dual { table[letter] = (form, true) }
        return table
    }()

    /// Lam followed by these alefs is one ligature: its isolated form (the final form is the next scalar).
    private static let lamAlef: [UInt32: UInt32] = [0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB]

    private static func isTransparent(_ v: UInt32) -> Bool { (0x064B...0x065F).contains(v) || v == 0x0670 }
    private static func isRightToLeft(_ v: UInt32) -> Bool {
        (0x0590...0x08FF).contains(v) || (0xFB1D...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v)
    }

    /// Whether the text holds any right-to-left letter.
    public static func containsRightToLeft(_ s: String) -> Bool { s.unicodeScalars.contains { isRightToLeft($0.value) } }

    /// Replaces Arabic letters by their contextual forms (lam-alef as one ligature); drops short vowels and
    /// tatweel, which a terminal cannot place once the text is reordered. Logical order is kept.
    public static func shape(_ s: String) -> String {
        let scalars = s.unicodeScalars.map(\.value).filter { !isTransparent($0) }
        func joinsLeft(_ i: Int) -> Bool { i >= 0 && i < scalars.count && (forms[scalars[i]]?.dual ?? false || scalars[i] == 0x0640) }
        func joinable(_ i: Int) -> Bool { i >= 0 && i < scalars.count && (forms[scalars[i]] != nil || scalars[i] == 0x0640) }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let v = scalars[i]
            let previousJoins = joinsLeft(i - 1)
            if v == 0x0640 { i += 1; continue }
            if v == 0x0644, i + 1 < scalars.count, let ligature = lamAlef[scalars[i + 1]] {
                out.append(Unicode.Scalar(ligature + (previousJoins ? 1 : 0))!)
                i += 2
                continue
            }
            guard let form = forms[v] else {
                out.append(Unicode.Scalar(v)!)
                i += 1
                continue
            }
            let nextJoins = form.dual && joinable(i + 1)
            let offset: UInt32
            if v == 0x0621 { offset = 0 }
            else if previousJoins && nextJoins { offset = 3 }
            else if previousJoins { offset = 1 }
            else if nextJoins { offset = 2 }
            else { offset = 0 }
            out.append(Unicode.Scalar(form.isolated + offset)!)
            i += 1
        }
        return String(out)
    }

    /// One table cell shaped and laid out right to left: runs of Latin letters and digits keep their own
    /// order, everything else is reversed (brackets mirrored). A cell without right-to-left letters is unchanged.
    public static func visual(_ s: String) -> String {
        guard containsRightToLeft(s) else { return s }
        let shaped = Array(shape(s).unicodeScalars)
        func isLeftToRight(_ c: Unicode.Scalar) -> Bool {
            c.properties.isAlphabetic && !isRightToLeft(c.value) || ("0"..."9").contains(c) || ("٠"..."٩").contains(c)
        }
        // Runs: a left-to-right run is strong LTR characters and digits with what lies between them.
        var runs: [(ltr: Bool, scalars: [Unicode.Scalar])] = []
        var i = 0
        while i < shaped.count {
            if isLeftToRight(shaped[i]) {
                var j = i
                var end = i
                while j < shaped.count, !isRightToLeft(shaped[j].value) {
                    if isLeftToRight(shaped[j]) { end = j }
                    j += 1
                }
                runs.append((true, Array(shaped[i...end])))
                i = end + 1
            } else {
                var j = i
                while j < shaped.count, !isLeftToRight(shaped[j]) { j += 1 }
                runs.append((false, Array(shaped[i..<j])))
                i = j
            }
        }
        let mirrored: [Unicode.Scalar: Unicode.Scalar] = ["(": ")", ")": "(", "[": "]", "]": "[", "«": "»", "»": "«", "<": ">", ">": "<"]
        var out = String.UnicodeScalarView()
        for run in runs.reversed() {
            if run.ltr { out.append(contentsOf: run.scalars) }
            else { out.append(contentsOf: run.scalars.reversed().map { mirrored[$0] ?? $0 }) }
        }
        return String(out)
    }

    /// One line in visual order by the bidi rule of paragraphs: a line whose first strong letter is
    /// right to left is laid out as `visual`; otherwise each stretch from a right-to-left letter to the
    /// last one before the next Latin letter is, in place.
    public static func visualLine(_ s: String) -> String {
        guard containsRightToLeft(s) else { return s }
        let scalars = Array(s.unicodeScalars)
        let firstStrong = scalars.first { isRightToLeft($0.value) || $0.properties.isAlphabetic }
        if let firstStrong, isRightToLeft(firstStrong.value) { return visual(s) }
        var out = ""
        var i = 0
        while i < scalars.count {
            guard isRightToLeft(scalars[i].value) else {
                out.unicodeScalars.append(scalars[i]); i += 1; continue
            }
            var j = i, last = i
            while j < scalars.count, !(scalars[j].properties.isAlphabetic && !isRightToLeft(scalars[j].value)) {
                if isRightToLeft(scalars[j].value) { last = j }
                j += 1
            }
            var segment = String.UnicodeScalarView()
            segment.append(contentsOf: scalars[i...last])
            out += visual(String(segment))
            i = last + 1
        }
        return out
    }
}
