/// One compiled route of a dialect: an HTTP method and path bound to a canonical operation.
///
/// A class: a route is built once at load and passed along with every request, so a copy is one reference.
public final class Route: Sendable {
    public let operation: OperationName
    public let method: String
    public let path: PathTemplate
    /// Rules for path parameters, by parameter name.
    public let pathParameters: [Rule.Member]
    public let queryParameters: [Rule.Member]
    public let body: Rule?
    /// Canonical input values the route implies (`accept: true` for an accept route).
    public let fixed: JSONObject
    /// Whether a create takes one email per call (its response is one invitation).
    public let single: Bool
    /// Whether the gateway may use this route to call an upstream of this dialect.
    public let outbound: Bool
    /// The HTTP status of a successful answer.
    public let successStatus: Int
    public let responseBody: Rule?
    /// For a create, its request rules compiled into direct reads of the input (nil: interpreted).
    let createReader: CompiledReader<CreateInvitationsInput>?
    /// For a one-email create, its answer rule compiled into direct reads of the invitation (nil: interpreted).
    let invitationReader: CompiledReader<Invitation>?
    /// For a create, its answer rule compiled into direct writes from the result (nil: interpreted).
    let answerWriter: AnswerWriter?
    /// For a create, its request rules compiled into direct writes from the input (nil: interpreted).
    let requestWriter: CompiledRequestWriter?
    /// Canonical input paths the route can carry (`organization.slug`, `projectAssignments[].role`).
    public let coverage: Set<String>
    /// ``coverage`` as a tree, for finding what a request carries outside it.
    let coverageTree: CoverageTree
    /// The route's place in its mapping file.
    public let source: String

    init(
        operation: OperationName, method: String, path: PathTemplate, pathParameters: [Rule.Member],
        queryParameters: [Rule.Member], body: Rule?, fixed: JSONObject, single: Bool, outbound: Bool,
        successStatus: Int, responseBody: Rule?, coverage: Set<String>, coverageTree: CoverageTree, source: String
    ) {
        self.operation = operation
        self.method = method
        self.path = path
        self.pathParameters = pathParameters
        self.queryParameters = queryParameters
        self.body = body
        self.fixed = fixed
        self.single = single
        self.outbound = outbound
        self.successStatus = successStatus
        self.responseBody = responseBody
        let isCreate = operation == .createInvitations
        self.createReader =
            isCreate && fixed.isEmpty && queryParameters.isEmpty
            ? body.flatMap { CompiledReader.compile(body: $0, pathParameters: pathParameters) } : nil
        self.invitationReader = isCreate && single ? responseBody.flatMap { CompiledReader.compile(body: $0) } : nil
        self.answerWriter = isCreate ? responseBody.flatMap { AnswerWriter(single: single, rule: $0) } : nil
        self.requestWriter =
            isCreate && fixed.isEmpty && queryParameters.isEmpty
            ? body.flatMap {
                CompiledRequestWriter.compile(body: $0, pathParameters: pathParameters, coverage: coverageTree)
            } : nil
        self.coverage = coverage
        self.coverageTree = coverageTree
        self.source = source
    }
}

/// A dialect's error envelope: its content type, its code table and its body rule.
public struct ErrorEnvelope: Sendable {
    /// One row of the code table: a canonical code, the HTTP status the dialect uses for it, and its own code word.
    public struct Entry: Sendable, Hashable {
        public let canonical: GatewayErrorCode
        public let status: Int
        public let dialectCode: String?
    }

    public let contentType: String
    public let entries: [Entry]
    public let body: Rule

    /// The status and dialect code for a canonical code: its row, else a row with the code's default status.
    public func entry(for code: GatewayErrorCode) -> Entry {
        if let row = entries.first(where: { $0.canonical == code }) { return row }
        let status = code.defaultStatus
        let sameStatus = entries.first(where: { $0.status == status })
        let sameClass = entries.first(where: { $0.status / 100 == status / 100 })
        return Entry(canonical: code, status: status, dialectCode: (sameStatus ?? sameClass)?.dialectCode)
    }

    /// The canonical code for a dialect code word and HTTP status: an exact row, then the word, then the status.
    public func code(dialectCode: String?, status: Int) -> GatewayErrorCode {
        if let dialectCode {
            if let row = entries.first(where: { $0.dialectCode == dialectCode && $0.status == status }) {
                return row.canonical
            }
            if let row = entries.first(where: { $0.dialectCode == dialectCode }) { return row.canonical }
        }
        if let row = entries.first(where: { $0.status == status && $0.dialectCode == nil }) { return row.canonical }
        let byStatus = GatewayErrorCode.forStatus(status)
        if entries.contains(where: { $0.canonical == byStatus }) { return byStatus }
        return entries.first(where: { $0.status == status })?.canonical ?? byStatus
    }
}

/// Which request parts carry a caller's credentials in a dialect.
public struct CredentialPlaces: Sendable, Hashable {
    /// Header names, lowercased (`authorization`, `x-api-key`).
    public let headers: [String]
    /// Cookie name prefixes (`better-auth.`).
    public let cookiePrefixes: [String]
}
