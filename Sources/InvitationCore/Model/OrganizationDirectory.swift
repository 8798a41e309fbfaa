/// Resolves an organization known by one identifier to all of its identifiers.
///
/// Dialects name organizations differently (inkeep: id = slug; dreadnode: slug; k0rdent: a name-like id and
/// a uuid; zenml: only the name), so a request read in one dialect may lack the identifier another needs.
/// The directory is configured (see the gateway's `organizations` key) and consulted before rendering.
public struct OrganizationDirectory: Sendable {
    /// The known organizations.
    public let entries: [Organization]

    public init(_ entries: [Organization]) { self.entries = entries }

    /// The configured entry any of whose identifiers equals any identifier of `organization`.
    public func entry(for organization: Organization) -> Organization? {
        let given = [organization.id, organization.slug, organization.uuid, organization.name].compactMap { $0 }
        guard !given.isEmpty else { return nil }
        return entries.first { entry in
            let known = [entry.id, entry.slug, entry.uuid, entry.name].compactMap { $0 }
            return given.contains { value in
                known.contains { $0 == value || ($0.count == 36 && $0.lowercased() == value.lowercased()) }
            }
        }
    }

    /// `organization` with every identifier the directory knows filled in; what it already says is kept.
    public func resolve(_ organization: Organization) -> Organization {
        guard let entry = entry(for: organization) else { return organization }
        var resolved = organization
        resolved.id = organization.id ?? entry.id
        resolved.slug = organization.slug ?? entry.slug
        resolved.uuid = organization.uuid ?? entry.uuid
        resolved.name = organization.name ?? entry.name
        resolved.logoURL = organization.logoURL ?? entry.logoURL
        return resolved
    }
}

extension CanonicalRequest {
    /// The organization the operation addresses, if it names one.
    public var organization: Organization? {
        switch self {
        case .createInvitations(let input): input.organization
        case .getInvitation(let input): input.organization.isUnidentified ? nil : input.organization
        case .listInvitations(let input): input.organization
        case .revokeInvitation(let input): input.organization.isUnidentified ? nil : input.organization
        case .listMyInvitations, .respondToInvitation: nil
        }
    }

    /// The same operation with its organization resolved through a directory.
    public func resolvingOrganization(with directory: OrganizationDirectory) -> CanonicalRequest {
        guard !directory.entries.isEmpty else { return self }  // no copy of the operation to change nothing
        switch self {
        case .createInvitations(var input):
            input.organization = directory.resolve(input.organization)
            return .createInvitations(input)
        case .getInvitation(var input):
            input.organization = directory.resolve(input.organization)
            return .getInvitation(input)
        case .listInvitations(var input):
            input.organization = directory.resolve(input.organization)
            return .listInvitations(input)
        case .revokeInvitation(var input):
            input.organization = directory.resolve(input.organization)
            return .revokeInvitation(input)
        case .listMyInvitations, .respondToInvitation:
            return self
        }
    }

    /// The invitation id the operation addresses, if any.
    public var invitationID: String? {
        switch self {
        case .getInvitation(let input): input.invitationID
        case .respondToInvitation(let input): input.invitationID
        case .revokeInvitation(let input): input.invitationID
        case .createInvitations, .listInvitations, .listMyInvitations: nil
        }
    }
}
