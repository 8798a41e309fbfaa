import ArgumentParser

/// The `invitation-gateway` command: serve, run a reference upstream, translate, check, describe.
@main
struct InvitationGatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invitation-gateway",
        abstract: "A reverse proxy that translates between organization-invitation API dialects.",
        subcommands: [
            ServeCommand.self, UpstreamCommand.self, TranslateCommand.self, CheckCommand.self, OpenAPICommand.self,
        ]
    )
}
