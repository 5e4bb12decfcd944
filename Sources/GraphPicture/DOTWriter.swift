#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ActorGraphModel

/// Writes a graph as Graphviz DOT in actorgraph's picture style.
///
/// Attacks are red arrows, alliances green lines without arrowheads (the relation is symmetric),
/// control dashed grey arrows towards the place; line width grows with the evidence count
/// (logarithmically, so one heavy edge does not drown the rest). Node fill says the kind, the
/// focal actor of a neighbourhood is drawn with a heavy border. Labels are the Arabic display
/// name over the English one; SVG viewers (browsers) and Graphviz's cairo/pango renderer
/// shape the Arabic.
public struct DOTWriter: Sendable {
    /// The node drawn as the centre of a neighbourhood, if any.
    public var focus: NodeID?
    /// The graph's caption (drawn at the top).
    public var title: String
    /// The Graphviz layout engine named in the file (`neato`, `dot`, `sfdp`, `circo`, …).
    public var layout: String

    public init(focus: NodeID? = nil, title: String = "", layout: String = "neato") {
        self.focus = focus; self.title = title; self.layout = layout
    }

    /// Fonts in order of preference: an Arabic face, then one for Latin text.
    public static let fontName = "Noto Sans Arabic,Noto Sans,DejaVu Sans"

    public static let legend = "red: attacked (arrow to the target)  ·  green: allied with  ·  dashed grey: controls (arrow to the place)  ·  line width: evidence sentences"

    /// The whole DOT document.
    public func dot(nodes: [GraphNode], edges: [GraphEdge]) -> String {
        var out = "digraph actorgraph {\n"
        let caption = title.isEmpty ? Self.legend : title + "\n" + Self.legend
        out += "  graph [layout=\(quote(layout)), charset=\"UTF-8\", overlap=\"prism\", overlap_scaling=2, sep=\"+14\", splines=true, "
            + "outputorder=\"edgesfirst\", bgcolor=\"white\", pad=0.4, fontname=\(quote(Self.fontName)), fontsize=11, "
            + "labelloc=\"t\", label=\(quote(caption))];\n"
        out += "  node [fontname=\(quote(Self.fontName)), fontsize=12, style=\"filled\", penwidth=0.8, color=\"#555555\", margin=\"0.12,0.05\"];\n"
        out += "  edge [fontname=\(quote(Self.fontName)), fontsize=9, arrowsize=0.7];\n"
        for node in nodes {
            out += "  \(quote(node.id.rawValue)) [\(nodeAttributes(node))];\n"
        }
        for edge in edges {
            out += "  \(quote(edge.source.rawValue)) -> \(quote(edge.target.rawValue)) [\(edgeAttributes(edge))];\n"
        }
        out += "}\n"
        return out
    }

    func nodeAttributes(_ node: GraphNode) -> String {
        var label = node.label.isEmpty ? node.id.rawValue : node.label
        if !node.labelEn.isEmpty, node.labelEn != node.label, node.kind != .location { label += "\n" + node.labelEn }
        let (shape, fill) = Self.look(node.kind)
        var attributes = ["label=\(quote(label))", "shape=\(shape)", "fillcolor=\(quote(fill))",
                          "tooltip=\(quote("\(node.id) (\(node.kind.rawValue)), \(node.mentions) mentions"))"]
        if node.kind == .location { attributes += ["fontsize=10", "style=\"filled,rounded\""] }
        if node.id == focus { attributes += ["penwidth=3", "color=\"#000000\"", "fontsize=14"] }
        return attributes.joined(separator: ", ")
    }

    func edgeAttributes(_ edge: GraphEdge) -> String {
        let width = min(1 + 1.6 * log2(Double(max(edge.weight, 1))), 5)
        // Graphviz scales arrowheads with the pen: keep heavy edges' heads from swallowing the node.
        var attributes = ["penwidth=\(format(width))", "arrowsize=\(format(max(0.3, 0.9 / width)))",
                          "tooltip=\(quote("\(edge.source) \(edge.relation.rawValue) \(edge.target): \(edge.weight) evidence sentences"))"]
        switch edge.relation {
        case .attacked: attributes += ["color=\"#c0392b\""]
        case .alliedWith: attributes += ["color=\"#1e8449\"", "dir=none"]
        case .controls: attributes += ["color=\"#7f8c8d\"", "style=dashed"]
        }
        // The count on a white ground (an HTML-like label), so a thick line does not hide it.
        if edge.weight > 1 {
            attributes += ["label=<<table border=\"0\" cellborder=\"0\" cellpadding=\"1\" bgcolor=\"white\"><tr><td>\(edge.weight)</td></tr></table>>",
                           "fontcolor=\"#444444\""]
        }
        return attributes.joined(separator: ", ")
    }

    /// Shape and fill colour of a node kind.
    static func look(_ kind: NodeKind) -> (shape: String, fill: String) {
        switch kind {
        case .armedGroup: return ("ellipse", "#fadbd8")
        case .state: return ("box", "#d6eaf8")
        case .alliance: return ("hexagon", "#e8daef")
        case .person: return ("ellipse", "#fcf3cf")
        case .population: return ("ellipse", "#eaeded")
        case .media: return ("ellipse", "#ffffff")
        case .location: return ("box", "#f2f3f4")
        case .other: return ("ellipse", "#ffffff")
        }
    }

    /// A DOT double-quoted string: backslash and quote escaped, line breaks as `\n` (centred lines).
    func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private func format(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
