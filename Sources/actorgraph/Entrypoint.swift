import ActorGraphCLI

@main
struct Entrypoint {
    static func main() { ActorGraphCommand.runFromCommandLine() }
}
