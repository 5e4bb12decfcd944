import ActorGraphModel
import ArgumentParser
import GraphStore

extension RelationType: ExpressibleByArgument {}
extension NodeKind: ExpressibleByArgument {}

/// The options that choose part of the graph: shared by `export` and `render`.
struct GraphFilterOptions: ParsableArguments {
    @Option(name: .customLong("relation"), help: ArgumentHelp(
        "Keep only edges of this relation (attacked, allied-with, controls); repeat for several.", valueName: "RELATION"))
    var relations: [RelationType] = []
    @Option(help: "Keep only edges with at least this many evidence sentences.") var minWeight: Int = 1
    @Option(help: "Leave out edges whose confidence is below this (0–1).") var minConfidence: Double = 0
    @Option(help: ArgumentHelp("Count only evidence dated on or after this day (undated evidence then drops out).", valueName: "YYYY-MM-DD"))
    var since: String?
    @Option(help: ArgumentHelp("Count only evidence dated on or before this day.", valueName: "YYYY-MM-DD"))
    var until: String?
    @Option(name: .customLong("kind"), help: ArgumentHelp(
        "Keep only nodes of this kind (armed_group, state, alliance, person, population, media, location, other); repeat for several.",
        valueName: "KIND"))
    var kinds: [NodeKind] = []
    @Option(name: .customLong("exclude-kind"), help: ArgumentHelp(
        "Leave out nodes of this kind, e.g. --exclude-kind location leaves places out; repeatable.", valueName: "KIND"))
    var excludedKinds: [NodeKind] = []
    @Option(help: ArgumentHelp("Keep only this actor's neighbourhood (any name the ontology knows, or an id).", valueName: "ACTOR"))
    var ego: String?
    @Option(help: "With --ego: how many steps out from the actor (default 1).") var depth: Int = 1

    func validate() throws {
        for (name, day) in [("--since", since), ("--until", until)] {
            if let day, !isDay(day) { throw ValidationError("\(name) wants a day as YYYY-MM-DD, not '\(day)'") }
        }
        if minWeight < 1 { throw ValidationError("--min-weight must be 1 or more") }
        if !(0...1).contains(minConfidence) { throw ValidationError("--min-confidence must lie between 0 and 1") }
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
        if depth != 1 && ego == nil { throw ValidationError("--depth needs --ego ACTOR") }
    }

    /// The filter, with `--ego` resolved to one node (exit 1 with suggestions when unknown).
    func filter(store: any GraphStoreReader, ontologyFolder: String?) throws -> GraphFilter {
        var f = GraphFilter()
        f.relations = Set(relations)
        f.minWeight = minWeight
        f.minConfidence = minConfidence
        f.since = since
        f.until = until
        f.kinds = Set(kinds)
        f.excludedKinds = Set(excludedKinds)
        if let ego {
            f.ego = try resolveActor(ego, ontologyFolder: ontologyFolder, store: store)
            f.depth = depth
        }
        return f
    }
}

/// Whether `s` looks like `YYYY-MM-DD`.
func isDay(_ s: String) -> Bool {
    let b = Array(s.utf8)
    guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return false }
    return b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (0x30...0x39).contains(c) }
}
