import Foundation
import PropertyBased
import Testing

@testable import InvitationCore

/// The compiled writes of create requests against the interpreter: on every input, plain or not,
/// ``Dialect/renderRequest(_:)`` renders what the interpreter alone renders, or fails as it fails.
@Suite struct CompiledRequestWriterTests {
    /// What a rendering gives, comparable.
    struct Rendering: Equatable {
        let route: String
        let request: DialectRequest
        let losses: [FieldViolation]

        init(_ rendered: RenderedRequest) {
            route = rendered.route.source
            request = rendered.request
            losses = rendered.losses
        }
    }

    static func bothRenders(_ input: CreateInvitationsInput, _ dialect: Dialect) -> (
        compiled: Result<Rendering, GatewayError>, interpreted: Result<Rendering, GatewayError>
    ) {
        func render(_ compiled: Bool) -> Result<Rendering, GatewayError> {
            Result { () throws(GatewayError) in
                Rendering(try dialect.renderRequest(.createInvitations(input), compiled: compiled))
            }
        }
        return (render(true), render(false))
    }

    static let dialects = Mappings.names.map(Mappings.dialect)

    // Each field's variants, the first being "absent".
    static let organizations: [Organization] = [
        Organization(), Organization(id: "acme"), Organization(slug: "acme"),
        Organization(uuid: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70"),
        Organization(id: "org-1", slug: "acme", uuid: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70", name: "Acme Inc"),
        Organization(id: "a b/c?d"), Organization(id: ""), Organization(logoURL: "https://example.com/l.png"),
        Organization(id: "acme", memberCount: 3),
    ]
    static let emailLists: [[String]] = [
        [], ["ada@example.com"], ["not an email"], ["ada@example.com", "bo@example.com"], ["quote\"@example.com"],
    ]
    static let roleLists: [[String]] = [[], ["admin"], ["owner"], ["nobody"], ["admin", "member"], [""]]
    static let groupLists: [[String]] = [[], ["research"], ["a", "b"], [""]]
    static let assignments: [[ProjectAssignment]] = [[], [ProjectAssignment(projectID: "p1", role: "admin")]]
    static let messages: [String?] = [nil, "Welcome", "", String(repeating: "x", count: 600), "Bienvenue 👋\n"]
    static let flags: [Bool?] = [nil, true, false]
    static let extensionSets: [JSONObject] = [JSONObject(), ["uid": "x"], ["other": .null]]

    static func input(_ choice: [Int]) -> CreateInvitationsInput {
        func pick<T>(_ values: [T], _ slot: Int) -> T {
            values[(slot < choice.count ? choice[slot] : 0) % values.count]
        }
        return CreateInvitationsInput(
            organization: pick(organizations, 0), emails: pick(emailLists, 1), roles: pick(roleLists, 2),
            groups: pick(groupLists, 3), projectAssignments: pick(assignments, 4), message: pick(messages, 5),
            sendEmail: pick(flags, 6), extensions: pick(extensionSets, 7))
    }

    static let variantCounts = [
        organizations.count, emailLists.count, roleLists.count, groupLists.count, assignments.count, messages.count,
        flags.count, extensionSets.count,
    ]

    /// The benchmark's request: one email, an organization id and one role.
    static let plain = CreateInvitationsInput(
        organization: Organization(id: "acme"), emails: ["user@example.com"], roles: ["admin"])

    @Test(arguments: ["k0rdent", "dreadnode"])
    func theBenchmarkedRequestsAreCompiledAndWrittenAsTheInterpreterWritesThem(_ name: String) throws {
        let dialect = Mappings.dialect(name)
        let route = try #require(dialect.routes.first { $0.operation == .createInvitations && $0.outbound })
        let writer = try #require(route.requestWriter)
        #expect(writer.write(Self.plain, route: route) != nil, "the plain input must take the compiled write")
        let (compiled, interpreted) = Self.bothRenders(Self.plain, dialect)
        #expect(compiled == interpreted)
        if case .failure(let error) = compiled { Issue.record("not rendered: \(error)") }
    }

    /// Every field of a plain input changed to each of its variants, one at a time, in every dialect.
    @Test func everySingleChangeIsWrittenAsTheInterpreterWritesIt() {
        let base = [1, 1, 1, 0, 0, 0, 0, 0]
        var compiledWrites = 0
        for dialect in Self.dialects {
            for (slot, count) in Self.variantCounts.enumerated() {
                for variant in 0..<count {
                    var choice = base
                    choice[slot] = variant
                    let input = Self.input(choice)
                    if let route = dialect.routes.first(where: { $0.operation == .createInvitations && $0.outbound }),
                        route.requestWriter?.write(input, route: route) != nil
                    {
                        compiledWrites += 1
                    }
                    let (compiled, interpreted) = Self.bothRenders(input, dialect)
                    #expect(compiled == interpreted, "\(dialect.name) \(choice)")
                }
            }
        }
        #expect(compiledWrites > 20)
    }

    /// Generated inputs: any combination of the variants, in every dialect.
    @Test func generatedInputsAreWrittenAsTheInterpreterWritesThem() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0...60).array(of: 8)) { choice in
            let input = Self.input(choice)
            for dialect in Self.dialects {
                let (compiled, interpreted) = Self.bothRenders(input, dialect)
                #expect(compiled == interpreted, "\(dialect.name) \(choice)")
            }
        }
    }

    /// The request writer's list of canonical leaves covers every leaf of a full input.
    ///
    /// The writer finds what a route cannot carry from that list: a field added to the input and not to the list
    /// would be dropped without a loss reported.
    @Test func theWritersLeafListCoversEveryLeafOfTheCanonicalForm() {
        let full = CreateInvitationsInput(
            organization: Organization(
                id: "i", slug: "s", uuid: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70", name: "n", logoURL: "l",
                memberCount: 1),
            emails: ["ada@example.com"], roles: ["admin"], groups: ["g"],
            projectAssignments: [ProjectAssignment(projectID: "p", role: "admin")], message: "m", sendEmail: true,
            extensions: ["x": .int(1)])
        let listed = Set(CreateInvitationsInput.leaves.flatMap { Dialect.leafPaths($0.sample) })
        let leaves = Dialect.leafPaths(full.canonical.objectValue ?? JSONObject())
        #expect(leaves.count >= 13)
        for leaf in leaves { #expect(listed.contains(leaf), "\(leaf) is not in CreateInvitationsInput.leaves") }
        for entry in CreateInvitationsInput.leaves { #expect(entry.isPresent(full)) }
        for entry in CreateInvitationsInput.leaves {
            #expect(!entry.isPresent(CreateInvitationsInput(organization: Organization(), emails: [])))
        }
    }

    @Test func aLeafTheRouteHasNoPlaceForIsLeftToTheInterpreter() throws {
        // k0rdent's create has no place for sendEmail: the interpreter reports the loss.
        let dialect = Mappings.dialect("k0rdent")
        let route = try #require(dialect.routes.first { $0.operation == .createInvitations && $0.outbound })
        var input = Self.plain
        input.sendEmail = true
        #expect(route.requestWriter?.write(input, route: route) == nil)
        let rendered = try dialect.renderRequest(.createInvitations(input))
        #expect(rendered.losses.map(\.location) == ["sendEmail"])
    }
}
