import InvitationCore
import PropertyBased
import Testing

@testable import InvitationCore

/// The coverage tree finds exactly the leaves the path-string check finds, in the same order, on every route.
@Suite struct CoverageTreeProperties {
    static let routes = Mappings.registry.dialects.flatMap { dialect in dialect.routes.map { (dialect.name, $0) } }

    /// What the tree replaced: every leaf path as a string, each checked against the set and its ancestors.
    static func expected(_ object: JSONObject, _ route: Route) -> [String] {
        Dialect.leafPaths(object).filter { !Dialect.covers(route.coverage, $0) }
    }

    @Test func generatedRequestsAndInvitations() async {
        await propertyCheck(count: 100, input: zip(CanonicalGen.createInput, CanonicalGen.invitation)) {
            input, invitation in
            let objects = [input.canonical.objectValue!, invitation.canonical.objectValue!]
            for (name, route) in Self.routes {
                for object in objects {
                    #expect(route.coverageTree.uncoveredLeaves(of: object) == Self.expected(object, route), "\(name)")
                }
            }
        }
    }

    @Test func unusualShapes() throws {
        let objects: [JSONValue] = [
            ["unknown": 1, "organization": ["id": "a", "extra": ["deep": true]], "emails": []],
            ["extensions": ["x": 1], "organization": ["extensions": [:]], "message": .null],
            [
                "projectAssignments": [["projectId": "p", "role": "r", "odd": 1], ["projectId": "q", "odd": 2]],
                "roles": ["a", ["b": 1]],
            ],
            ["projectAssignments": ["text"], "emails": [["email": "a@b.c"]]],
        ]
        for (name, route) in Self.routes {
            for value in objects {
                let object = try #require(value.objectValue)
                #expect(route.coverageTree.uncoveredLeaves(of: object) == Self.expected(object, route), "\(name)")
            }
        }
    }
}
