import Testing

@testable import ReferenceUpstream

@Suite("page cursors and email comparison")
struct SupportTests {
    @Test func cursorRoundTrips() throws {
        let cursor = PageCursor(createdAt: 1_750_000_000_123, id: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70")
        #expect(!cursor.token.contains("="))
        #expect(!cursor.token.contains("/"))
        #expect(PageCursor(token: cursor.token) == cursor)
    }

    @Test(arguments: ["", "garbage", "djE6", "djE6eDpp", "djE6MTIzOg", String(repeating: "A", count: 600)])
    func cursorRejectsAnythingElse(token: String) { #expect(PageCursor(token: token) == nil) }

    @Test func emailComparisonMatchesSQLiteLower() {
        #expect("Ivy@Example.COM".asciiLowercased == "ivy@example.com")
        #expect("ÜBER@x.de".asciiLowercased == "Über@x.de")
    }
}
