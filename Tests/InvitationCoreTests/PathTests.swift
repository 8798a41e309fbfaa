import Testing

@testable import InvitationCore

/// Path splitting for the route match, and percent-encoding and decoding of path segments.
@Suite struct PathTests {
    @Test(arguments: [
        ("/", [String]()), ("", []), ("/a", ["a"]), ("a/b", ["a", "b"]), ("//a//b/", ["a", "b"]),
        ("/api/v1/org/acme/invitations", ["api", "v1", "org", "acme", "invitations"]), ("/é/ü", ["é", "ü"]),
    ])
    func splitsIntoNonEmptySegments(path: String, segments: [String]) {
        #expect(DialectRegistry.segments(of: path).map(String.init) == segments)
    }

    @Test(arguments: [
        ("plain-Text_1.2~", "plain-Text_1.2~"), ("a b", "a%20b"), ("a/b", "a%2Fb"), ("é", "%C3%A9"),
        ("100%", "100%25"), ("", ""),
    ])
    func encodesAllButUnreservedCharacters(text: String, encoded: String) {
        #expect(PercentEncoding.encode(text) == encoded)
        #expect(PercentEncoding.decode(encoded[...]) == text)
    }
}
