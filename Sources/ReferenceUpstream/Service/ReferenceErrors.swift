import InvitationCore

/// The errors the reference service answers with; messages are for people and never carry internals.
enum ReferenceErrors {
    static let missingCredentials = GatewayError(code: .unauthenticated, message: "authentication required")
    static let unknownCredentials = GatewayError(code: .unauthenticated, message: "invalid credentials")
    static let closed = GatewayError(code: .unavailable, message: "the service is shutting down")
    static let internalError = GatewayError(code: .internal, message: "internal error")

    static let organizationNotFound = GatewayError(code: .notFound, message: "organization not found")
    static let invitationNotFound = GatewayError(code: .notFound, message: "invitation not found")

    static let notAnAdmin = GatewayError(
        code: .permissionDenied, message: "only an owner or admin of the organization may do this")
    static let notYourInvitation = GatewayError(
        code: .permissionDenied, message: "this invitation is addressed to another email")
    static let notYourEmail = GatewayError(
        code: .permissionDenied, message: "you may only list invitations for your own email")

    static let organizationRequired = GatewayError.validation(
        [FieldViolation(location: "organization", message: "an organization identifier is required", type: "missing")])

    static let invalidPageToken = GatewayError(code: .invalidRequest, message: "pageToken is invalid")

    static func invalidEmail(at index: Int) -> GatewayError {
        GatewayError.validation(
            [FieldViolation(location: "emails[\(index)]", message: "is not a valid email address", type: "format")],
            message: "not a valid email address")
    }

    static let alreadyInvited = GatewayError(
        code: .alreadyExists, message: "this email already has a pending invitation to the organization")
    static let alreadyMember = GatewayError(
        code: .alreadyExists, message: "this email already belongs to a member of the organization")

    /// Answering or revoking an invitation that is not pending: always `invalid_request` (400), saying why.
    static func noLongerPending(_ status: InvitationStatus) -> GatewayError {
        let reason =
            switch status {
            case .pending: "it is still pending"
            case .accepted: "it has already been accepted"
            case .rejected: "it has been declined"
            case .revoked: "it has been revoked"
            case .expired: "it has expired"
            }
        return GatewayError(code: .invalidRequest, message: "the invitation is no longer pending: \(reason)")
    }
}
