import HTTPTypes
import InvitationCore

extension Credentials {
    /// Cookie name prefixes always treated as credentials (better-auth sessions).
    public static let credentialCookiePrefixes = ["better-auth."]

    /// The credentials a caller presented: `Authorization`, `X-API-Key` and credential cookies
    /// (`better-auth.*` and the dialect's own prefixes).
    public init(headers: HTTPFields, places: CredentialPlaces) {
        self.init(
            authorization: headers[.authorization], apiKey: headers[Self.apiKeyName],
            cookieValues: headers[values: .cookie], places: places)
    }

    /// ``init(headers:places:)`` over a request's fields, read by name without making them all.
    init(request: GatewayRequest, places: CredentialPlaces) {
        self.init(
            authorization: request.header(.authorization), apiKey: request.header(Self.apiKeyName),
            cookieValues: request.headerValues(.cookie), places: places)
    }

    /// Several fields of one name join as `HTTPFields`' subscript joins them (`, `); cookies are read one by one.
    private init(authorization: String?, apiKey: String?, cookieValues: [String], places: CredentialPlaces) {
        self.init(authorization: authorization, apiKey: apiKey)
        guard !cookieValues.isEmpty else { return }
        let prefixes = Self.credentialCookiePrefixes + places.cookiePrefixes
        for value in cookieValues {
            for pair in value.split(separator: ";") {
                let trimmed = pair.trimmingCharacters(in: " \t")
                guard let equals = trimmed.firstIndex(of: "=") else { continue }
                let name = String(trimmed[..<equals])
                guard prefixes.contains(where: { name.hasPrefix($0) }) else { continue }
                cookies[name] = String(trimmed[trimmed.index(after: equals)...])
            }
        }
    }

    static let apiKeyName = HTTPField.Name("X-API-Key")!

    /// Writes these credentials as request headers (`Authorization`, `Cookie`, `X-API-Key`).
    public func write(to headers: inout HTTPFields) {
        forEachField { headers[$0] = $1 }
    }

    /// ``write(to:)`` for fields that hold none of these names: appended, without looking each name up.
    func append(to headers: inout HTTPFields) {
        forEachField { headers.append(HTTPField(name: $0, value: $1)) }
    }

    /// Calls `put` with each credential header's name and value, in the order they are written.
    func forEachField(_ put: (HTTPField.Name, String) -> Void) {
        if let authorization { put(.authorization, authorization) }
        if !cookies.isEmpty {
            put(
                .cookie, cookies.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            )
        }
        if let apiKey { put(Self.apiKeyName, apiKey) }
    }
}
