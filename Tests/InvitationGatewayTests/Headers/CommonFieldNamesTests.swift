import HTTPTypes
import Testing

@testable import InvitationGateway

@Suite struct CommonFieldNamesTests {
    /// A common name is what `HTTPField.Name` makes of the same spelling, raw spelling included; any other spelling
    /// is left to it.
    @Test(arguments: [
        "Host", "host", "Content-Type", "content-type", "Content-Length", "Authorization", "authorization",
        "User-Agent", "Accept", "X-Request-Id", "x-request-id", "Idempotency-Key",
    ])
    func aCommonSpellingIsTheNameItSpells(_ spelling: String) throws {
        let name = try #require(Self.commonName(spelling))
        let made = try #require(HTTPField.Name(spelling))
        #expect(name == made)
        #expect(name.rawName == spelling)
        #expect(name.canonicalName == made.canonicalName)
    }

    @Test(arguments: ["HOST", "Content-type", "Hos", "Hostx", "X-Custom", ""])
    func anyOtherSpellingIsNotOne(_ spelling: String) {
        #expect(Self.commonName(spelling) == nil)
    }

    static func commonName(_ spelling: String) -> HTTPField.Name? {
        Array(spelling.utf8).withUnsafeBytes { CommonFieldNames.name(spelled: $0) }
    }
}
