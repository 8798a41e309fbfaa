/// The canonical error: what went wrong, in words every dialect's envelope can carry.
public struct GatewayError: Error, Sendable, Hashable {
    /// The HTTP status the caller should see.
    public var status: Int
    public var code: GatewayErrorCode
    /// A message for a person; never holds internals (stack traces, addresses, type names).
    public var message: String
    public var fieldViolations: [FieldViolation]
    public var requestID: String?
    /// Seconds the caller should wait before retrying.
    public var retryAfter: Int?

    public init(
        status: Int? = nil, code: GatewayErrorCode, message: String, fieldViolations: [FieldViolation] = [],
        requestID: String? = nil, retryAfter: Int? = nil
    ) {
        self.status = status ?? code.defaultStatus
        self.code = code
        self.message = message
        self.fieldViolations = fieldViolations
        self.requestID = requestID
        self.retryAfter = retryAfter
    }

    /// A validation failure listing every violation found.
    public static func validation(_ violations: [FieldViolation], message: String? = nil) -> GatewayError {
        let summary =
            message
            ?? (violations.count == 1
                ? "\(violations[0].location): \(violations[0].message)"
                : "\(violations.count) fields are invalid; the first: \(violations.first.map { "\($0.location): \($0.message)" } ?? "")")
        return GatewayError(code: .validationFailed, message: summary, fieldViolations: violations)
    }
}

extension GatewayError: CustomStringConvertible {
    public var description: String { "\(status) \(code): \(message)" }
}
