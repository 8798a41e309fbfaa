import Testing

@testable import InvitationCore

/// Golden fixtures of responses: every seed and known response example, read by its dialect, written back in
/// the same dialect and in every dialect that carries the operation.
@Suite struct GoldenResponseTests {
    let pipeline = Pipeline(registry: Mappings.registry)

    /// Dialect → canonical → the same dialect (on the same route) gives back the body that came in.
    @Test(arguments: FixtureCase.cases(.response))
    func roundTripsThroughCanonical(_ fixture: FixtureCase) throws {
        let (dialect, route, _) = try pipeline.route(of: fixture)
        let response = try pipeline.parseResponse(fixture).get()
        let rendered = dialect.renderResponse(response, route: route)
        #expect(rendered.status == (fixture.status ?? route.successStatus))
        if fixture.roundTripsExactly {
            #expect(Pipeline.bodyJSON(rendered.body) == (fixture.bodyJSON ?? .null))
        } else {
            #expect(
                Pipeline.bodyJSON(rendered.body) != (fixture.bodyJSON ?? .null),
                "round-trips exactly: drop roundTrip: false")
        }
        if !rendered.body.isEmpty { #expect(rendered.contentType == dialect.contentType) }
    }

    /// Every dialect that carries the operation answers with its golden, and reading that answer back keeps
    /// every field the dialect's answer can carry.
    @Test(arguments: FixtureCase.cases(.response))
    func translatesToEveryDialect(_ fixture: FixtureCase) throws {
        let response = try pipeline.parseResponse(fixture).get()
        let request = try fixture.canonicalRequest()
        for target in Mappings.registry.dialects {
            guard let route = Pipeline.callerRoute(in: target, for: request) else {
                #expect(!Golden.targets(of: fixture).contains(target.name), "stale golden for \(target.name)")
                continue
            }
            let rendered = target.renderResponse(response, route: route)
            Golden.check(Pipeline.describe(rendered), at: "cases/\(fixture.name)/expected/\(target.name).json")
            try Self.expectFaithful(response, rendered: rendered, on: route, of: target, answering: request)
        }
    }

    /// Reading an answer back from `target` gives what was written, less only what its route cannot carry.
    static func expectFaithful(
        _ response: CanonicalResponse, rendered: DialectResponse, on route: Route, of target: Dialect,
        answering request: CanonicalRequest, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        // A revoke answered without the invitation (k0rdent's 204) leaves a body-shaped route empty.
        guard (200...299).contains(rendered.status), !(rendered.body.isEmpty && response.canonical == [:]) else {
            return
        }
        let back = try target.parseResponse(
            route: route, status: rendered.status, body: rendered.body, request: request)
        let comparison = CanonicalComparison(before: response.canonical, after: back.canonical)
        let changed = comparison.changed.filter { !isDerived($0.path, route: route) }
        #expect(changed.isEmpty, "\(target.name) changed \(changed)", sourceLocation: sourceLocation)
        let invented = comparison.invented.filter { !isDerived($0, route: route) }
        #expect(invented.isEmpty, "\(target.name) invented \(invented)", sourceLocation: sourceLocation)
        let (coverage, losses) = coverageAndLosses(of: response, route: route)
        for path in comparison.dropped where !isDerived(path, route: route) {
            #expect(
                CanonicalComparison.isAccountedFor(path, losses: losses, coverage: coverage),
                "\(target.name) dropped \(path), which its answer can carry", sourceLocation: sourceLocation)
        }
    }

    /// What a route's answer can carry, and what writing `response` on it could not say (a role outside
    /// its vocabulary), as canonical paths of the response.
    static func coverageAndLosses(of response: CanonicalResponse, route: Route) -> (Set<String>, [FieldViolation]) {
        guard let rule = route.responseBody else { return ([], []) }
        // A single create answers with the one invitation of `results[0]`.
        let prefix = route.single ? "results[0].invitation" : ""
        var source = response.canonical.objectValue ?? [:]
        if route.single {
            source = CanonicalPath("results").value(in: source)?.arrayValue?.first?["invitation"]?.objectValue ?? [:]
        }
        var context = WriteContext()
        _ = rule.write(from: source, at: "", &context)
        let losses = context.losses.map { loss in
            // Loss locations name the dialect member; the rule's canonical path is what the comparison sees.
            FieldViolation(
                location: canonicalPath(ofMember: loss.location, in: rule, prefix: prefix), message: loss.message,
                type: loss.type)
        }
        let coverage = rule.coverage(prefix: "").map { prefix.isEmpty ? $0 : "results[].invitation.\($0)" }
        return (Set(coverage), losses)
    }

    /// The canonical path a dialect location (`invitation.access.level`) of an object rule writes from,
    /// walking nested object members and joining their canonical paths.
    static func canonicalPath(ofMember location: String, in rule: Rule, prefix: String) -> String {
        var keys = prefix.isEmpty ? [String]() : [prefix]
        var current = rule
        for name in location.split(separator: ".").map(String.init) {
            guard case .object(let members) = current.kind, let found = members.first(where: { $0.name == name }) else {
                return location
            }
            if let path = found.rule.canonical, !path.isRoot { keys.append(path.description) }
            current = found.rule
        }
        return keys.joined(separator: ".")
    }

    /// Values the engine derives rather than maps: a single create's item `email`/`outcome` (and the
    /// invitation's email, which is the item's), and `accepted`.
    static func isDerived(_ path: String, route: Route) -> Bool {
        if route.single, path.hasPrefix("results[0].") {
            return ["results[0].email", "results[0].outcome", "results[0].invitation.email"].contains(path)
        }
        return path == "accepted"
    }
}
