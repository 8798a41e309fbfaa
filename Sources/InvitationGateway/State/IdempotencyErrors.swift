import InvitationCore

/// The canonical errors an idempotent request can end in; render them in the caller's dialect.
public enum IdempotencyErrors {
    /// The same key was used with another request body (or method or path): 422.
    public static let mismatch = GatewayError(
        status: 422, code: .validationFailed,
        message: "This Idempotency-Key was already used with a different request; use a new key for a new request.",
        fieldViolations: [
            FieldViolation(
                location: "header.Idempotency-Key", message: "was already used with a different request",
                type: "idempotency_mismatch")
        ])

    /// A request with the same key is still being processed: 409, retry after a second.
    public static let inProgress = GatewayError(
        status: 409, code: .alreadyExists,
        message: "A request with this Idempotency-Key is still being processed; retry once it has finished.",
        retryAfter: 1)

    /// The key header is empty, too long or not printable ASCII: 400.
    public static func invalidKey(_ reason: String) -> GatewayError {
        GatewayError(
            status: 400, code: .invalidRequest, message: "The Idempotency-Key header \(reason).",
            fieldViolations: [FieldViolation(location: "header.Idempotency-Key", message: reason, type: "format")])
    }
}
