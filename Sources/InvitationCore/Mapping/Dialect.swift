/// One dialect, compiled from its mapping file: routes, vocabularies, error envelope and credentials.
public final class Dialect: Sendable {
    public let name: String
    public let title: String
    /// The content type of successful bodies.
    public let contentType: String
    public let credentials: CredentialPlaces
    public let routes: [Route]
    public let errors: ErrorEnvelope
    public let vocabularies: [String: Vocabulary]
    /// The mapping file it was compiled from.
    public let file: String

    init(
        name: String, title: String, contentType: String, credentials: CredentialPlaces, routes: [Route],
        errors: ErrorEnvelope, vocabularies: [String: Vocabulary], file: String
    ) {
        self.name = name
        self.title = title
        self.contentType = contentType
        self.credentials = credentials
        self.routes = routes
        self.errors = errors
        self.vocabularies = vocabularies
        self.file = file
    }

    /// The operations this dialect can be asked to perform as an upstream.
    public var outboundOperations: Set<OperationName> { Set(routes.filter(\.outbound).map(\.operation)) }

    /// The routes for an operation, in file order.
    public func routes(for operation: OperationName) -> [Route] { routes.filter { $0.operation == operation } }
}
