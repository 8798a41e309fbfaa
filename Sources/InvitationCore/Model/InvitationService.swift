/// Credentials a caller presented, as they arrived; never logged.
public struct Credentials: Sendable, Hashable {
    /// The `Authorization` header's value.
    public var authorization: String?
    /// Cookies the dialect treats as credentials (`better-auth.session_token`, …), name and value.
    public var cookies: [String: String]
    /// An `X-API-Key` header's value.
    public var apiKey: String?

    public init(authorization: String? = nil, cookies: [String: String] = [:], apiKey: String? = nil) {
        self.authorization = authorization
        self.cookies = cookies
        self.apiKey = apiKey
    }

    /// The token of a `Bearer` authorization, else an API key, else a session cookie's value.
    public var token: String? {
        if let authorization {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" { return String(parts[1]) }
        }
        return apiKey ?? cookies.sorted(by: { $0.key < $1.key }).first?.value
    }

    public var isEmpty: Bool { authorization == nil && cookies.isEmpty && apiKey == nil }
}

/// What travels with an operation besides its input.
public struct RequestMetadata: Sendable, Hashable {
    public var requestID: String
    public var credentials: Credentials

    public init(requestID: String, credentials: Credentials = Credentials()) {
        self.requestID = requestID
        self.credentials = credentials
    }
}

/// Anything that performs canonical operations: a translating upstream client or the reference service.
public protocol InvitationService: Sendable {
    /// Performs one operation; failures are thrown as ``GatewayError``.
    func perform(_ request: CanonicalRequest, metadata: RequestMetadata) async throws -> CanonicalResponse
}
