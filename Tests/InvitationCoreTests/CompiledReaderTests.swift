import Foundation
import PropertyBased
import Testing

@testable import InvitationCore

/// The compiled reads of create requests and one-email answers against the interpreter: on every input, plain or
/// not, ``Dialect/parseRequest(route:pathParameters:query:body:)`` and
/// ``Dialect/parseResponse(route:status:body:request:)`` give what the interpreter alone gives.
@Suite struct CompiledReaderTests {
    /// A plain input of a route with a compiled reader.
    struct Case: Sendable, CustomTestStringConvertible {
        enum Kind: Sendable { case request, answer }
        let dialect: String
        let kind: Kind
        let single: Bool
        let pathParameters: [String: String]
        let body: String
        var testDescription: String { "\(dialect) \(kind)\(single ? " (one email)" : "")" }

        var route: Route {
            let dialect = Mappings.dialect(dialect)
            guard let route = dialect.routes.first(where: { $0.operation == .createInvitations && $0.single == single })
            else { fatalError("\(dialect.name) has no such create") }
            return route
        }

        var isCompiled: Bool {
            switch kind {
            case .request: route.createReader != nil
            case .answer: route.invitationReader != nil
            }
        }

        /// Whether the compiled reader reads `body`, written compactly (not left to the interpreter).
        func compiledReads(_ body: JSONValue) -> Bool { compiledReads(bytes: body.jsonBytes) }

        /// Whether the compiled reader reads these very bytes.
        func compiledReads(bytes: [UInt8]) -> Bool {
            switch kind {
            case .request: route.createReader?.read(json: bytes, pathParameters: pathParameters) != nil
            case .answer: route.invitationReader?.read(json: bytes) != nil
            }
        }

        /// What a read gives.
        enum Read: Hashable {
            case request(CanonicalRequest)
            case answer(CanonicalResponse)
        }

        /// Both reads of one body, as results.
        func bothReads(_ body: [UInt8]) -> (
            compiled: Result<Read, GatewayError>, interpreted: Result<Read, GatewayError>
        ) {
            let dialect = Mappings.dialect(dialect)
            let route = route
            func read(_ compiled: Bool) -> Result<Read, GatewayError> {
                Result { () throws(GatewayError) in
                    switch kind {
                    case .request:
                        let request = try dialect.parseRequest(
                            route: route, pathParameters: pathParameters, query: nil, body: body, compiled: compiled)
                        return .request(request)
                    case .answer:
                        let response = try dialect.parseResponse(
                            route: route, status: 201, body: body, request: CompiledReaderTests.sent,
                            compiled: compiled)
                        return .answer(response)
                    }
                }
            }
            return (read(true), read(false))
        }
    }

    static let sent = CanonicalRequest.createInvitations(
        CreateInvitationsInput(organization: Organization(slug: "acme"), emails: ["ada@example.com"], roles: ["admin"]))

    static let cases: [Case] = [
        Case(
            dialect: "inkeep", kind: .request, single: false, pathParameters: [:],
            body: #"{"emails":["ada@example.com","bo@example.com"],"organizationId":"acme","role":"admin"}"#),
        Case(
            dialect: "inkeep", kind: .request, single: true, pathParameters: [:],
            body: #"{"email":"ada@example.com","role":"member","organizationId":"acme"}"#),
        Case(
            dialect: "k0rdent", kind: .request, single: true, pathParameters: ["id": "acme"],
            body: #"{"email":"ada@example.com","roles":["admin"],"groups":["platform"],"message":"Welcome"}"#),
        Case(
            dialect: "dreadnode", kind: .request, single: true, pathParameters: ["org_slug": "acme"],
            body: #"{"email":"ada@example.com","role":"admin","send_email":true}"#),
        Case(
            dialect: "k0rdent", kind: .answer, single: true, pathParameters: [:],
            body:
                #"{"selfLink":"/v1/regions/global/organizations/acme/invitations/invitation-y8z9a1","uid":"07cc67f4-45d6-494b-adac-09b5cbc7e2b5","id":"497f6eca-6276-4993-bfeb-53cbbbba6f08","displayName":"Ada","email":"ada@example.com","roles":["admin"],"groups":["platform"],"status":"pending","createdAt":"2019-08-24T14:15:22Z","expiresAt":"2019-08-31T14:15:22.250+02:00"}"#
        ),
        Case(
            dialect: "dreadnode", kind: .answer, single: true, pathParameters: [:],
            body:
                #"{"id":"5f0c3a9e-8d2b-4e51-9a47-1c2d3e4f5a6b","organization_slug":"acme","email":"ada@example.com","role":"admin","status":"pending","created_at":"2019-08-24T14:15:22Z","expires_at":"2019-08-31T14:15:22Z","email_sent":true}"#
        ),
    ]

    /// Values a member is replaced with: wrong types, nulls, words outside vocabularies, bad dates and emails.
    static let replacements: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(42), .double(1.5), .string(""), .string("not a date"),
        .string("owner"), .string("accepted"), .string("expired"), .string("member"), .string("nobody@"),
        .string("eve@example.com"), .string("2019-02-30T00:00:00Z"), .string("2019-08-24T14:15:60Z"),
        .string(String(repeating: "x", count: 501)), .array([]), .array([.string("admin")]),
        .array([.string("admin"), .string("member")]), .array([.string("eve@example.com")]), .array([.string("")]),
        .array([.int(1)]), .array([.null]), .object(JSONObject()), .object(["a": .int(1)]),
        .array([.object(["projectId": .string("p1"), "projectRole": .string("admin")])]),
    ]

    @Test(arguments: cases)
    func theBenchmarkedRoutesAreCompiled(_ plain: Case) {
        #expect(plain.isCompiled)
    }

    @Test(arguments: cases)
    func aPlainInputIsReadByTheCompiledReaderAsTheInterpreterReadsIt(_ plain: Case) {
        #expect(plain.compiledReads(Mappings.json(plain.body)), "the plain input must take the compiled read")
        let (compiled, interpreted) = plain.bothReads(Array(plain.body.utf8))
        #expect(compiled == interpreted)
        if case .failure(let error) = compiled { Issue.record("not read: \(error)") }
    }

    /// Every member removed, or replaced by each of ``replacements``, one at a time; and an unknown member.
    @Test(arguments: cases)
    func everySingleChangeReadsAsTheInterpreterReadsIt(_ plain: Case) throws {
        guard case .object(let object) = Mappings.json(plain.body) else { throw FixtureError("not an object") }
        var variants: [JSONObject] = []
        for member in object.members {
            var removed = object
            removed[member.key] = nil
            variants.append(removed)
            for replacement in Self.replacements {
                var changed = object
                changed[member.key] = replacement
                variants.append(changed)
            }
        }
        var unknown = object
        unknown["surprise"] = .int(1)
        variants.append(unknown)
        var compiledReads = 0
        for variant in variants {
            if plain.compiledReads(.object(variant)) { compiledReads += 1 }
            let bytes = JSONValue.object(variant).jsonBytes
            let (compiled, interpreted) = plain.bothReads(bytes)
            #expect(compiled == interpreted, "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Not a vacuous comparison: the changes the dialect accepts take the compiled read.
        #expect(compiledReads >= object.count)
    }

    /// Generated combinations of up to four changes (a member removed or replaced, an unknown one added), and
    /// bodies that are not objects.
    @Test(arguments: cases)
    func combinationsOfChangesReadAsTheInterpreterReadsThem(_ plain: Case) async throws {
        guard case .object(let object) = Mappings.json(plain.body) else { throw FixtureError("not an object") }
        let keys = object.keys + ["surprise", "extensions", "assignments", "organization_slug"]
        // A change: which key, and which replacement (one past the last: the member removed).
        let change = zip(Gen.int(in: 0...(keys.count - 1)), Gen.int(in: 0...Self.replacements.count))
        await propertyCheck(count: 300, input: change.array(of: 1...4)) { changes in
            var variant = object
            for (key, choice) in changes {
                variant[keys[key]] = choice == Self.replacements.count ? nil : Self.replacements[choice]
            }
            let bytes = JSONValue.object(variant).jsonBytes
            let (compiled, interpreted) = plain.bothReads(bytes)
            #expect(compiled == interpreted, "\(String(decoding: bytes, as: UTF8.self))")
        }
        for body in ["", "  ", "[]", "null", "\"text\"", "{\"a\":", "{}"] {
            let (compiled, interpreted) = plain.bothReads(Array(body.utf8))
            #expect(compiled == interpreted, "\(body)")
        }
    }

    /// Changes to the body's bytes that its value does not show: every prefix, whitespace, escaped and non-ASCII
    /// names, duplicates, and members no step reads holding what the parser refuses or must look into.
    @Test(arguments: cases)
    func changesToTheBytesReadAsTheInterpreterReadsThem(_ plain: Case) throws {
        let body = plain.body
        let first = try #require(body.firstIndex(of: ":"))
        let name = String(body[body.index(body.startIndex, offsetBy: 2)..<body.index(before: first)])
        let rest = String(body.dropFirst())
        var variants = (0..<body.utf8.count).map { String(decoding: body.utf8.prefix($0), as: UTF8.self) }
        variants += [
            " \n\t\r" + body + " \n", "\u{FEFF}" + body, body + "x", body + "{}",
            body.replacingOccurrences(of: ",", with: " , "),
            body.replacingOccurrences(of: ":", with: " : "), body.replacingOccurrences(of: "}", with: ",}"),
            body.replacingOccurrences(of: "\":", with: "\""), "{\"\(name)\":null," + rest,
            // Lists and texts spelled otherwise: spaced, and with escapes.
            body.replacingOccurrences(of: "[\"", with: "[ \"").replacingOccurrences(of: "\"]", with: "\" ]"),
            body.replacingOccurrences(of: "\"admin\"", with: "\"\\u0061dmin\""),
            body.replacingOccurrences(of: "@", with: "\\u0040"), body.replacingOccurrences(of: "[\"", with: "[1,\""),
            // The first member again, before and after; its name spelled with an escape; another name escaped.
            "{\"\(name)\":\"x\"," + rest, body.dropLast() + ",\"\(name)\":\"x\"}",
            "{\"\\u00\(String(name.utf8.first!, radix: 16))\(name.dropFirst())\"" + body.dropFirst(name.utf8.count + 2),
            "{\"sur\\u0070rise\":1," + rest, "{\"é\":1," + rest, "{\"surprise\":\"é\"," + rest,
            // Members no step reads: duplicated, nested, and holding what the parser refuses.
            "{\"surprise\":1,\"surprise\":2," + rest, "{\"surprise\":{\"a\":1,\"a\":2}," + rest,
            "{\"surprise\":{\"a\":[1,{\"b\":null}]}," + rest, "{\"surprise\":1e999," + rest,
            "{\"surprise\":-0.5e+3," + rest, "{\"surprise\":01," + rest, "{\"surprise\":\"a\\qb\"," + rest,
            "{\"surprise\":\"a\\\"b\\u00e9\"," + rest, "{\"surprise\":\"a\u{01}b\"," + rest,
            "{\"surprise\":tru," + rest,
            "{\"surprise\":" + String(repeating: "[", count: 64)
                + String(repeating: "]", count: 64) + "," + rest,
            "{\"surprise\":" + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "," + rest,
            "{" + (0..<20).map { "\"m\($0)\":\($0)," }.joined() + rest,
        ]
        var bodies = variants.map { Array($0.utf8) }
        // Invalid UTF-8 in a member no step reads, and in one a step reads.
        bodies.append(Array("{\"surprise\":\"a".utf8) + [0xFF] + Array("b\",".utf8) + Array(rest.utf8))
        let utf8 = Array(body.utf8)
        let colon = body.utf8.distance(from: body.startIndex, to: first)
        let broken: [UInt8] = Array(utf8[...(colon + 2)]) + [0xC3] + Array(utf8[(colon + 3)...])
        bodies.append(broken)
        var compiledReads = 0
        for bytes in bodies {
            let (compiled, interpreted) = plain.bothReads(bytes)
            #expect(compiled == interpreted, "\(String(decoding: bytes, as: UTF8.self))")
            if plain.compiledReads(bytes: bytes) { compiledReads += 1 }
        }
        // Not vacuous: whitespace takes the compiled read, and in an answer (whose unknown members are dropped)
        // so do the members no step reads that the parser accepts.
        #expect(compiledReads >= (plain.kind == .answer ? 7 : 3))
    }

    /// Date-time texts, plain and not, in an answer's date members: each reads as the interpreter reads it, and the
    /// plain valid ones take the compiled read, whose date steps read a date straight from the text's bytes.
    @Test(arguments: cases.filter { $0.kind == .answer })
    func dateTextsReadAsTheInterpreterReadsThem(_ plain: Case) throws {
        let reader = try #require(plain.route.invitationReader)
        let dateMembers = reader.bodySteps.filter(\.storesDate).map(\.name)
        #expect(dateMembers.count == 2, "a date-time member of the answer is not read as a date")
        guard case .object(let object) = Mappings.json(plain.body) else { throw FixtureError("not an object") }
        let valid = [
            "2019-08-24T14:15:22Z", "2019-08-24t14:15:22z", "2019-08-24T14:15:22.5Z", "2019-08-24T14:15:22.123456789Z",
            "2019-08-24T14:15:22+02:00", "2019-08-24T14:15:22-11:30", "2020-02-29T00:00:00Z", "1970-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2019-08-24 14:15:22Z",
        ]
        let invalid = [
            "2019-08-24", "2019-08-24T14:15:22", "2019-08-24_14:15:22Z", "2019-13-01T00:00:00Z", "2019-02-29T00:00:00Z",
            "2019-08-24T24:00:00Z", "2019-08-24T14:15:22+2:00", "2019-08-24T14:15:22.Z", " 2019-08-24T14:15:22Z",
            "2019-08-24T14:15:22Z ", "",
        ]
        for member in dateMembers {
            for (text, reads) in valid.map({ ($0, true) }) + invalid.map({ ($0, false) }) {
                var variant = object
                variant[member] = .string(text)
                let bytes = JSONValue.object(variant).jsonBytes
                let (compiled, interpreted) = plain.bothReads(bytes)
                #expect(compiled == interpreted, "\(member): \(text)")
                #expect(plain.compiledReads(bytes: bytes) == reads, "\(member): \(text)")
            }
            // Escaped, a date still, but not plain: the interpreter reads it, and both give the same date.
            let text = String(decoding: JSONValue.object(object).jsonBytes, as: UTF8.self)
            let escaped = text.replacingOccurrences(
                of: "\"\(member)\":\"2019-08-", with: "\"\(member)\":\"2019\\u002d08-")
            #expect(escaped != text)
            let (compiled, interpreted) = plain.bothReads(Array(escaped.utf8))
            #expect(compiled == interpreted, "\(escaped)")
            if case .failure(let error) = compiled { Issue.record("not read: \(error)") }
        }
    }

    /// Members whose rule keeps a string as it is are read straight as text: escaped, non-ASCII, empty or long
    /// strings, strings that are not UTF-8, and values that are not strings read as the interpreter reads them.
    @Test(arguments: cases.filter { $0.kind == .answer })
    func textMembersReadAsTheInterpreterReadsThem(_ plain: Case) throws {
        let reader = try #require(plain.route.invitationReader)
        let textMembers = reader.bodySteps.filter(\.readsText).map(\.name)
        #expect(textMembers.contains("id"), "the answer's id is not read as text")
        guard case .object(let object) = Mappings.json(plain.body) else { throw FixtureError("not an object") }
        let texts = [
            "", "plain", "Ünïcødé ✓", "😀 emoji", "tab\tand\nnewline", "quote \" and backslash \\", "slash /",
            String(repeating: "long ", count: 400), "\u{7F} delete", "é",
        ]
        let others: [JSONValue] = [.null, .int(7), .double(2.5), .bool(true), .array([]), .object(JSONObject())]
        for member in textMembers {
            for value in texts.map(JSONValue.string) + others {
                var variant = object
                variant[member] = value
                let bytes = JSONValue.object(variant).jsonBytes
                let (compiled, interpreted) = plain.bothReads(bytes)
                #expect(compiled == interpreted, "\(member): \(value)")
                if case .string = value { #expect(plain.compiledReads(bytes: bytes), "\(member): \(value)") }
            }
            // Written with escapes (a \u escape, an escaped solidus), and with bytes that are not UTF-8.
            let compact = JSONValue.object(object).jsonBytes
            let marker = Array("\"\(member)\":\"".utf8)
            let start = try #require(Self.firstIndex(of: marker, in: compact)) + marker.count
            for inserted in [Array("\\u0041\\/".utf8), [0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80]] {
                var bytes = compact
                bytes.insert(contentsOf: inserted, at: start)
                let (compiled, interpreted) = plain.bothReads(bytes)
                #expect(compiled == interpreted, "\(member): \(inserted)")
            }
        }
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }

    /// A list whose words a vocabulary changes, and a first-of form's word, read as texts: each word is the
    /// canonical one, as the interpreter gives it.
    @Test func aListOfWordsIsReadThroughItsVocabulary() throws {
        let words = Vocabulary(name: "role", values: [("Admin", "admin"), ("Viewer", "member")])
        let rule = Rule(
            kind: .object([
                Rule.Member(
                    name: "email",
                    rule: Rule(kind: .leaf, canonical: CanonicalPath("emails"), form: .first, source: "t")),
                Rule.Member(
                    name: "roles",
                    rule: Rule(
                        kind: .array(items: Rule(kind: .leaf, canonical: nil, vocabulary: words, source: "t")),
                        canonical: CanonicalPath("roles"), source: "t")),
                Rule.Member(
                    name: "role",
                    rule: Rule(
                        kind: .leaf, canonical: CanonicalPath("groups"), form: .first, vocabulary: words, source: "t")),
            ]), canonical: nil, source: "t")
        let reader = try #require(CompiledReader<CreateInvitationsInput>.compile(body: rule))
        for body in [
            #"{"email":"ada@example.com","roles":["Admin","Viewer"],"role":"Viewer"}"#,
            #"{"email":"ada@example.com","roles":[],"role":"Admin"}"#,
            #"{"email":"ada@example.com","roles":["Owner"]}"#, #"{"email":"ada@example.com","roles":["Admin",1]}"#,
        ] {
            var canonical = JSONObject()
            var context = ReadContext()
            rule.read(Mappings.json(body), into: &canonical, at: "body", &context)
            let interpreted =
                context.violations.isEmpty ? try? CreateInvitationsInput(canonical: .object(canonical)) : nil
            #expect(reader.read(json: Array(body.utf8)) == interpreted, "\(body)")
        }
        let read = reader.read(json: Array(#"{"email":"a@b.c","roles":["Admin","Viewer"],"role":"Viewer"}"#.utf8))
        #expect(read?.roles == ["admin", "member"])
        #expect(read?.groups == ["member"])
    }

    @Test func aPathParameterIsReadAsTheInterpreterReadsIt() throws {
        let plain = try #require(Self.cases.first { $0.dialect == "k0rdent" && $0.kind == .request })
        for id in ["", "acme", "ACME", "a b", "42"] {
            let changed = Case(
                dialect: plain.dialect, kind: plain.kind, single: plain.single, pathParameters: ["id": id],
                body: plain.body)
            let (compiled, interpreted) = changed.bothReads(Array(plain.body.utf8))
            #expect(compiled == interpreted, "\(id)")
        }
    }

    @Test func aRuleWithAFeatureTheReaderDoesNotReadIsNotCompiled() {
        // inkeep's batch create answers with a list of items, not one invitation.
        let inkeep = Mappings.dialect("inkeep")
        let batch = inkeep.routes.first { $0.operation == .createInvitations && !$0.single }
        #expect(batch?.invitationReader == nil)
        // An object member with a default is not read.
        let nested = Rule(
            kind: .object([
                Rule.Member(
                    name: "inviter",
                    rule: Rule(
                        kind: .object([
                            Rule.Member(
                                name: "id", rule: Rule(kind: .leaf, canonical: CanonicalPath("id"), source: "t"))
                        ]), canonical: CanonicalPath("inviter"), defaultValue: .object(JSONObject()), source: "t"))
            ]), canonical: nil, source: "t")
        #expect(CompiledReader<Invitation>.compile(body: nested) == nil)
        // A canonical path the typed model has no field for.
        let unmapped = Rule(
            kind: .object([
                Rule.Member(
                    name: "n",
                    rule: Rule(kind: .leaf, canonical: CanonicalPath("organization.memberCount"), source: "t"))
            ]), canonical: nil, source: "t")
        #expect(CompiledReader<Invitation>.compile(body: unmapped) == nil)
    }
}
