import Foundation
import PropertyBased
import Testing

@testable import InvitationCore

/// The compiled writes of create answers against the interpreter: on every result, plain or not,
/// ``Dialect/renderResponse(_:route:instance:)`` gives the bytes the interpreter alone gives.
@Suite struct CompiledWriterTests {
    /// Every create route of the shipped dialects, with its dialect.
    static let createRoutes: [(dialect: Dialect, route: Route)] = Mappings.names.flatMap { name in
        let dialect = Mappings.dialect(name)
        return dialect.routes.filter { $0.operation == .createInvitations }.map { (dialect, $0) }
    }

    static func route(_ dialect: String, single: Bool) -> (dialect: Dialect, route: Route) {
        let dialect = Mappings.dialect(dialect)
        guard let route = dialect.routes.first(where: { $0.operation == .createInvitations && $0.single == single })
        else { fatalError("\(dialect.name) has no such create") }
        return (dialect, route)
    }

    /// Both renderings of one result.
    static func bothRenders(_ response: CanonicalResponse, _ dialect: Dialect, _ route: Route) -> (
        compiled: DialectResponse, interpreted: DialectResponse
    ) {
        (
            dialect.renderResponse(response, route: route, instance: "/x", compiled: true),
            dialect.renderResponse(response, route: route, instance: "/x", compiled: false)
        )
    }

    // Each field's variants, the first being "absent": odd words, words outside vocabularies, text that needs
    // escaping, nulls and other types in extensions.
    static let ids: [String?] = [nil, "inv-1", "497f6eca-6276-4993-bfeb-53cbbbba6f08", "quote \" and \\ and \n", ""]
    static let emails: [String?] = [nil, "ada@example.com", "not an email", "Ünï@例え.jp"]
    static let roleLists: [[String]] = [[], ["admin"], ["owner", "member"], ["nobody"], ["member", "nobody"], [""]]
    static let groupLists: [[String]] = [[], ["research"], ["a", "b"], [""]]
    static let statuses: [InvitationStatus?] = [nil] + InvitationStatus.allCases
    static let dates: [Date?] = [
        nil, Date(timeIntervalSince1970: 1_566_656_122), Date(timeIntervalSince1970: 1_566_656_122.250),
        Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 4_102_444_799.999),
    ]
    static let organizations: [Organization] = [
        Organization(), Organization(id: "acme"), Organization(slug: "acme"),
        Organization(uuid: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70"),
        Organization(id: "org-1", slug: "acme", uuid: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70", name: "Acme Inc"),
        Organization(logoURL: "https://example.com/logo.png"), Organization(memberCount: 3),
    ]
    static let inviters: [Inviter?] = [
        nil, Inviter(), Inviter(id: "u-1"), Inviter(id: "u-1", name: "Ada", email: "ada@example.com"),
        Inviter(email: "e"),
    ]
    static let extensionSets: [JSONObject] = [
        JSONObject(), ["uid": "07cc67f4-45d6-494b-adac-09b5cbc7e2b5"], ["displayName": .null],
        ["uid": .int(5), "displayName": "Ada"], ["displayName": .object(["a": .int(1)])], ["other": .bool(true)],
    ]
    static let texts: [String?] = [nil, "Welcome", "", "/v1/x/invitations/y"]
    static let flags: [Bool?] = [nil, true, false]

    /// An invitation from one variant index per field (indexes wrap around).
    static func invitation(_ choice: [Int]) -> Invitation {
        func pick<T>(_ values: [T], _ slot: Int) -> T {
            values[(slot < choice.count ? choice[slot] : 0) % values.count]
        }
        return Invitation(
            id: pick(ids, 0), organization: pick(organizations, 1), email: pick(emails, 2), roles: pick(roleLists, 3),
            groups: pick(groupLists, 4), message: pick(texts, 5), sendEmail: pick(flags, 6),
            inviter: pick(inviters, 7), status: pick(statuses, 8), createdAt: pick(dates, 9),
            expiresAt: pick(dates, 10), link: pick(texts, 11), selfLink: pick(texts, 12),
            extensions: pick(extensionSets, 13))
    }

    static let plainInvitation = Invitation(
        id: "497f6eca-6276-4993-bfeb-53cbbbba6f08", organization: Organization(id: "acme"),
        email: "user@example.com", roles: ["admin"], groups: ["research"], status: .pending,
        createdAt: Date(timeIntervalSince1970: 1_566_656_122), expiresAt: Date(timeIntervalSince1970: 1_567_260_922),
        selfLink: "/v1/regions/global/organizations/acme/invitations/x",
        extensions: ["uid": "07cc67f4-45d6-494b-adac-09b5cbc7e2b5"])

    static func output(_ items: [BatchItemResult]) -> CanonicalResponse {
        .createInvitations(CreateInvitationsOutput(results: items))
    }

    @Test(arguments: [("inkeep", false), ("k0rdent", true), ("dreadnode", true)])
    func theBenchmarkedAnswersAreCompiled(_ dialect: String, _ single: Bool) {
        #expect(Self.route(dialect, single: single).route.answerWriter != nil)
    }

    @Test func aPlainAnswerIsWrittenByTheCompiledWriterAsTheInterpreterWritesIt() throws {
        var compiledRoutes = 0
        for (dialect, route) in Self.createRoutes {
            guard let writer = route.answerWriter else { continue }
            compiledRoutes += 1
            let response = Self.output([.success(Self.plainInvitation, email: "user@example.com")])
            guard case .createInvitations(let output) = response else { continue }
            #expect(writer.write(output) != nil, "\(dialect.name) \(route.path)")
            let (compiled, interpreted) = Self.bothRenders(response, dialect, route)
            #expect(compiled == interpreted, "\(dialect.name) \(route.path)")
        }
        #expect(compiledRoutes >= 3)
    }

    /// Every field of the plain invitation changed to each of its variants, one at a time, in every create route.
    @Test func everySingleChangeIsWrittenAsTheInterpreterWritesIt() {
        let fieldVariants = [
            Self.ids.count, Self.organizations.count, Self.emails.count, Self.roleLists.count, Self.groupLists.count,
            Self.texts.count, Self.flags.count, Self.inviters.count, Self.statuses.count, Self.dates.count,
            Self.dates.count, Self.texts.count, Self.texts.count, Self.extensionSets.count,
        ]
        let base = [1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 3, 1]
        var compiledWrites = 0
        for (dialect, route) in Self.createRoutes where route.answerWriter != nil {
            for (slot, count) in fieldVariants.enumerated() {
                for variant in 0..<count {
                    var choice = base
                    choice[slot] = variant
                    let invitation = Self.invitation(choice)
                    for email in ["user@example.com", ""] {
                        let response = Self.output([.success(invitation, email: email)])
                        if case .createInvitations(let output) = response, route.answerWriter?.write(output) != nil {
                            compiledWrites += 1
                        }
                        let (compiled, interpreted) = Self.bothRenders(response, dialect, route)
                        #expect(
                            compiled == interpreted,
                            "\(dialect.name) \(route.path): \(String(decoding: interpreted.body, as: UTF8.self))")
                    }
                }
            }
        }
        #expect(compiledWrites > 100)
    }

    /// Generated invitations (any combination of variants) in batches of up to three items, some failed or
    /// compensated, in every create route.
    @Test func generatedResultsAreWrittenAsTheInterpreterWritesThem() async {
        let item = zip(
            Gen.int(in: 0...40).array(of: 14), Gen.int(in: 0...5), Gen.element(of: ["a@example.com", "", "b \" c"])
        )
        await propertyCheck(count: 300, input: item.array(of: 1...3)) { items in
            let results = items.map { (choice: [Int], kind: Int, email: String?) -> BatchItemResult in
                let invitation = Self.invitation(choice)
                let email = email ?? ""
                switch kind {
                case 0: return BatchItemResult(email: email, outcome: .success, invitation: nil)
                case 1:
                    return .failure(GatewayError(code: .alreadyExists, message: "Already invited."), email: email)
                case 2:
                    return BatchItemResult(
                        email: email, outcome: .error, invitation: invitation,
                        error: GatewayError(code: .internal, message: "Failed."), compensated: false)
                case 3: return BatchItemResult(email: email, outcome: .error, invitation: invitation, compensated: true)
                default: return .success(invitation, email: email)
                }
            }
            for (dialect, route) in Self.createRoutes {
                let (compiled, interpreted) = Self.bothRenders(Self.output(results), dialect, route)
                #expect(compiled == interpreted, "\(dialect.name) \(route.path)")
            }
        }
        // No result at all: the interpreter's error, both ways.
        for (dialect, route) in Self.createRoutes {
            let (compiled, interpreted) = Self.bothRenders(Self.output([]), dialect, route)
            #expect(compiled == interpreted)
        }
    }

    @Test func aRuleWithAFeatureTheWriterDoesNotWriteIsNotCompiled() {
        let leaf = { (path: String) in Rule(kind: .leaf, canonical: CanonicalPath(path), source: "t") }
        // A nested object.
        let nested = Rule(
            kind: .object([
                Rule.Member(
                    name: "inviter",
                    rule: Rule(
                        kind: .object([Rule.Member(name: "id", rule: leaf("id"))]), canonical: CanonicalPath("inviter"),
                        source: "t"))
            ]), canonical: nil, source: "t")
        #expect(CompiledWriter<Invitation>.compile(nested) == nil)
        // A canonical path the typed model has no field for.
        let unmapped = Rule(
            kind: .object([Rule.Member(name: "n", rule: leaf("organization.memberCount"))]), canonical: nil,
            source: "t")
        #expect(CompiledWriter<Invitation>.compile(unmapped) == nil)
        // Extensions written as members.
        let extensions = Rule(
            kind: .object([Rule.Member(name: "id", rule: leaf("id"))]), canonical: nil, carriesExtensions: true,
            source: "t")
        #expect(CompiledWriter<Invitation>.compile(extensions) == nil)
        // A batch answer with a second member beside its results.
        let items = Rule(kind: .object([Rule.Member(name: "email", rule: leaf("email"))]), canonical: nil, source: "t")
        let twoMembers = Rule(
            kind: .object([
                Rule.Member(
                    name: "data",
                    rule: Rule(kind: .array(items: items), canonical: CanonicalPath("results"), source: "t")),
                Rule.Member(name: "count", rule: Rule(kind: .leaf, canonical: nil, constant: .int(1), source: "t")),
            ]), canonical: nil, source: "t")
        #expect(CompiledBatchWriter.compile(twoMembers) == nil)
    }
}
