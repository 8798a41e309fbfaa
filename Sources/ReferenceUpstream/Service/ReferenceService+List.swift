import InvitationCore

extension ReferenceService {
    /// One page of an organization's invitations, ordered by creation time then id; owners and admins only.
    ///
    /// `status` filters on the effective status. `pageSize` defaults to the configured default; above the
    /// configured maximum (or below 1) it is `validation_failed`. `pageToken` is the previous page's
    /// `nextPageToken` (empty means none); anything else is `invalid_request`. The last page has no token.
    func listInvitations(_ input: ListInvitationsInput, metadata: RequestMetadata) async throws -> InvitationPage {
        let caller = try authenticate(metadata)
        if input.organization.isUnidentified { throw ReferenceErrors.organizationRequired }
        let pageSize = input.pageSize ?? configuration.defaultPageSize
        guard (1...configuration.maxPageSize).contains(pageSize) else {
            throw GatewayError.validation([
                FieldViolation(
                    location: "pageSize", message: "must be between 1 and \(configuration.maxPageSize)", type: "range")
            ])
        }
        var cursor: PageCursor?
        if let token = input.pageToken, !token.isEmpty {
            guard let decoded = PageCursor(token: token) else { throw ReferenceErrors.invalidPageToken }
            cursor = decoded
        }
        let filter: EffectiveStatusFilter = input.status.map { .only($0) } ?? .any
        let now = configuration.now()
        let rows = try await writer.read { [cursor] db in
            guard let organization = try db.organization(matching: input.organization) else {
                throw ReferenceErrors.organizationNotFound
            }
            try Self.requireAdmin(db, organizationID: organization.id, caller: caller)
            return try db.invitations(
                organizationID: organization.id, filter: filter, after: cursor, limit: pageSize,
                now: now.epochMilliseconds)
        }
        let page = rows.prefix(pageSize)
        let next = rows.count > pageSize ? page.last.map { PageCursor(createdAt: $0.createdAt, id: $0.id).token } : nil
        return InvitationPage(invitations: page.map { $0.invitation(now: now) }, nextPageToken: next)
    }
}
