import InvitationCore
import Logging

extension Gateway {
    /// Stage "route": picks the upstream for an operation and fills in the organization it may need.
    ///
    /// In order: an operation naming an invitation id the ``InvitationIndex`` knows goes to the upstream that
    /// last answered with it, when that upstream has the operation (and, when the request names no organization, gets the one recorded with it: better-auth's
    /// cancel-invitation can then reach k0rdent, which addresses invitations under their organization); an
    /// operation naming an organization goes to the first `routing.rules` entry matching any of its identifiers;
    /// everything else (an unknown invitation id included) goes to `routing.default`, else the caller dialect's upstream.
    /// A `listMyInvitations` goes to the one upstream that has the operation (when several have it, the
    /// pipeline merges them instead).
    func route(
        _ canonical: CanonicalRequest, matched: MatchedRoute, logger: Logger
    ) async throws(GatewayError) -> (UpstreamRoute, CanonicalRequest) {
        var entry: InvitationIndexEntry?
        if let invitationID = canonical.invitationID {
            do {
                entry = try await state.invitations.entry(for: invitationID)
            } catch {
                logger.warning("The invitation index could not be read: \(error)")
            }
        }
        return try route(canonical, matched: matched, entry: entry)
    }

    /// ``route(_:matched:logger:)`` once the index entry of the invitation id (if any) is known.
    func route(
        _ canonical: CanonicalRequest, matched: MatchedRoute, entry: InvitationIndexEntry?
    ) throws(GatewayError) -> (UpstreamRoute, CanonicalRequest) {
        if case .listMyInvitations = canonical, case let carrying = listMineRoutes, carrying.count == 1 {
            return (carrying[0], canonical)  // several are merged before routing; none: the default answers 501
        }
        if let entry, let route = routesByName[entry.upstream], route.upstream.carries(canonical.operation) {
            return (route, canonical.fillingOrganization(directory.resolve(entry.organization)))
        }
        if let organization = canonical.organization, let route = routing.route(for: organization) {
            return (route, canonical)
        }
        return (try defaultRoute(for: matched), canonical)
    }

    /// `routing.default`, else the caller dialect's upstream.
    func defaultRoute(for matched: MatchedRoute) throws(GatewayError) -> UpstreamRoute {
        guard let route = routing.defaultRoute ?? upstreamsByDialect[matched.dialect.name] else {
            throw GatewayError(code: .unavailable, message: "No upstream is configured for this dialect.")
        }
        return route
    }
}

extension CanonicalRequest {
    /// The operation with `organization` where it names none (get and revoke); others unchanged.
    func fillingOrganization(_ organization: Organization) -> CanonicalRequest {
        guard !organization.isUnidentified else { return self }
        switch self {
        case .getInvitation(var input) where input.organization.isUnidentified:
            input.organization = organization
            return .getInvitation(input)
        case .revokeInvitation(var input) where input.organization.isUnidentified:
            input.organization = organization
            return .revokeInvitation(input)
        default:
            return self
        }
    }
}
