import ArgumentParser
import Foundation
import InvitationCore

/// `invitation-gateway translate`: translates one JSON body on stdin between dialects, offline.
struct TranslateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate a JSON body on stdin from one dialect to another (for debugging mappings).",
        discussion: """
            The translation goes to stdout; where it would be sent (METHOD PATH, or the status) goes to stderr.
            A batch create to a dialect that invites one email per call prints one body per line.
            Examples:
              echo '{"emails":["a@example.com"],"organizationId":"acme","role":"admin"}' \\
                | invitation-gateway translate --from inkeep --to k0rdent
              echo '{"email":"a@example.com","role":"admin"}' \\
                | invitation-gateway translate --from dreadnode --to k0rdent --path /api/v1/org/acme/invitations
              echo '{"detail":"Not Found"}' | invitation-gateway translate --from zenml --to inkeep --kind error --status 404
            """
    )

    @Option(help: "The dialect of the body on stdin.") var from: String
    @Option(help: "The dialect to translate into.") var to: String
    @Option(help: "What the body is: request, response or error.") var kind: String = "request"
    @Option(
        help:
            "The operation (createInvitations, getInvitation, listInvitations, listMyInvitations, respondToInvitation, revokeInvitation)."
    )
    var operation: String?
    @Option(help: "For a request: the HTTP method of --path.") var method: String?
    @Option(
        help: "For a request: the request path in the source dialect, with its query (fills path and query parameters)."
    )
    var path: String?
    @Option(help: "For a response or error: the HTTP status it came with.") var status: Int?
    @Flag(help: "Translate even when the target dialect cannot carry some input (it is listed on stderr).")
    var allowLoss = false
    @Option(help: "The folder of mapping files.") var mappings: String = "mappings"

    func run() async throws {
        guard let kind = OfflineTranslator.Kind(rawValue: kind) else {
            throw ValidationError("--kind is request, response or error")
        }
        let operationName: OperationName?
        if let operation {
            guard let parsed = OperationName(rawValue: operation) else {
                throw ValidationError(
                    "unknown --operation '\(operation)'; expected one of \(OperationName.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            operationName = parsed
        } else {
            operationName = nil
        }
        let registry: DialectRegistry
        do { registry = try DialectRegistry.load(directory: mappings) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let input = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        let translator = OfflineTranslator(registry: registry)
        do {
            let outputs: [OfflineTranslator.Output]
            switch kind {
            case .request:
                let (requestPath, query) = Self.split(path)
                outputs = try translator.translateRequest(
                    from: from, to: to, operation: operationName, method: method, path: requestPath, query: query,
                    body: input, allowLoss: allowLoss)
            case .response:
                outputs = [
                    try translator.translateResponse(
                        from: from, to: to, operation: operationName ?? .createInvitations, status: status, body: input)
                ]
            case .error:
                guard let status else { throw ValidationError("--kind error needs --status") }
                outputs = [try translator.translateError(from: from, to: to, status: status, body: input)]
            }
            for output in outputs {
                FileHandle.standardError.write(Data("\(output.line)\n".utf8))
                FileHandle.standardOutput.write(Data(output.body + [0x0A]))
            }
        } catch let error as GatewayError {
            var message = "error: \(error.code): \(error.message)\n"
            for violation in error.fieldViolations
            where !error.message.contains(violation.location) || error.fieldViolations.count > 1 {
                message += "  \(violation.location): \(violation.message)\n"
            }
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(1)
        }
    }

    static func split(_ path: String?) -> (String?, String?) {
        guard let path else { return (nil, nil) }
        guard let mark = path.firstIndex(of: "?") else { return (path, nil) }
        return (String(path[..<mark]), String(path[path.index(after: mark)...]))
    }
}
