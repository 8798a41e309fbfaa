import GRDB
import InvitationCore

extension ReferenceService {
    /// The user whose token the request carries (Bearer token, API key or session cookie value).
    func authenticate(_ metadata: RequestMetadata) throws(GatewayError) -> Caller {
        guard let token = metadata.credentials.token, !token.isEmpty else { throw ReferenceErrors.missingCredentials }
        guard let userID = configuration.tokens[token], let user = usersByID[userID] else {
            throw ReferenceErrors.unknownCredentials
        }
        return Caller(user)
    }

    /// Fails with `permission_denied` unless the caller is an owner or admin of the organization.
    static func requireAdmin(_ db: Database, organizationID: String, caller: Caller) throws {
        guard try isAdmin(db, organizationID: organizationID, caller: caller) else { throw ReferenceErrors.notAnAdmin }
    }

    /// Whether the caller is an owner or admin of the organization.
    static func isAdmin(_ db: Database, organizationID: String, caller: Caller) throws -> Bool {
        guard let role = try db.membershipRole(organizationID: organizationID, userID: caller.id) else { return false }
        return ["owner", "admin"].contains(role.asciiLowercased)
    }

    /// The invitation with this id, when it also belongs to the organization the input names (if it names one).
    static func invitation(_ db: Database, id: String, in organization: Organization) throws -> StoredInvitation? {
        guard let stored = try db.invitation(id: id) else { return nil }
        if organization.isUnidentified { return stored }
        guard let named = try db.organization(matching: organization), named.id == stored.organization.id else {
            return nil
        }
        return stored
    }
}
