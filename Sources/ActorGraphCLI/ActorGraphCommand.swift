import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `actorgraph` command: builds a knowledge graph of armed actors from Arabic news.
public struct ActorGraphCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "actorgraph",
        abstract: "Turn Arabic news into a graph of armed actors: who attacked, allied with or controls whom.",
        discussion: """
        Typical session:
          actorgraph build Corpus/sample            # read documents into Graphs/actorgraph.sqlite
          actorgraph allies "قسد"                   # the SDF's allies, strongest first
          actorgraph adversaries ISIS --format json
          actorgraph explain داعش "قوات النظام"      # the sentences behind the edges
          actorgraph export --output Graphs/graph.graphml   # open in Gephi, yEd, Cytoscape, NetworkX

        An ACTOR is any name the ontology knows, Arabic or English, with or without clitics,
        diacritics or hamza variants (داعش، تنظيم الدولة، ISIS، قسد، SDF), or its canonical id.
        """,
        version: "0.1.0",
        subcommands: [Build.self, Export.self, Import.self, Render.self, Allies.self, Adversaries.self, Actors.self, Explain.self, Extract.self, Check.self]
    )
    public init() {}

    /// Runs the command line; exit status 0 on success, 1 when the input was at fault, 2 on wrong
    /// usage. A write past the file-size limit (`ulimit -f`) fails with an error that the command
    /// reports, instead of killing the process with SIGXFSZ half-way.
    ///
    /// `allies` and `adversaries` in their common shape are answered without ArgumentParser
    /// (`NeighbourQuery.quick`): a query's time is mostly process start, and ArgumentParser's
    /// reflection was half of its instructions.
    public static func runFromCommandLine() {
        signal(SIGXFSZ, SIG_IGN)
        if let (relation, query) = NeighbourQuery.quick(Array(CommandLine.arguments.dropFirst())) {
            do {
                try printNeighbours(relation: relation, query)
            } catch {
                exit(withUsageErrorsAs2: error)
            }
            return
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withUsageErrorsAs2: error)
        }
    }

    /// Exits as ArgumentParser's `exit(withError:)` does, except that wrong usage (a missing or
    /// unknown argument, a value that fails validation) is exit status 2, as the contract says,
    /// not ArgumentParser's 64 (`EX_USAGE`); its message is the same.
    static func exit(withUsageErrorsAs2 error: any Error) -> Never {
        guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
    }
}

/// Options every store-reading command shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The graph store: a SQLite file, or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.", discussion: "Default: Graphs/actorgraph.sqlite in the project, or $ACTORGRAPH_STORE. A PostgreSQL store needs actorgraph built with `swift build --traits PostgreSQL`.", valueName: "STORE"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("The ontology folder (actors, aliases, places, patterns).", discussion: "Default: the project's Ontology/ folder, or $ACTORGRAPH_ONTOLOGY.", valueName: "DIR"))
    var ontology: String?

    var storePath: String { ProjectPaths.store(store) }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}
