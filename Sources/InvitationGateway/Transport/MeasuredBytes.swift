/// Bytes copied one piece after another into memory measured beforehand.
///
/// An answer's head or a whole upstream request is measured, then copied in with one
/// `ByteBuffer.writeWithUnsafeMutableBytes`: a `ByteBuffer` write per piece checks capacity and uniqueness a dozen
/// times a message.
struct MeasuredBytes {
    let bytes: UnsafeMutableRawBufferPointer
    /// How many bytes are written.
    private(set) var offset = 0

    init(bytes: UnsafeMutableRawBufferPointer) { self.bytes = bytes }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        copy(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func append(_ text: String) {
        // A native string's bytes are read in place; only another kind is copied (`withUTF8` needs a `var`, and a
        // copy of the string to make one: a retain and a release for every piece of every message).
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { copy(UnsafeRawBufferPointer($0)) }
        if copied == nil {
            var text = text
            text.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Appends a non-negative number's decimal digits (a status code, a `Content-Length`), without making a string.
    mutating func append(decimal number: Int) {
        precondition(number >= 0, "a negative number is not written")
        let count = Self.decimalCount(number)
        precondition(offset + count <= bytes.count, "the bytes outgrew their measure")
        var rest = number
        for index in stride(from: offset + count - 1, through: offset, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        offset += count
    }

    /// How many decimal digits ``append(decimal:)`` writes for `number`.
    static func decimalCount(_ number: Int) -> Int {
        var count = 1
        var rest = number
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { copy($0) }
    }

    /// Inlined, as the appends are: a message is some forty small pieces, and a call each was most of their cost.
    @inline(__always)
    private mutating func copy(_ source: UnsafeRawBufferPointer) {
        precondition(offset + source.count <= bytes.count, "the bytes outgrew their measure")
        if let base = source.baseAddress, source.count > 0 {
            (bytes.baseAddress! + offset).copyMemory(from: base, byteCount: source.count)
        }
        offset += source.count
    }
}
