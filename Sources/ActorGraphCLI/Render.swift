import ActorGraphModel
import ArgumentParser
import GraphPicture
import GraphStore

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the graph, or an actor's neighbourhood, as an SVG, PNG or PDF picture through Graphviz.",
        discussion: """
        Attacks are red arrows, alliances green lines, control dashed grey arrows towards the place;
        line width grows with the evidence count, which is written on edges with more than one sentence.
        Node fill says the kind (armed group, state, alliance, person, place); the --ego actor has a heavy border.

        SVG keeps the Arabic as text: a browser shapes it. PNG and PDF are drawn by Graphviz's cairo/pango
        plugin, which shapes Arabic with an installed Arabic font (Debian: fonts-noto-core).

        Examples:
          actorgraph render --ego "قوات سوريا الديمقراطية" --depth 1 --output Graphs/sdf.svg
          actorgraph render --relation attacked --exclude-kind location --min-weight 2 --output attacks.png
        """)
    @OptionGroup var options: StoreOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("The picture to write; its extension (.svg, .png, .pdf) gives the format.", valueName: "FILE.svg"))
    var output: String
    @Option(help: "The Graphviz layout engine: neato (default), dot, sfdp, fdp, circo or twopi.") var layout: String = "neato"
    @Option(help: "A caption drawn above the picture (default: what was drawn).") var title: String?
    @Option(name: .customLong("max-edges"),
            help: ArgumentHelp("Draw at most this many edges, the strongest (most evidence, then confidence), and the actors they join; 0 draws every edge.",
                               discussion: "A picture of thousands of edges takes Graphviz minutes and cannot be read: narrow it with --min-weight, --relation or --depth, or raise this."))
    var maxEdges = 500
    @OptionGroup(title: "Filters") var filters: GraphFilterOptions

    var format: String { String(output.split(separator: ".").last ?? "").lowercased() }

    func validate() throws {
        guard output.contains("."), GraphvizRenderer.formats.contains(format) else {
            throw ValidationError("--output must end in .svg, .png or .pdf (got '\(output)')")
        }
        guard ["neato", "dot", "sfdp", "fdp", "circo", "twopi"].contains(layout) else {
            throw ValidationError("--layout must be one of neato, dot, sfdp, fdp, circo, twopi")
        }
        guard maxEdges >= 0 else { throw ValidationError("--max-edges must be 0 (every edge) or more") }
    }

    func run() throws {
        let store = try openStore(options.storePath, readOnly: true)
        let filter = try filters.filter(store: store, ontologyFolder: options.ontology)
        do {
            // Names, kinds and weights are all a picture shows: no evidence or mention row is read.
            let selected = try store.selectGraphOutline(filter)
            if selected.edges.isEmpty && selected.nodes.count <= 1 {
                warn("actorgraph: nothing to draw: no edge passes the filters")
                throw ExitCode(1)
            }
            let (nodes, edges) = StrongestEdges.cut(nodes: selected.nodes, edges: selected.edges, limit: maxEdges, keep: filter.ego)
            if edges.count < selected.edges.count {
                warn("actorgraph: drawing the \(edges.count) strongest of \(selected.edges.count) edges (and the \(nodes.count) actors and "
                     + "places they join); --max-edges 0 draws them all, --min-weight or --relation narrows the graph")
            }
            var caption = title ?? ""
            if title == nil, let ego = filter.ego {
                // English and Arabic on lines of their own: mixed on one line, the bidi algorithm reorders them.
                caption = "\(ego): \(filter.depth == 1 ? "direct neighbours" : "neighbourhood of depth \(filter.depth)")"
                if let node = nodes.first(where: { $0.id == ego }), !node.label.isEmpty { caption += "\n" + node.label }
            }
            let dot = DOTWriter(focus: filter.ego, title: caption, layout: layout).dot(nodes: nodes, edges: edges)
            try GraphvizRenderer.render(dot: dot, layout: layout, format: format, to: output)
        } catch let e as ExitCode { throw e } catch {
            warn("actorgraph: \(error)")
            throw ExitCode(1)
        }
    }
}
