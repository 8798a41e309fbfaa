/// The stable vocabulary of canonical error codes.
public struct GatewayErrorCode: Sendable, Hashable, CustomStringConvertible {
    private enum Code: String, CaseIterable {
        case invalidRequest = "invalid_request"
        case unauthenticated
        case permissionDenied = "permission_denied"
        case notFound = "not_found"
        case alreadyExists = "already_exists"
        case validationFailed = "validation_failed"
        case paymentRequired = "payment_required"
        case upgradeRequired = "upgrade_required"
        case rateLimited = "rate_limited"
        case notImplemented = "not_implemented"
        case `internal`
        case badGateway = "bad_gateway"
        case unavailable
        case gatewayTimeout = "gateway_timeout"
    }

    private let code: Code
    private init(_ code: Code) { self.code = code }

    /// The code for its stable name (`not_found`, …), or nil for an unknown name.
    public init?(rawValue: String) {
        guard let code = Code(rawValue: rawValue) else { return nil }
        self.code = code
    }

    /// The stable name.
    public var rawValue: String { code.rawValue }
    public var description: String { code.rawValue }

    public static let invalidRequest = Self(.invalidRequest)
    public static let unauthenticated = Self(.unauthenticated)
    public static let permissionDenied = Self(.permissionDenied)
    public static let notFound = Self(.notFound)
    public static let alreadyExists = Self(.alreadyExists)
    public static let validationFailed = Self(.validationFailed)
    public static let paymentRequired = Self(.paymentRequired)
    public static let upgradeRequired = Self(.upgradeRequired)
    public static let rateLimited = Self(.rateLimited)
    public static let notImplemented = Self(.notImplemented)
    public static let `internal` = Self(.internal)
    public static let badGateway = Self(.badGateway)
    public static let unavailable = Self(.unavailable)
    public static let gatewayTimeout = Self(.gatewayTimeout)

    /// Every code, in a stable order.
    public static let allCases: [GatewayErrorCode] = Code.allCases.map(Self.init)

    /// The HTTP status this code has when a dialect says nothing else.
    public var defaultStatus: Int {
        switch code {
        case .invalidRequest: 400
        case .unauthenticated: 401
        case .paymentRequired: 402
        case .permissionDenied: 403
        case .notFound: 404
        case .alreadyExists: 409
        case .validationFailed: 422
        case .upgradeRequired: 426
        case .rateLimited: 429
        case .internal: 500
        case .notImplemented: 501
        case .badGateway: 502
        case .unavailable: 503
        case .gatewayTimeout: 504
        }
    }

    /// The code for an HTTP status when a body names none.
    public static func forStatus(_ status: Int) -> GatewayErrorCode {
        switch status {
        case 400: .invalidRequest
        case 401: .unauthenticated
        case 402: .paymentRequired
        case 403: .permissionDenied
        case 404, 410: .notFound
        case 409: .alreadyExists
        case 413, 415, 422: status == 422 ? .validationFailed : .invalidRequest
        case 426: .upgradeRequired
        case 429: .rateLimited
        case 501: .notImplemented
        case 502: .badGateway
        case 503: .unavailable
        case 504: .gatewayTimeout
        case 400..<500: .invalidRequest
        default: .internal
        }
    }
}
