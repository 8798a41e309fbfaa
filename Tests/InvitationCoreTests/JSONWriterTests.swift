import InvitationCore
import PropertyBased
import Testing

/// The JSON writer: compact output, escapes, numbers, and a round trip through the reader.
@Suite struct JSONWriterTests {
    @Test(arguments: [
        (JSONValue.string("a\"b\\c\n\r\t\u{8}\u{C}\u{1}\u{1F}"), #""a\"b\\c\n\r\t\b\f\u0001\u001f""#),
        (.string("é😀/"), "\"é😀/\""),
        (.string("\u{0}"), #""\u0000""#),
        (.double(3.0), "3"), (.double(0.1), "0.1"), (.double(1e20), "1e+20"), (.int(-42), "-42"),
        (.object(["z": 1, "a": [true, nil]]), #"{"z":1,"a":[true,null]}"#),
    ])
    func writesCompactJSON(value: JSONValue, text: String) {
        #expect(value.jsonText == text)
    }

    /// Strings over all of Unicode, including the characters JSON must escape, survive write and read.
    @Test func stringsRoundTrip() async {
        // Two ranges around the surrogates, which are not scalars; the first half is weighted towards ASCII.
        let scalar = Gen<Unicode.Scalar>.oneOf(
            Gen.unicodeScalar(in: "\u{0}"..."\u{7F}"), Gen.unicodeScalar(in: "\u{80}"..."\u{D7FF}"),
            Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}"))
        await propertyCheck(count: 300, input: scalar.array(of: 0...24)) { scalars in
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let value = JSONValue.object([
                "s": .string(text), "n": [.int(scalars.count), .double(Double(scalars.count) + 0.5)],
            ])
            #expect((try? JSONParser.parse(value.jsonBytes)) == value)
        }
    }
}
