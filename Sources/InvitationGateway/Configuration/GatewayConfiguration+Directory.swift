import InvitationCore

extension GatewayConfiguration {
    /// Reads `state`: `{database: FILE, idempotencyKeySeconds: N, invitationIndexSeconds: N}`.
    static func state(
        _ place: ConfigurationReader.Place, _ reader: ConfigurationReader
    ) throws(ConfigurationError) -> StateConfiguration {
        try reader.keys(place, allowed: ["database", "idempotencyKeySeconds", "invitationIndexSeconds"])
        var state = StateConfiguration()
        if let database = try reader.string(place.child("database")) {
            guard !database.isEmpty else {
                throw reader.fail(place.child("database"), "expected a file path or :memory:")
            }
            state.database = database
        }
        state.idempotencyKeySeconds =
            try reader.double(place.child("idempotencyKeySeconds"), in: 1...(366 * 24 * 3600))
            ?? state.idempotencyKeySeconds
        state.invitationIndexSeconds =
            try reader.double(place.child("invitationIndexSeconds"), in: 60...(3660 * 24 * 3600))
            ?? state.invitationIndexSeconds
        return state
    }

    /// Reads `organizations`: a list of `{id, slug, uuid, name, logoURL}`, each with at least one identifier.
    static func organizations(
        _ place: ConfigurationReader.Place, _ reader: ConfigurationReader
    ) throws(ConfigurationError) -> [Organization] {
        var organizations: [Organization] = []
        for element in try reader.elements(place) {
            try reader.keys(element, allowed: ["id", "slug", "uuid", "name", "logoURL"])
            let organization = Organization(
                id: try reader.string(element.child("id")), slug: try reader.string(element.child("slug")),
                uuid: try reader.string(element.child("uuid")), name: try reader.string(element.child("name")),
                logoURL: try reader.string(element.child("logoURL")))
            guard !organization.isUnidentified else {
                throw reader.fail(element, "an organization needs at least one of id, slug, uuid or name")
            }
            organizations.append(organization)
        }
        return organizations
    }

    /// Reads `routing`: `{default: NAME, rules: [{organization: X, upstream: NAME}]}`; names must be upstreams.
    static func routing(
        _ place: ConfigurationReader.Place, _ reader: ConfigurationReader, upstreams: Set<String>
    ) throws(ConfigurationError) -> RoutingConfiguration {
        try reader.keys(place, allowed: ["default", "rules"])
        var routing = RoutingConfiguration()
        let known = upstreams.sorted().joined(separator: ", ")
        if let name = try reader.string(place.child("default")) {
            guard upstreams.contains(name) else {
                throw reader.fail(place.child("default"), "no upstream is named '\(name)'; configured: \(known)")
            }
            routing.defaultUpstream = name
        }
        for element in try reader.elements(place.child("rules")) {
            try reader.keys(element, allowed: ["organization", "upstream"])
            guard let organization = try reader.string(element.child("organization")), !organization.isEmpty else {
                throw reader.fail(element.child("organization"), "is required: an organization id, slug, uuid or name")
            }
            guard let upstream = try reader.string(element.child("upstream")) else {
                throw reader.fail(element.child("upstream"), "is required: an upstream name")
            }
            guard upstreams.contains(upstream) else {
                throw reader.fail(element.child("upstream"), "no upstream is named '\(upstream)'; configured: \(known)")
            }
            routing.rules.append(RoutingConfiguration.Rule(organization: organization, upstream: upstream))
        }
        return routing
    }
}
