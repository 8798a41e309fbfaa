import Foundation
import GRDB
import InvitationCore

extension ReferenceService {
    /// Invites each email in input order; each gets its own result and the operation itself succeeds.
    ///
    /// The caller must be an owner or admin of the organization. Per email: a malformed address is
    /// `validation_failed`; a member's email, or one with a pending unexpired invitation, is `already_exists`.
    /// Each email is written in its own transaction, and the database's one-pending-per-email index has the
    /// last word, so concurrent creates of one email yield exactly one invitation.
    func createInvitations(
        _ input: CreateInvitationsInput, metadata: RequestMetadata
    ) async throws -> CreateInvitationsOutput {
        let caller = try authenticate(metadata)
        try validate(input)
        let organization = try await writer.read { db in
            guard let organization = try db.organization(matching: input.organization) else {
                throw ReferenceErrors.organizationNotFound
            }
            try Self.requireAdmin(db, organizationID: organization.id, caller: caller)
            return organization
        }
        var results: [BatchItemResult] = []
        results.reserveCapacity(input.emails.count)
        for (index, email) in input.emails.enumerated() {
            guard EmailAddress.isValid(email) else {
                results.append(.failure(ReferenceErrors.invalidEmail(at: index), email: email))
                continue
            }
            do {
                let invitation = try await createInvitation(
                    email: email, input: input, organizationID: organization.id, caller: caller)
                results.append(.success(invitation, email: email))
            } catch let error as GatewayError {
                results.append(.failure(error, email: email))
            } catch {
                results.append(.failure(ReferenceErrors.internalError, email: email))
            }
        }
        return CreateInvitationsOutput(results: results)
    }

    /// The whole request's checks, before any email is looked at.
    private func validate(_ input: CreateInvitationsInput) throws(GatewayError) {
        var violations: [FieldViolation] = []
        if input.organization.isUnidentified {
            violations.append(
                FieldViolation(
                    location: "organization", message: "an organization identifier is required", type: "missing"))
        }
        if input.emails.isEmpty {
            violations.append(
                FieldViolation(location: "emails", message: "at least one email is required", type: "missing"))
        } else if input.emails.count > configuration.maxBatchSize {
            violations.append(
                FieldViolation(
                    location: "emails", message: "at most \(configuration.maxBatchSize) emails per request",
                    type: "too_long"))
        }
        if let message = input.message, message.count > configuration.maxMessageLength {
            violations.append(
                FieldViolation(
                    location: "message", message: "at most \(configuration.maxMessageLength) characters",
                    type: "too_long"))
        }
        if !violations.isEmpty { throw GatewayError.validation(violations) }
    }

    /// Creates one pending invitation in its own write transaction.
    private func createInvitation(
        email: String, input: CreateInvitationsInput, organizationID: String, caller: Caller
    ) async throws -> Invitation {
        let now = configuration.now()
        let createdAt = now.epochMilliseconds
        let expiresAt = createdAt + Int64((configuration.invitationExpiry * 1000).rounded())
        let row = NewInvitation(
            id: UUID().uuidString.lowercased(), organizationID: organizationID, email: email, roles: input.roles,
            groups: input.groups, projectAssignments: input.projectAssignments, message: input.message,
            sendEmail: input.sendEmail, inviterID: caller.id, createdAt: createdAt, expiresAt: expiresAt,
            extensions: input.extensions)
        return try await writer.write { db in
            try db.expireStalePendingInvitations(organizationID: organizationID, email: email, now: createdAt)
            if try db.hasMember(organizationID: organizationID, email: email) { throw ReferenceErrors.alreadyMember }
            if try db.hasPendingInvitation(organizationID: organizationID, email: email) {
                throw ReferenceErrors.alreadyInvited
            }
            do {
                try db.insert(row)
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ReferenceErrors.alreadyInvited
            }
            guard let stored = try db.invitation(id: row.id) else { throw StoreCorruption() }
            return stored.invitation(now: now)
        }
    }
}
