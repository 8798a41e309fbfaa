import InvitationCore
import Testing

/// A broken mapping file fails to load with an error naming the file, the line and the rule.
struct BrokenMapping: Sendable, CustomTestStringConvertible {
    let label: String
    let yaml: String
    let line: Int
    let rule: String
    let reason: String

    var testDescription: String { label }
}

@Suite struct MappingCompilerErrorTests {
    /// A valid mapping with `body` as a create route's body members (indented under `object:`).
    static func mapping(body: String, vocabularies: String = "", errors: String = "") -> String {
        """
        dialect: broken
        \(vocabularies)
        errors:
          codes:
            - {canonical: not_found, status: 404}\(errors)
          body:
            object:
              message: message
        routes:
          - operation: createInvitations
            method: POST
            path: /orgs/{org}/invitations
            request:
              path:
                org: organization.id
              body:
                object:
        \(body)
        """
    }

    static let cases: [BrokenMapping] = [
        BrokenMapping(
            label: "unknown top-level key", yaml: "dialect: broken\nroutez: []\n", line: 2, rule: "routez",
            reason: "unknown key 'routez'"),
        BrokenMapping(
            label: "unknown rule key",
            yaml: mapping(body: "          email: {canonical: emails, form: first, colour: red}"),
            line: 18, rule: "routes[0].request.body.object.email.colour", reason: "unknown rule key 'colour'"),
        BrokenMapping(
            label: "unknown canonical path", yaml: mapping(body: "          email: {canonical: emial}"),
            line: 18, rule: "routes[0].request.body.object.email.canonical",
            reason: "'emial' is not in the canonical model"),
        BrokenMapping(
            label: "unknown canonical path, short form", yaml: mapping(body: "          team: organization.team"),
            line: 18, rule: "routes[0].request.body.object.team",
            reason: "'organization.team' is not in the canonical model"),
        BrokenMapping(
            label: "unknown vocabulary",
            yaml: mapping(
                body: "          role: {canonical: roles, form: first, vocabulary: roles}",
                vocabularies: "vocabularies:\n  role: {values: {owner: owner}}"),
            line: 19, rule: "routes[0].request.body.object.role.vocabulary", reason: "unknown vocabulary 'roles'"),
        BrokenMapping(
            label: "unknown canonical error code",
            yaml: mapping(body: "          email: emails", errors: "\n    - {canonical: teapot, status: 418}"),
            line: 6, rule: "errors.codes[1].canonical", reason: "unknown canonical code 'teapot'"),
        BrokenMapping(
            label: "bad YAML", yaml: "dialect: broken\nroutes: [\n  {operation: getInvitation\n", line: 4, rule: "",
            reason: "not valid YAML"),
        BrokenMapping(
            label: "a path parameter without a rule",
            yaml: mapping(body: "          email: emails").replacingOccurrences(
                of: "/orgs/{org}/invitations", with: "/orgs/{org}/{team}"),
            line: 12, rule: "routes[0].path", reason: "the parameter {team} has no rule"),
    ]

    @Test(arguments: cases)
    func namesTheFileTheLineAndTheRule(_ broken: BrokenMapping) {
        let error = #expect(throws: MappingError.self) {
            try MappingCompiler(file: "mappings/broken.yaml", text: broken.yaml).compile()
        }
        #expect(error?.file == "mappings/broken.yaml")
        #expect(error?.line == broken.line)
        #expect(error?.rule == broken.rule)
        #expect(error?.reason.contains(broken.reason) == true, "\(error?.reason ?? "no error")")
        #expect(error?.description.hasPrefix("mappings/broken.yaml:\(broken.line)") == true)
    }

    @Test func theValidTemplateCompiles() throws {
        let dialect = try MappingCompiler(
            file: "ok.yaml", text: Self.mapping(body: "          email: {canonical: emails, form: first}")
        ).compile()
        #expect(dialect.routes.map(\.path.text) == ["/orgs/{org}/invitations"])
    }
}

@Suite struct MappingLoadTests {
    @Test func repositoryMappingsLoad() throws {
        let registry = try DialectRegistry.load(directory: Mappings.directory)
        #expect(registry.dialects.map(\.name) == ["canonical", "dreadnode", "inkeep", "k0rdent", "zenml"])
        let operations = Dictionary(
            uniqueKeysWithValues: registry.dialects.map { ($0.name, Set($0.routes.map(\.operation))) })
        #expect(operations["zenml"] == [.getInvitation, .listMyInvitations, .respondToInvitation])
        #expect(operations["k0rdent"] == [.createInvitations, .listInvitations, .revokeInvitation])
        #expect(operations["inkeep"] == Set(OperationName.allCases))
        #expect(operations["canonical"] == Set(OperationName.allCases))
    }

    @Test func aFolderWithTwoDialectsOfOneNameIsRefused() throws {
        let dialect = Mappings.dialect("zenml")
        let error = #expect(throws: MappingError.self) { try DialectRegistry(dialects: [dialect, dialect]) }
        #expect(error?.reason.contains("also used by") == true)
    }
}
