import InvitationCore
import Testing

/// The JSON reader: RFC 8259 documents, escapes, surrogates, numbers and the nesting limit.
@Suite struct JSONParserTests {
    @Test(arguments: [
        (
            #"{"a": [1, -2, 3.5, 1e3, true, false, null, "x"]}"#,
            JSONValue.object(["a": [1, -2, 3.5, 1000.0, true, false, nil, "x"]])
        ),
        (#"  "\u00e9\n\t\"\\\/"  "#, .string("é\n\t\"\\/")),
        (#""\ud83d\ude00""#, .string("😀")),
        (#""😀 raw""#, .string("😀 raw")),
        (#""\u0000""#, .string("\u{0}")),
        ("9223372036854775807", .int(Int.max)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)),
        ("-0", .int(0)),
        ("[]", .array([])),
        ("{}", .object([:])),
    ])
    func readsValidDocuments(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test(arguments: [
        ("", "unexpected end of input"), ("{", "expected a member name"), (#"{"a" 1}"#, "expected ':'"),
        ("[1,]", "unexpected character"), ("01", "leading zero"), ("1.", "expected a digit"), ("-", "expected a digit"),
        (#""\ud800""#, "unpaired surrogate"), (#""\udc00""#, "unpaired surrogate"),
        (#""\ud800\u0041""#, "unpaired surrogate"),
        (#""\x""#, "invalid escape"), (#""\u12G4""#, "invalid hex digit"),
        ("\"a\u{1}b\"", "control character in string"),
        ("\"abc", "unterminated string"), ("tru", "unexpected end of input"), ("nul1", "unexpected character"),
        (#"{"a": 1, "a": 2}"#, "duplicate member \"a\""), ("1 2", "unexpected data after the document"),
        ("1e999", "number out of range"), ("\u{FEFF}{}", "byte order mark is not allowed"),
    ])
    func refusesInvalidDocuments(text: String, reason: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error?.reason == reason, "\(text)")
    }

    @Test func refusesInvalidUTF8() {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(error?.reason == "invalid UTF-8 in string")
    }

    /// Strings are read eight bytes at a time up to their first quote, backslash, control or non-ASCII byte: each at
    /// every position of strings up to three words long reads as it does byte by byte.
    @Test(arguments: 1..<25)
    func readsEveryKindOfByteAtEveryPosition(length: Int) throws {
        let quote = UInt8(ascii: "\"")
        for position in 0..<length {
            let before = [UInt8](repeating: UInt8(ascii: "a"), count: position)
            let after = [UInt8](repeating: UInt8(ascii: "b"), count: length - position - 1)
            let text = { (middle: String) in
                String(decoding: before, as: UTF8.self) + middle + String(decoding: after, as: UTF8.self)
            }
            let escaped = [quote] + before + Array(#"\n"#.utf8) + after + [quote]
            #expect(try JSONParser.parse(escaped) == .string(text("\n")))
            let accented = [quote] + before + Array("é".utf8) + after + [quote]
            #expect(try JSONParser.parse(accented) == .string(text("é")))
            let ended = Array(#"[""#.utf8) + before + Array(#"",""#.utf8) + after + Array(#""]"#.utf8)
            #expect(
                try JSONParser.parse(ended)
                    == .array([
                        .string(String(decoding: before, as: UTF8.self)),
                        .string(String(decoding: after, as: UTF8.self)),
                    ]))
            let control = [quote] + before + [0x1F] + after + [quote]
            #expect(throws: JSONParseError.self) { try JSONParser.parse(control) }
            let invalid = [quote] + before + [0xFF] + after + [quote]
            #expect(throws: JSONParseError.self) { try JSONParser.parse(invalid) }
            let unterminated = [quote] + before + after
            #expect(throws: JSONParseError.self) { try JSONParser.parse(unterminated) }
            // A member name: read by the same scan.
            let member = Array(#"{""#.utf8) + before + Array("é".utf8) + after + Array(#"":1}"#.utf8)
            #expect(try JSONParser.parse(member) == .object([text("é"): 1]))
        }
    }

    @Test func enforcesTheNestingLimit() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try JSONParser.parse(deepest) }
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(tooDeep) }
        #expect(error?.offset == limit)
    }

    @Test func keepsMemberOrderButComparesWithoutIt() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": 2}"#)
        #expect(value.objectValue?.keys == ["b", "a"])
        #expect(value == ["a": 2, "b": 1])
        #expect(value != ["a": 2, "b": 1, "c": 3])
    }
}
