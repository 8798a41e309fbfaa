import Testing

@testable import InvitationGateway

@Suite struct FieldNameSetTests {
    static let names = [
        "te", "host", "accept", "x-api-key", "content-type", "x-request-id", "content-length", "upgrade",
    ]

    /// The set answers as a `Set<String>` of the same names for its names, near misses of every length and names
    /// longer than any it holds.
    @Test(
        arguments: names + [
            "", "t", "tf", "ho", "hosT", "Host", "accepts", "x-api-ke", "content-typ", "content-types", "x-request-ie",
            "content-length-x", "proxy-authorization", "a-name-much-longer-than-any-in-the-set", "host ", " host",
        ])
    func answersAsASetOfStrings(_ name: String) {
        #expect(FieldNameSet(Self.names).contains(name) == Set(Self.names).contains(name))
    }

    @Test func repeatedAndEmptyInputs() {
        #expect(!FieldNameSet([]).contains(""))
        #expect(!FieldNameSet([]).contains("host"))
        let set = FieldNameSet(["host", "host", ""])
        #expect(set.contains("host"))
        #expect(set.contains(""))
        #expect(!set.contains("hos"))
    }
}
