import InvitationCore

/// The `routing` configuration resolved to upstream routes: organization rules and the default.
struct OrganizationRouting: Sendable {
    /// One rule: an organization identifier and the route serving it.
    struct Rule: Sendable {
        let organization: String
        let route: UpstreamRoute
    }

    let rules: [Rule]
    /// `routing.default`, when configured.
    let defaultRoute: UpstreamRoute?

    /// The first rule's route naming any identifier of `organization` (uuids compared without case).
    func route(for organization: Organization) -> UpstreamRoute? {
        // Without rules (the usual single-backend set-up) nothing is built: this runs for every request.
        guard !rules.isEmpty else { return nil }
        let identifiers = [organization.id, organization.slug, organization.uuid, organization.name].compactMap { $0 }
        return rules.first { rule in
            identifiers.contains {
                $0 == rule.organization || ($0.count == 36 && $0.lowercased() == rule.organization.lowercased())
            }
        }?.route
    }
}
