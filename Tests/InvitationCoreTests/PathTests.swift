import Testing

@testable import InvitationCore

/// Path splitting for the route match, percent-encoding and decoding of path segments, and template rendering.
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

    @Test(arguments: [
        ("/", [String: String](), "/"),
        ("/api/v1/invitations", [:], "/api/v1/invitations"),
        ("/api/v1/org/{slug}/invitations", ["slug": "acme"], "/api/v1/org/acme/invitations"),
        ("/v1/orgs/{id}", ["id": "a b/é"], "/v1/orgs/a%20b%2F%C3%A9"),
        ("/{a}/{b}", ["a": "1", "b": "2", "c": "3"], "/1/2"),
        ("/x/{a}/y", ["a": "q"], "/x/q/y"),
    ])
    func rendersTemplatesWithEncodedParameters(template: String, parameters: [String: String], path: String) throws {
        #expect(try #require(PathTemplate(template)).render(parameters) == path)
    }

    @Test(arguments: [["slug": ""], [:], ["other": "acme"]])
    func renderingWithoutEveryParameterFails(parameters: [String: String]) throws {
        #expect(try #require(PathTemplate("/api/org/{slug}/invitations")).render(parameters) == nil)
    }

    /// The in-place rendering against the plain definition: "/" and each segment, parameters percent-encoded.
    @Test func rendersAsSegmentsJoinedBySlashes() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9-._~ /%?#é😀{}")
        for _ in 0..<500 {
            let value = String((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement()! })
            let template = try #require(PathTemplate("/v1/{first}/invitations/{second}"))
            let expected = template.segments.map { segment -> String in
                switch segment {
                case .literal(let literal): "/" + literal
                case .parameter: "/" + PercentEncoding.encode(value)
                }
            }.joined()
            #expect(template.render(["first": value, "second": value]) == expected)
        }
    }
}
