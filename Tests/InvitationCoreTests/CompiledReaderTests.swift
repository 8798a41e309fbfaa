import Foundation
import PropertyBased
import Testing

@testable import InvitationCore

/// The compiled reads of create requests and one-email answers against the interpreter: on every input, plain or
/// not, ``Dialect/parseRequest(route:pathParameters:query:body:)`` and
/// ``Dialect/parseResponse(route:status:body:request:)`` give what the interpreter alone gives.
@Suite struct CompiledReaderTests {
    /// A plain input of a route with a compiled reader.
    struct Case: Sendable, CustomTestStringConvertible {
        enum Kind: Sendable { case request, answer }
        let dialect: String
        let kind: Kind
        let single: Bool
        let pathParameters: [String: String]
        let body: String
        var testDescription: String { "\(dialect) \(kind)\(single ? " (one email)" : "")" }

        var route: Route {
            let dialect = Mappings.dialect(dialect)
            guard let route = dialect.routes.first(where: { $0.operation == .createInvitations && $0.single == single })
            else { fatalError("\(dialect.name) has no such create") }
            return route
        }

        var isCompiled: Bool {
            switch kind {
            case .request: route.createReader != nil
            case .answer: route.invitationReader != nil
            }
        }

        /// Whether the compiled reader reads `body` (not left to the interpreter).
        func compiledReads(_ body: JSONValue) -> Bool {
            switch kind {
            case .request: route.createReader?.read(body: body, pathParameters: pathParameters) != nil
            case .answer: route.invitationReader?.read(body: body) != nil
            }
        }

        /// What a read gives.
        enum Read: Hashable {
            case request(CanonicalRequest)
            case answer(CanonicalResponse)
        }

        /// Both reads of one body, as results.
        func bothReads(_ body: [UInt8]) -> (
            compiled: Result<Read, GatewayError>, interpreted: Result<Read, GatewayError>
        ) {
            let dialect = Mappings.dialect(dialect)
            let route = route
            func read(_ compiled: Bool) -> Result<Read, GatewayError> {
                Result { () throws(GatewayError) in
                    switch kind {
                    case .request:
                        let request = try dialect.parseRequest(
                            route: route, pathParameters: pathParameters, query: nil, body: body, compiled: compiled)
                        return .request(request)
                    case .answer:
                        let response = try dialect.parseResponse(
                            route: route, status: 201, body: body, request: CompiledReaderTests.sent,
                            compiled: compiled)
                        return .answer(response)
                    }
                }
            }
            return (read(true), read(false))
        }
    }

    static let sent = CanonicalRequest.createInvitations(
        CreateInvitationsInput(organization: Organization(slug: "acme"), emails: ["ada@example.com"], roles: ["admin"]))

    static let cases: [Case] = [
        Case(
            dialect: "inkeep", kind: .request, single: false, pathParameters: [:],
            body: #"{"emails":["ada@example.com","bo@example.com"],"organizationId":"acme","role":"admin"}"#),
        Case(
            dialect: "inkeep", kind: .request, single: true, pathParameters: [:],
            body: #"{"email":"ada@example.com","role":"member","organizationId":"acme"}"#),
        Case(
            dialect: "k0rdent", kind: .request, single: true, pathParameters: ["id": "acme"],
            body: #"{"email":"ada@example.com","roles":["admin"],"groups":["platform"],"message":"Welcome"}"#),
        Case(
            dialect: "dreadnode", kind: .request, single: true, pathParameters: ["org_slug": "acme"],
            body: #"{"email":"ada@example.com","role":"admin","send_email":true}"#),
        Case(
            dialect: "k0rdent", kind: .answer, single: true, pathParameters: [:],
            body:
                #"{"selfLink":"/v1/regions/global/organizations/acme/invitations/invitation-y8z9a1","uid":"07cc67f4-45d6-494b-adac-09b5cbc7e2b5","id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","displayName":"Ada","email":"ada@example.com","roles":["admin"],"groups":["platform"],"status":"pending","createdAt":"2019-08-24T14:15:22Z","expiresAt":"2019-08-31T14:15:22.250+02:00"}"#
        ),
        Case(
            dialect: "dreadnode", kind: .answer, single: true, pathParameters: [:],
            body:
                #"{"id":"5f0c3a9e-8d2b-4e51-9a47-1c2d3e4f5a6b","organization_slug":"acme","email":"ada@example.com","role":"admin","status":"pending","created_at":"2019-08-24T14:15:22Z","expires_at":"2019-08-31T14:15:22Z","email_sent":true}"#
        ),
    ]

    /// Values a member is replaced with: wrong types, nulls, words outside vocabularies, bad dates and emails.
    static let replacements: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(42), .double(1.5), .string(""), .string("not a date"),
        .string("owner"), .string("accepted"), .string("expired"), .string("member"), .string("nobody@"),
        .string("eve@example.com"), .string("2019-02-30T00:00:00Z"), .string("2019-08-24T14:15:60Z"),
        .string(String(repeating: "x", count: 501)), .array([]), .array([.string("admin")]),
        .array([.string("admin"), .string("member")]), .array([.string("eve@example.com")]), .array([.string("")]),
        .array([.int(1)]), .array([.null]), .object(JSONObject()), .object(["a": .int(1)]),
        .array([.object(["projectId": .string("p1"), "projectRole": .string("admin")])]),
    ]

    @Test(arguments: cases)
    func theBenchmarkedRoutesAreCompiled(_ plain: Case) {
        #expect(plain.isCompiled)
    }

    @Test(arguments: cases)
    func aPlainInputIsReadByTheCompiledReaderAsTheInterpreterReadsIt(_ plain: Case) {
        #expect(plain.compiledReads(Mappings.json(plain.body)), "the plain input must take the compiled read")
        let (compiled, interpreted) = plain.bothReads(Array(plain.body.utf8))
        #expect(compiled == interpreted)
        if case .failure(let error) = compiled { Issue.record("not read: \(error)") }
    }

    /// Every member removed, or replaced by each of ``replacements``, one at a time; and an unknown member.
    @Test(arguments: cases)
    func everySingleChangeReadsAsTheInterpreterReadsIt(_ plain: Case) throws {
        guard case .object(let object) = Mappings.json(plain.body) else { throw FixtureError("not an object") }
        var variants: [JSONObject] = []
        for member in object.members {
            var removed = object
            removed[member.key] = nil
            variants.append(removed)
            for replacement in Self.replacements {
                var changed = object
                changed[member.key] = replacement
                variants.append(changed)
            }
        }
        var unknown = object
        unknown["surprise"] = .int(1)
        variants.append(unknown)
        var compiledReads = 0
        for variant in variants {
            if plain.compiledReads(.object(variant)) { compiledReads += 1 }
            let bytes = JSONValue.object(variant).jsonBytes
            let (compiled, interpreted) = plain.bothReads(bytes)
            #expect(compiled == interpreted, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Not a vacuous comparison: the changes the dialect accepts take the compiled read.
        #expect(compiledReads >= object.count)
    }

    /// Generated combinations of up to four changes (a member removed or replaced, an unknown one added), and
    /// bodies that are not objects.
    @Test(arguments: cases)
    func combinationsOfChangesReadAsTheInterpreterReadsThem(_ plain: Case) async throws {
        guard case .object(let object) = Mappings.json(plain.body) else { throw FixtureError("not an object") }
        let keys = object.keys + ["surprise", "extensions", "assignments", "organization_slug"]
        // A change: which key, and which replacement (one past the last: the member removed).
        let change = zip(Gen.int(in: 0...(keys.count - 1)), Gen.int(in: 0...Self.replacements.count))
        await propertyCheck(count: 300, input: change.array(of: 1...4)) { changes in
            var variant = object
            for (key, choice) in changes {
                variant[keys[key]] = choice == Self.replacements.count ? nil : Self.replacements[choice]
            }
            let bytes = JSONValue.object(variant).jsonBytes
            let (compiled, interpreted) = plain.bothReads(bytes)
            #expect(compiled == interpreted, "\(String(decoding: bytes, as: UTF8.self))")
        }
        for body in ["", "  ", "[]", "null", "\"text\"", "{\"a\":", "{}"] {
            let (compiled, interpreted) = plain.bothReads(Array(body.utf8))
            #expect(compiled == interpreted, "\(body)")
        }
    }

    @Test func aPathParameterIsReadAsTheInterpreterReadsIt() throws {
        let plain = try #require(Self.cases.first { $0.dialect == "k0rdent" && $0.kind == .request })
        for id in ["", "acme", "ACME", "a b", "42"] {
            let changed = Case(
                dialect: plain.dialect, kind: plain.kind, single: plain.single, pathParameters: ["id": id],
                body: plain.body)
            let (compiled, interpreted) = changed.bothReads(Array(plain.body.utf8))
            #expect(compiled == interpreted, "\(id)")
        }
    }

    @Test func aRuleWithAFeatureTheReaderDoesNotReadIsNotCompiled() {
        // inkeep's batch create answers with a list of items, not one invitation.
        let inkeep = Mappings.dialect("inkeep")
        let batch = inkeep.routes.first { $0.operation == .createInvitations && !$0.single }
        #expect(batch?.invitationReader == nil)
        // An object member with a default is not read.
        let nested = Rule(
            kind: .object([
                Rule.Member(
                    name: "inviter",
                    rule: Rule(
                        kind: .object([
                            Rule.Member(
                                name: "id", rule: Rule(kind: .leaf, canonical: CanonicalPath("id"), source: "t"))
                        ]), canonical: CanonicalPath("inviter"), defaultValue: .object(JSONObject()), source: "t"))
            ]), canonical: nil, source: "t")
        #expect(CompiledReader<Invitation>.compile(body: nested) == nil)
        // A canonical path the typed model has no field for.
        let unmapped = Rule(
            kind: .object([
                Rule.Member(
                    name: "n",
                    rule: Rule(kind: .leaf, canonical: CanonicalPath("organization.memberCount"), source: "t"))
            ]), canonical: nil, source: "t")
        #expect(CompiledReader<Invitation>.compile(body: unmapped) == nil)
    }
}
