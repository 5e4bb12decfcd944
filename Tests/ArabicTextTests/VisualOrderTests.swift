import Testing
@testable import ArabicText

@Suite struct VisualOrderTests {
    func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    @Test func lettersTakeTheirContextualForms() {
        // د ا ع ش: dal and alef isolated (neither joins the next letter), ain initial, sheen final.
        #expect(scalars(VisualOrder.shape("داعش")) == [0xFEA9, 0xFE8D, 0xFECB, 0xFEB6])
        // Seen initial, lam-alef as one ligature (final), meem isolated after the alef.
        #expect(scalars(VisualOrder.shape("سلام")) == [0xFEB3, 0xFEFC, 0xFEE1])
        // Short vowels and tatweel are dropped; hamza stays isolated.
        #expect(VisualOrder.shape("دَاعِـش") == VisualOrder.shape("داعش"))
        #expect(scalars(VisualOrder.shape("ماء")) == [0xFEE3, 0xFE8E, 0xFE80])
    }

    @Test func cellsReadRightToLeftAndKeepLatinAndDigitRuns() {
        #expect(scalars(VisualOrder.visual("داعش")) == [0xFEB6, 0xFECB, 0xFE8D, 0xFEA9])
        #expect(VisualOrder.visual("ISIS") == "ISIS")
        let brigade = VisualOrder.visual("لواء 313")
        #expect(brigade.hasPrefix("313 "))
        #expect(scalars(String(brigade.dropFirst(4))) == [0xFE80, 0xFE8D, 0xFEEE, 0xFEDF])
        #expect(VisualOrder.visual("(قسد)").hasPrefix("(") && VisualOrder.visual("(قسد)").hasSuffix(")"))
    }

    @Test func leftToRightLinesReverseOnlyTheirArabicStretches() {
        let line = VisualOrder.visualLine("Adversaries of داعش (ISIS): 3")
        #expect(line.hasPrefix("Adversaries of ") && line.hasSuffix(" (ISIS): 3"))
        #expect(line.contains(VisualOrder.visual("داعش")))
        // A line that starts in Arabic is a right-to-left paragraph.
        #expect(VisualOrder.visualLine("قتل 5 عناصر") == VisualOrder.visual("قتل 5 عناصر"))
        #expect(VisualOrder.visual("قتل 5 عناصر").hasPrefix(VisualOrder.visual("عناصر")))
    }
}
