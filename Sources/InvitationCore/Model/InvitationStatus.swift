import Foundation

/// Where an invitation stands in its lifecycle.
public enum InvitationStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case pending
    case accepted
    case rejected
    case revoked
    case expired

    /// The status a reader sees: a pending invitation past its expiry *is* expired, whatever is stored.
    public func effective(expiresAt: Date?, now: Date) -> InvitationStatus {
        if self == .pending, let expiresAt, expiresAt <= now { return .expired }
        return self
    }
}
