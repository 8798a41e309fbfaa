/// Which upstream serves which organization (config key `routing`), for a front door before several backends.
///
/// ```yaml
/// routing:
///   default: main                # optional: the upstream for everything no rule takes
///   rules:
///     - {organization: acme, upstream: legacy}        # any identifier: id, slug, uuid or name
///     - {organization: org-s1t2u3, upstream: k0rdent}
/// ```
///
/// A request naming an organization goes to the first rule's upstream whose `organization` is any of that
/// organization's identifiers (after the `organizations` directory filled them in). An operation naming only
/// an invitation id goes where the invitation index saw that id. Everything else goes to `routing.default`
/// when set, else to the caller dialect's upstream (`upstreams[i].callers`, else the first upstream without
/// `callers`).
public struct RoutingConfiguration: Sendable, Hashable {
    /// `routing.rules[i]`: one organization identifier and the upstream name that serves it.
    public struct Rule: Sendable, Hashable {
        /// `organization`: an id, slug, uuid or name.
        public var organization: String
        /// `upstream`: an `upstreams[i].name`.
        public var upstream: String

        public init(organization: String, upstream: String) {
            self.organization = organization
            self.upstream = upstream
        }
    }

    /// `routing.default`: the upstream name for requests no rule or index entry routes (optional).
    public var defaultUpstream: String?
    /// `routing.rules`, in order; the first that matches wins.
    public var rules: [Rule]

    public init(defaultUpstream: String? = nil, rules: [Rule] = []) {
        self.defaultUpstream = defaultUpstream
        self.rules = rules
    }
}
