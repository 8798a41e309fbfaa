import Testing

@testable import InvitationGateway

@Suite struct HTTPSyntaxTests {
    /// The word-at-a-time search finds what a byte-at-a-time one finds: for a CR, an LF, both or neither at every
    /// position of buffers of every length up to three words, from every start, with bytes that differ from CR and
    /// LF by one bit (0x0C, 0x0E, 0x0B, 0x8D, 0x8A) and bytes above 0x7F around them.
    @Test(arguments: [UInt8(0x0D), 0x0A, 0x00])
    func findsTheFirstLineBreakAsAByteScanDoes(breakByte: UInt8) {
        let fillers: [UInt8] = [0x41, 0x0C, 0x0E, 0x0B, 0x8D, 0x8A, 0xFF, 0x00, 0x2D]
        for length in 0...24 {
            for position in 0...length {
                var bytes = (0..<length).map { fillers[$0 % fillers.count] }
                if position < length, breakByte != 0 { bytes[position] = breakByte }
                if position + 3 < length { bytes[position + 3] = breakByte == 0x0D ? 0x0A : 0x0D }
                for start in 0...length {
                    for end in start...length {
                        let expected = (start..<end).first { bytes[$0] == 0x0D || bytes[$0] == 0x0A } ?? end
                        let found = bytes.withUnsafeBytes { HTTPSyntax.firstLineBreak(in: $0, from: start, to: end) }
                        #expect(found == expected, "length \(length), position \(position), from \(start) to \(end)")
                        if found != expected { return }
                    }
                }
            }
        }
    }

    @Test func anEmptyBufferHasNone() {
        #expect([UInt8]().withUnsafeBytes { HTTPSyntax.firstLineBreak(in: $0, from: 0, to: 0) } == 0)
    }

    /// The word-at-a-time field value check answers as a byte-at-a-time one: every byte value at every position of
    /// values up to two words and a half long, among valid bytes (letters, SP, HTAB, obs-text).
    @Test func checksFieldValuesAsAByteCheckDoes() {
        let valid: [UInt8] = [0x61, 0x20, 0x09, 0x80, 0xFF, 0x7E, 0x21]
        for length in 1...20 {
            for position in 0..<length {
                for byte in UInt8.min...UInt8.max {
                    var bytes = (0..<length).map { valid[$0 % valid.count] }
                    bytes[position] = byte
                    let expected = bytes.allSatisfy(HTTPSyntax.isFieldValueByte)
                    let checked = bytes.withUnsafeBytes { HTTPSyntax.isFieldValue($0) }
                    #expect(checked == expected, "byte \(byte) at \(position) of \(length)")
                    if checked != expected { return }
                }
            }
        }
        #expect([UInt8]().withUnsafeBytes { HTTPSyntax.isFieldValue($0) })
        #expect((UInt8.min...UInt8.max).filter(HTTPSyntax.isFieldValueByte).count == 256 - 32 + 1 - 1)
    }

    /// The word-at-a-time NUL, CR and LF search answers as a byte-at-a-time one, for each of them and for bytes one
    /// bit away, at every position of buffers up to 20 bytes.
    @Test func findsNulAndLineBreaksAsAByteCheckDoes() {
        for byte: UInt8 in [0x00, 0x0D, 0x0A, 0x01, 0x0C, 0x0E, 0x0B, 0x8D, 0x8A, 0x80, 0xFF, 0x20] {
            for length in 1...20 {
                for position in 0..<length {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    bytes[position] = byte
                    let breaks: Set<UInt8> = [0x00, 0x0D, 0x0A]
                    let expected = bytes.contains(where: breaks.contains)
                    let found = bytes.withUnsafeBytes { HTTPSyntax.hasNulOrLineBreak($0) }
                    #expect(found == expected, "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        #expect(![UInt8]().withUnsafeBytes { HTTPSyntax.hasNulOrLineBreak($0) })
    }

    /// `memchr`'s offset is the buffer's own offset, searched from `start` to `end` only.
    @Test func findsAByteInARange() {
        let bytes = Array("ab:cd:ef".utf8)
        bytes.withUnsafeBytes { buffer in
            let colon = UInt8(ascii: ":")
            #expect(HTTPSyntax.firstIndex(of: colon, in: buffer, from: 0, to: 8) == 2)
            #expect(HTTPSyntax.firstIndex(of: colon, in: buffer, from: 3, to: 8) == 5)
            #expect(HTTPSyntax.firstIndex(of: colon, in: buffer, from: 3, to: 5) == nil)
            #expect(HTTPSyntax.firstIndex(of: colon, in: buffer, from: 6, to: 8) == nil)
            #expect(HTTPSyntax.firstIndex(of: colon, in: buffer, from: 2, to: 2) == nil)
            #expect(HTTPSyntax.lineFeed(in: buffer, from: 8) == nil)
        }
    }
}
