/// Byte tests eight bytes at a time, over 64-bit words of a buffer (SWAR).
///
/// Each test gives a word with the high bit set in the bytes it flags. Its lowest flagged byte is always a true
/// one; above a true one, a flag may be false (a borrow carries into the next byte), so a caller that needs more
/// than the first looks at the word's bytes one by one.
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Flags the bytes of `word` equal to `byte`.
    @inline(__always)
    static func bytes(of word: UInt64, equalTo byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & highs
    }

    /// Flags the bytes of `word` below `limit` (at most 0x80; bytes of 0x80 and above are never flagged).
    @inline(__always)
    static func bytes(of word: UInt64, below limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highs
    }

    /// The offset and flags of the first whole word of `bytes[start..<end]` that `flags` flags a byte of; else the
    /// offset after the last whole word (where a byte-at-a-time look at the rest begins) and zero.
    @inline(__always)
    static func firstFlagged(
        in bytes: UnsafeRawBufferPointer, from start: Int, to end: Int, _ flags: (UInt64) -> UInt64
    ) -> (offset: Int, flags: UInt64) {
        var offset = start
        guard let base = bytes.baseAddress else { return (offset, 0) }
        while offset + 8 <= end {
            let found = flags(UInt64(littleEndian: (base + offset).loadUnaligned(as: UInt64.self)))
            if found != 0 { return (offset, found) }
            offset += 8
        }
        return (offset, 0)
    }
}
