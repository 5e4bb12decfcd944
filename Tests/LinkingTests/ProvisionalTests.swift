import ActorGraphModel
import Linking
import Testing

@Suite("Names the ontology lacks")
struct ProvisionalTests {
    func provisional(_ d: LinkedDocument) -> [(String, NodeKind)] {
        d.mentions.filter { $0.via == .provisional }.map { ($0.surface, $0.kind) }
    }

    @Test func groupAfterAHeadWord() throws {
        let d = try link("هاجم لواء المعتصم مواقع تنظيم الدولة قرب مارع.")
        #expect(provisional(d).map(\.0) == ["لواء المعتصم"])
        #expect(provisional(d).first?.1 == .armedGroup)
        #expect(d.mentions.contains { $0.node == NodeID("ISIS") })
    }

    @Test func constructNameAndQuotedName() throws {
        #expect(provisional(try link("وقالت كتائب ثوار الشام إنها صدت الهجوم.")).map(\.0) == ["كتائب ثوار الشام"])
        #expect(provisional(try link("وأعلنت حركة \"أحرار الجنوب\" انسحابها.")).map(\.0) == ["حركة أحرار الجنوب"])
    }

    @Test func commonWordsAreNoGroup() throws {
        // حركة without quotes is a common word; a generic adjective names nothing.
        #expect(provisional(try link("ارتفعت حركة النزوح من المدينة.")).isEmpty)
        #expect(provisional(try link("انضم فصيل مسلح محلي إلى المعارك.")).isEmpty)
    }

    @Test func knownAliasesWin() throws {
        let d = try link("قاتلت ميليشيا لواء فاطميون وميليشيا لواء القدس في حلب.")
        #expect(provisional(d).isEmpty)
        #expect(d.mentions.map(\.node).contains(NodeID("FATEMIYOUN")))
        #expect(d.mentions.map(\.node).contains(NodeID("LIWA_AL_QUDS")))
    }

    @Test func stableIDs() throws {
        let a = try link("هاجم لواء المعتصم القرية.").mentions.first { $0.via == .provisional }
        let b = try link("وانسحب مقاتلو لواء المعتصم.").mentions.first { $0.via == .provisional }
        #expect(a?.node == b?.node)
        #expect(a?.node.rawValue.hasPrefix("new_") ?? false)
    }

    @Test func villageTheGazetteerLacks() throws {
        let d = try link("سيطرت الفصائل على قرية قسطل جندو شمالي عفرين.")
        #expect(provisional(d).map(\.0) == ["قسطل جندو"])
        #expect(provisional(d).first?.1 == .location)
        #expect(provisional(try link("دخلت القوات قرية في ريف حلب.")).isEmpty)
    }
}
