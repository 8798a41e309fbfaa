import Testing

@testable import InvitationCore

/// Path splitting for the route match, percent-encoding and decoding of path segments, and template rendering.
@Suite struct PathTests {
    @Test(arguments: [
        ("/", [String]()), ("", []), ("/a", ["a"]), ("a/b", ["a", "b"]), ("//a//b/", ["a", "b"]),
        ("/api/v1/org/acme/invitations", ["api", "v1", "org", "acme", "invitations"]), ("/é/ü", ["é", "ü"]),
        ("a", ["a"]), ("a/", ["a"]), ("///", []), ("/ü/x/", ["ü", "x"]),
        ("/a\u{301}/e\u{301}x", ["a\u{301}", "e\u{301}x"]),
        ("/\u{1F600}/%2F/", ["\u{1F600}", "%2F"]),
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

    @Test(arguments: [
        "/", "/api/v1/org/acme/invitations", "/api/v1/org/ac%20me/invitations", "/api/v1/org/%zz/invitations",
        "/api/v1/org//invitations", "/api/v1/org/acme", "/api/v1/org/acme/invitations/x",
        "/API/v1/org/acme/invitations",
        "/v1/regions/global/organizations/acme/invitations", "/v1/regions/%E2%82%AC/organizations/o/invitations",
        "/v1/regions/global/organizations/acme/members",
    ])
    func aTemplateFitsExactlyThePathsItMatches(path: String) throws {
        let segments = DialectRegistry.segments(of: path)
        for text in [
            "/", "/api/v1/org/{slug}/invitations", "/api/v1/org/{slug}/{what}",
            "/v1/regions/{region}/organizations/{organization}/invitations", "/v1/regions/global/organizations/{o}/{x}",
        ] {
            let template = try #require(PathTemplate(text))
            #expect(template.fits(segments) == (template.match(segments) != nil), "\(text) against \(path)")
        }
    }

    @Test func literalSegmentsAreCounted() throws {
        #expect(try #require(PathTemplate("/")).literalCount == 0)
        #expect(try #require(PathTemplate("/api/v1/org/{slug}/invitations")).literalCount == 4)
        #expect(try #require(PathTemplate("/{a}/{b}")).literalCount == 0)
    }

    /// Where a literal route and a parameter route both fit a path (a literal where the other has a parameter), the
    /// literal one wins: every mapped route is reached by a path rendered from its own template.
    @Test(arguments: Mappings.names)
    func everyMappedRouteIsReachedByItsOwnPath(dialect name: String) throws {
        for route in Mappings.dialect(name).routes {
            let values = Dictionary(uniqueKeysWithValues: route.path.parameterNames.map { ($0, "p-\($0)") })
            let path = try #require(route.path.render(values))
            guard
                case .route(let dialect, let matched, let parameters) = Mappings.registry.match(
                    method: route.method, path: path)
            else {
                Issue.record("\(route.method) \(path) matched no route")
                continue
            }
            // Another dialect may own the very same template; within this dialect it is this route.
            if dialect.name == name {
                #expect(matched.path == route.path && matched.method == route.method, "\(route.method) \(path)")
                #expect(parameters == values)
            } else {
                #expect(matched.path.literalCount >= route.path.literalCount, "\(route.method) \(path)")
            }
        }
    }

    /// A fixed path's match, looked up, is what the segment walk gives.
    ///
    /// A path without parameters is looked up in a table made at load; written with a trailing or doubled slash it
    /// is cut into segments and compared. Both give the same answer, for every method and `HEAD`.
    @Test(arguments: Mappings.names)
    func fixedPathsAreMatchedAsTheirSegmentsAre(dialect name: String) throws {
        let fixed = Mappings.dialect(name).routes.filter { $0.path.literalCount == $0.path.segments.count }
        for route in fixed {
            let path = try #require(route.path.render([:]))
            let spelledOtherwise = [path + "/", path.replacingOccurrences(of: "/", with: "//")]
            for method in ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", route.method] {
                let looked = Mappings.registry.match(method: method, path: path)
                for other in spelledOtherwise {
                    let walked = Mappings.registry.match(method: method, path: other)
                    #expect(Self.summary(looked) == Self.summary(walked), "\(method) \(path) and \(other)")
                }
            }
            guard
                case .route(_, let matched, let parameters) = Mappings.registry.match(method: route.method, path: path)
            else {
                Issue.record("\(route.method) \(path) matched no route")
                continue
            }
            #expect(matched.path.literalCount == matched.path.segments.count && parameters.isEmpty)
        }
    }

    /// A path of ASCII bytes without `%` is matched over its bytes; its answer is the text match's.
    ///
    /// Every route's template filled with raw values (ASCII, escaped, non-ASCII, empty-looking), with a segment
    /// changed, added or taken away, for every method: the match is the one the segment-by-segment text match gives.
    @Test(arguments: Mappings.names)
    func pathsMatchedAsBytesAreMatchedAsText(dialect name: String) {
        let values = ["acme", "ACME-1", "a.b_c~d", "a%20b", "%41", "%zz", "é", "Kelvin\u{212A}", "x+y", "invitations"]
        let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        for route in Mappings.dialect(name).routes {
            for value in values {
                var parts = route.path.segments.map { segment -> String in
                    switch segment {
                    case .literal(let text): text
                    case .parameter: value
                    }
                }
                var paths = ["/" + parts.joined(separator: "/")]
                paths.append(paths[0] + "/extra")
                if !parts.isEmpty {
                    parts[0] = parts[0].uppercased()
                    paths.append("/" + parts.joined(separator: "/"))
                    paths.append("/" + parts.dropLast().joined(separator: "/"))
                }
                for path in paths {
                    for method in methods {
                        let matched = Mappings.registry.match(method: method, path: path)
                        let reference = Mappings.registry.matchText(method: method, path: path)
                        #expect(Self.summary(matched) == Self.summary(reference), "\(method) \(path)")
                    }
                }
            }
        }
    }

    private static func summary(_ match: DialectRegistry.Match) -> String {
        switch match {
        case .route(let dialect, let route, let parameters):
            "route \(dialect.name) \(route.method) \(route.path) \(parameters.sorted { $0.key < $1.key })"
        case .methodNotAllowed(let dialect, let allowed): "405 \(dialect.name) \(allowed)"
        case .notFound(let dialect): "404 \(dialect?.name ?? "-")"
        }
    }
}
