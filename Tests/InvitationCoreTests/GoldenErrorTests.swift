import InvitationCore
import Testing

/// Golden fixtures of error answers: every seed error example read by its dialect and shown in every dialect.
@Suite struct GoldenErrorTests {
    /// The error read from the fixture's dialect and status.
    func parse(_ fixture: FixtureCase) throws -> GatewayError {
        let status = try #require(fixture.status)
        return Mappings.dialect(fixture.dialect).parseError(status: status, body: fixture.body)
    }

    /// A 4xx error rendered back in its own dialect equals the body that came in; a 5xx keeps status and code
    /// but never the upstream's own text.
    @Test(arguments: FixtureCase.cases(.error))
    func roundTripsThroughCanonical(_ fixture: FixtureCase) throws {
        let dialect = Mappings.dialect(fixture.dialect)
        let error = try parse(fixture)
        #expect(error.status == fixture.status)
        let rendered = dialect.renderError(error, instance: fixture.instance)
        if fixture.roundTripsExactly { #expect(rendered.status == fixture.status) }
        #expect(rendered.contentType == dialect.errors.contentType)
        let again = dialect.parseError(status: rendered.status, body: rendered.body)
        #expect(again.code == error.code)
        #expect(again.fieldViolations == error.fieldViolations)
        if !fixture.roundTripsExactly {
            #expect(Pipeline.bodyJSON(rendered.body) != fixture.bodyJSON, "round-trips exactly: drop roundTrip: false")
        } else if try #require(fixture.status) < 500 {
            #expect(Pipeline.bodyJSON(rendered.body) == fixture.bodyJSON)
        } else {
            let original = String(decoding: fixture.body, as: UTF8.self)
            #expect(!error.message.isEmpty && !original.contains(error.message))
        }
    }

    /// The error as every dialect's envelope shows it.
    @Test(arguments: FixtureCase.cases(.error))
    func translatesToEveryDialect(_ fixture: FixtureCase) throws {
        let error = try parse(fixture)
        for target in Mappings.registry.dialects {
            let rendered = target.renderError(error, instance: fixture.instance)
            Golden.check(Pipeline.describe(rendered), at: "cases/\(fixture.name)/expected/\(target.name).json")
            let back = target.parseError(status: rendered.status, body: rendered.body).code
            #expect(
                Self.indistinguishable(from: error.code, in: target).contains(back), "\(target.name) read back \(back)")
        }
    }

    /// The codes a dialect writes exactly as it writes `code` (same status, same code word): reading the
    /// envelope back can only tell them apart by other means (k0rdent's 400 serves two codes).
    static func indistinguishable(from code: GatewayErrorCode, in dialect: Dialect) -> Set<GatewayErrorCode> {
        let written = dialect.errors.entry(for: code)
        let twins = dialect.errors.entries.filter {
            $0.status == written.status && $0.dialectCode == written.dialectCode
        }
        return Set(twins.map(\.canonical)).union([code])
    }
}
