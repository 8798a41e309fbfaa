import InvitationCore
import Testing

/// Golden fixtures of requests: every seed and known request example, read by its dialect, written back in
/// the same dialect and in every other one.
@Suite struct GoldenRequestTests {
    let pipeline = Pipeline(registry: Mappings.registry)

    /// Dialect → canonical → the same dialect gives back the request that came in.
    @Test(arguments: FixtureCase.cases(.request))
    func roundTripsThroughCanonical(_ fixture: FixtureCase) throws {
        let dialect = Mappings.dialect(fixture.dialect)
        let request: CanonicalRequest
        switch try pipeline.parseRequest(fixture) {
        case .failure(let error):
            #expect(fixture.expectsRejection, "refused: \(error)")
            return
        case .success(let parsed):
            #expect(!fixture.expectsRejection, "accepted a request the case expects refused")
            request = parsed
        }
        let (_, route, _) = try pipeline.route(of: fixture)
        let rendered = try dialect.renderRequest(request)
        guard rendered.route.method == route.method, rendered.route.path == route.path else {
            // An inbound-only route (inkeep's pending and verify): the dialect sends it another way, and
            // reading that back must give the same canonical operation.
            let back = try reparse(rendered, in: dialect)
            Self.expectFaithful(request, back, rendered: rendered, target: dialect)
            return
        }
        #expect(rendered.losses.isEmpty, "lost \(rendered.losses)")
        #expect(rendered.request.method == fixture.method)
        #expect(rendered.request.path == fixture.path)
        #expect(Self.queryItems(rendered.request.query) == Self.queryItems(fixture.query))
        #expect(Pipeline.bodyJSON(rendered.request.body) == (fixture.bodyJSON ?? .null))
    }

    /// Every pair of dialects: the request translated for an upstream of each dialect matches its golden,
    /// and reading the translation back keeps every field the target can carry.
    @Test(arguments: FixtureCase.cases(.request))
    func translatesToEveryDialect(_ fixture: FixtureCase) throws {
        let caller = Mappings.dialect(fixture.dialect)
        guard case .success(let request) = try pipeline.parseRequest(fixture) else {
            let error = try #require(try pipeline.parseRequest(fixture).failureValue)
            Golden.check(
                ["refused": Pipeline.describe(caller.renderError(error))],
                at: "cases/\(fixture.name)/expected/\(caller.name).json")
            return
        }
        for target in Mappings.registry.dialects {
            let description = Pipeline.describeRequest(request, to: target, caller: caller)
            Golden.check(description, at: "cases/\(fixture.name)/expected/\(target.name).json")
            let rendered: RenderedRequest
            do {
                rendered = try target.renderRequest(request)
            } catch {
                // Refused only when the target lacks the operation or needs input the request does not give.
                let lacksOperation = !target.outboundOperations.contains(request.operation)
                #expect(lacksOperation ? error.code == .notImplemented : error.code == .validationFailed, "\(error)")
                continue
            }
            Self.expectFaithful(request, try reparse(rendered, in: target), rendered: rendered, target: target)
        }
    }

    /// What came back from `target` equals what went in, and whatever did not come back was reported as a
    /// loss or has no place in the route.
    static func expectFaithful(
        _ request: CanonicalRequest, _ back: CanonicalRequest, rendered: RenderedRequest, target: Dialect,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let comparison = CanonicalComparison(before: request.canonical, after: back.canonical)
        // Losses found while writing name the dialect member (`role`); those found by coverage name the
        // canonical path. Both are compared as canonical paths.
        let losses = rendered.losses.map { loss in
            rendered.route.body.map {
                FieldViolation(
                    location: GoldenResponseTests.canonicalPath(ofMember: loss.location, in: $0, prefix: ""),
                    message: loss.message, type: loss.type)
            } ?? loss
        }
        let changed = comparison.changed.filter { !CanonicalComparison.isReported($0.path, losses: losses) }
        #expect(
            changed.isEmpty, "\(target.name) changed \(changed) without reporting it", sourceLocation: sourceLocation)
        #expect(
            comparison.invented.isEmpty, "\(target.name) invented \(comparison.invented)",
            sourceLocation: sourceLocation)
        for path in comparison.dropped {
            #expect(
                CanonicalComparison.isAccountedFor(path, losses: losses, coverage: rendered.route.coverage),
                "\(target.name) dropped \(path) without reporting it", sourceLocation: sourceLocation)
        }
    }

    /// Reads a rendered request back with the route it was rendered for.
    func reparse(_ rendered: RenderedRequest, in dialect: Dialect) throws -> CanonicalRequest {
        try Self.reparse(rendered, in: dialect, registry: Mappings.registry)
    }

    /// Reads a rendered request back through `registry`'s route table.
    static func reparse(_ rendered: RenderedRequest, in dialect: Dialect, registry: DialectRegistry) throws
        -> CanonicalRequest
    {
        guard
            case .route(let matched, let route, let parameters) = registry.match(
                method: rendered.request.method, path: rendered.request.path)
        else { throw FixtureError("\(rendered.request.target) does not route") }
        #expect(matched.name == dialect.name)
        return try matched.parseRequest(
            route: route, pathParameters: parameters, query: rendered.request.query, body: rendered.request.body)
    }

    /// Query items as name/value pairs, order-insensitive.
    static func queryItems(_ query: String?) -> [String] {
        (query ?? "").split(separator: "&").map(String.init).sorted()
    }
}

extension Result {
    /// The error of a failed result.
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
