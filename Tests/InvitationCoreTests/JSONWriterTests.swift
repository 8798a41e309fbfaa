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

    /// Each kind of character at each position of a string written as escaped one character at a time would be.
    ///
    /// The writer finds runs needing no escape eight bytes at a time; a character to escape, or one of several bytes,
    /// at any offset within or across those words, and at either end, is written as the plain escape would.
    @Test func escapesEveryKindOfCharacterAtEveryPosition() {
        let kinds: [Unicode.Scalar] =
            ["\"", "\\", "/", "\u{7F}", "é", "😀"] + (0..<0x20).map { Unicode.Scalar(UInt8($0)) }
        for kind in kinds {
            for position in 0..<20 {
                var scalars = [Unicode.Scalar](repeating: "a", count: 20)
                scalars[position] = kind
                if position + 9 < 20 { scalars[position + 9] = kind }
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars)
                #expect(JSONValue.string(text).jsonText == Self.escaped(text), "\(kind.value) at \(position)")
            }
        }
    }

    /// RFC 8259's escapes, one scalar at a time, as the writer writes them.
    private static func escaped(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{8}": out += "\\b"
            case "\u{C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
