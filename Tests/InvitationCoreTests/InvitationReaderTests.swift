import Foundation
import PropertyBased
import Testing

@testable import InvitationCore

/// The compiled read of a one-email create's answer against the interpreter: on every answer, plain or not,
/// ``Dialect/parseResponse(route:status:body:request:)`` gives what the interpreter alone gives.
@Suite struct InvitationReaderTests {
    /// A plain answer of each dialect whose upstream creates one email per call.
    static let answers: [(dialect: String, body: String)] = [
        (
            "k0rdent",
            #"{"selfLink":"/v1/regions/global/organizations/acme/invitations/invitation-y8z9a1","uid":"07cc67f4-45d6-494b-adac-09b5cbc7e2b5","id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","displayName":"Ada","email":"ada@example.com","roles":["admin"],"groups":["platform"],"status":"pending","createdAt":"2019-08-24T14:15:22Z","expiresAt":"2019-08-31T14:15:22.250+02:00"}"#
        ),
        (
            "dreadnode",
            #"{"id":"5f0c3a9e-8d2b-4e51-9a47-1c2d3e4f5a6b","organization_slug":"acme","email":"ada@example.com","role":"admin","status":"pending","created_at":"2019-08-24T14:15:22Z","expires_at":"2019-08-31T14:15:22Z","email_sent":true}"#
        ),
    ]

    /// Values a member is replaced with: wrong types, nulls, words outside vocabularies, bad dates and emails.
    static let replacements: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(42), .double(1.5), .string(""), .string("not a date"),
        .string("owner"), .string("accepted"), .string("expired"), .string("member"), .string("nobody@"),
        .string("2019-02-30T00:00:00Z"), .string("2019-08-24T14:15:60Z"), .array([]), .array([.string("admin")]),
        .array([.string("admin"), .string("member")]), .array([.int(1)]), .array([.null]), .object(JSONObject()),
        .object(["a": .int(1)]),
    ]

    static let request = CanonicalRequest.createInvitations(
        CreateInvitationsInput(organization: Organization(slug: "acme"), emails: ["ada@example.com"], roles: ["admin"]))

    static func route(of dialect: Dialect) -> Route {
        guard let route = dialect.routes.first(where: { $0.operation == .createInvitations && $0.single }) else {
            fatalError("\(dialect.name) has no one-email create")
        }
        return route
    }

    /// Both reads of one answer, as results.
    static func bothReads(_ dialect: Dialect, _ body: [UInt8]) -> (
        compiled: Result<CanonicalResponse, GatewayError>, interpreted: Result<CanonicalResponse, GatewayError>
    ) {
        let route = route(of: dialect)
        let compiled = Result { () throws(GatewayError) in
            try dialect.parseResponse(route: route, status: 201, body: body, request: request)
        }
        let interpreted = Result { () throws(GatewayError) in
            try dialect.parseResponse(route: route, status: 201, body: body, request: request, compiled: false)
        }
        return (compiled, interpreted)
    }

    @Test(arguments: answers.map(\.dialect))
    func theBenchmarkedUpstreamsHaveACompiledReader(_ name: String) {
        #expect(Self.route(of: Mappings.dialect(name)).invitationReader != nil)
    }

    @Test(arguments: answers)
    func aPlainAnswerIsReadByTheCompiledReaderAsTheInterpreterReadsIt(_ dialect: String, _ body: String) throws {
        let dialect = Mappings.dialect(dialect)
        let reader = try #require(Self.route(of: dialect).invitationReader)
        #expect(reader.read(Mappings.json(body)) != nil, "the plain answer must take the compiled read")
        let (compiled, interpreted) = Self.bothReads(dialect, Array(body.utf8))
        #expect(compiled == interpreted)
        guard case .success(.createInvitations(let output)) = compiled else {
            Issue.record("not read: \(compiled)")
            return
        }
        #expect(output.results.first?.invitation?.id != nil)
    }

    /// Every member removed, or replaced by each of ``replacements``, one at a time; and an unknown member.
    @Test(arguments: answers)
    func everySingleChangeOfAnAnswerReadsAsTheInterpreterReadsIt(_ dialect: String, _ body: String) throws {
        let dialect = Mappings.dialect(dialect)
        guard case .object(let plain) = Mappings.json(body) else { throw FixtureError("not an object") }
        var variants: [JSONObject] = []
        for member in plain.members {
            var removed = plain
            removed[member.key] = nil
            variants.append(removed)
            for replacement in Self.replacements {
                var changed = plain
                changed[member.key] = replacement
                variants.append(changed)
            }
        }
        var unknown = plain
        unknown["surprise"] = .int(1)
        variants.append(unknown)
        var compiledReads = 0
        let reader = try #require(Self.route(of: dialect).invitationReader)
        for variant in variants {
            let bytes = JSONValue.object(variant).jsonBytes
            if reader.read(.object(variant)) != nil { compiledReads += 1 }
            let (compiled, interpreted) = Self.bothReads(dialect, bytes)
            #expect(compiled == interpreted, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Not a vacuous comparison: many variants (every changed value the dialect accepts) take the compiled read.
        #expect(compiledReads > plain.count)
    }

    /// Generated combinations of up to four changes (a member removed or replaced, an unknown one added).
    @Test(arguments: answers)
    func combinationsOfChangesReadAsTheInterpreterReadsThem(_ dialect: String, _ body: String) async throws {
        let dialect = Mappings.dialect(dialect)
        guard case .object(let plain) = Mappings.json(body) else { throw FixtureError("not an object") }
        let keys = plain.keys + ["surprise", "extensions"]
        // A change: which key, and which replacement (one past the last: the member removed).
        let change = zip(Gen.int(in: 0...(keys.count - 1)), Gen.int(in: 0...Self.replacements.count))
        await propertyCheck(count: 300, input: change.array(of: 1...4)) { changes in
            var variant = plain
            for (key, choice) in changes {
                variant[keys[key]] = choice == Self.replacements.count ? nil : Self.replacements[choice]
            }
            let bytes = JSONValue.object(variant).jsonBytes
            let (compiled, interpreted) = Self.bothReads(dialect, bytes)
            #expect(compiled == interpreted, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func aRuleWithAFeatureTheReaderDoesNotReadIsNotCompiled() {
        // inkeep's batch create answers with a list of items, not one invitation.
        let inkeep = Mappings.dialect("inkeep")
        let batch = inkeep.routes.first { $0.operation == .createInvitations && !$0.single }
        #expect(batch?.invitationReader == nil)
        // An object member (a nested rule) is left to the interpreter.
        let nested = Rule(
            kind: .object([
                Rule.Member(
                    name: "inviter",
                    rule: Rule(
                        kind: .object([
                            Rule.Member(
                                name: "id", rule: Rule(kind: .leaf, canonical: CanonicalPath("id"), source: "t"))
                        ]), canonical: CanonicalPath("inviter"), source: "t"))
            ]), canonical: nil, source: "t")
        #expect(InvitationReader.compile(nested) == nil)
        // A canonical path the typed model has no field for.
        let unmapped = Rule(
            kind: .object([
                Rule.Member(
                    name: "n",
                    rule: Rule(kind: .leaf, canonical: CanonicalPath("organization.memberCount"), source: "t"))
            ]), canonical: nil, source: "t")
        #expect(InvitationReader.compile(unmapped) == nil)
    }
}
