@testable import InvitationCore
import Testing

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
            #expect(Pipeline.bodyJSON(rendered.body) != (fixture.bodyJSON ?? .null), "round-trips exactly: drop roundTrip: false")
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
            // A revoke answered without the invitation (k0rdent's 204) leaves a body-shaped route empty.
            guard (200...299).contains(rendered.status), !(rendered.body.isEmpty && response.canonical == [:]) else { continue }
            let back = try target.parseResponse(route: route, status: rendered.status, body: rendered.body, request: request)
            let comparison = CanonicalComparison(before: response.canonical, after: back.canonical)
            #expect(comparison.changed.isEmpty, "\(target.name) changed \(comparison.changed)")
            let invented = comparison.invented.filter { !Self.isDerived($0, route: route) }
            #expect(invented.isEmpty, "\(target.name) invented \(invented)")
            let (coverage, losses) = Self.coverageAndLosses(of: response, route: route)
            for path in comparison.dropped where !Self.isDerived(path, route: route) {
                #expect(
                    CanonicalComparison.isAccountedFor(path, losses: losses, coverage: coverage),
                    "\(target.name) dropped \(path), which its answer can carry")
            }
        }
    }

    /// What a route's answer can carry, and what writing `response` on it could not say (a role outside
    /// its vocabulary), as canonical paths of the response.
    static func coverageAndLosses(of response: CanonicalResponse, route: Route) -> (Set<String>, [FieldViolation]) {
        guard let rule = route.responseBody else { return ([], []) }
        // A single create answers with the one invitation of `results[0]`.
        let prefix = route.single ? "results[0].invitation" : ""
        var source = response.canonical.objectValue ?? [:]
        if route.single { source = CanonicalPath("results").value(in: source)?.arrayValue?.first?["invitation"]?.objectValue ?? [:] }
        var context = WriteContext()
        _ = rule.write(from: source, at: "", &context)
        let losses = context.losses.map { loss in
            // Loss locations name the dialect member; the rule's canonical path is what the comparison sees.
            FieldViolation(location: canonicalPath(ofMember: loss.location, in: rule, prefix: prefix), message: loss.message, type: loss.type)
        }
        let coverage = rule.coverage(prefix: "").map { prefix.isEmpty ? $0 : "results[].invitation.\($0)" }
        return (Set(coverage), losses)
    }

    /// The canonical path a top-level dialect member of an object rule writes from.
    static func canonicalPath(ofMember member: String, in rule: Rule, prefix: String) -> String {
        guard case .object(let members) = rule.kind, let found = members.first(where: { $0.name == member }),
            let path = found.rule.canonical
        else { return member }
        return prefix.isEmpty ? path.description : "\(prefix).\(path)"
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
