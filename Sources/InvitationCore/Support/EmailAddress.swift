/// A pragmatic email syntax check: `local@domain.tld`, no spaces or control characters, RFC 5321 lengths.
public enum EmailAddress {
    /// Whether `text` is `local@domain` with a local part of 1...64 bytes not starting or ending with `.`, a
    /// domain of at least two labels (letters, digits, `-` not at either end, or non-ASCII), 254 bytes at most.
    public static func isValid(_ text: String) -> Bool {
        // A native string's bytes are read in place; `withUTF8` would need a copy of the string to mutate.
        if let valid = text.utf8.withContiguousStorageIfAvailable(isValid(bytes:)) { return valid }
        var text = text
        return text.withUTF8(isValid(bytes:))
    }

    private static func isValid(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The table is fetched once, not once per byte (each fetch of a static checks that it is made).
        ByteClass.table.withUnsafeBufferPointer { isValid(bytes: bytes, classes: $0) }
    }

    private static func isValid(bytes: UnsafeBufferPointer<UInt8>, classes: UnsafeBufferPointer<ByteClass>) -> Bool {
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let localCount = at
        guard localCount > 0, localCount <= 64, bytes.count - at - 1 >= 3 else { return false }
        for index in 0..<at {
            let byte = bytes[index]
            if !classes[Int(byte)].contains(.local) { return false }
        }
        if bytes[0] == UInt8(ascii: ".") || bytes[at - 1] == UInt8(ascii: ".") { return false }
        // The domain, label by label: one pass, no label empty, longer than 63 bytes or edged with `-`.
        var labels = 0
        var labelStart = at + 1
        var index = at + 1
        while index <= bytes.count {
            let atEnd = index == bytes.count
            let byte = atEnd ? UInt8(ascii: ".") : bytes[index]
            if byte == UInt8(ascii: ".") {
                let length = index - labelStart
                guard length > 0, length <= 63, bytes[labelStart] != UInt8(ascii: "-"),
                    bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                labels += 1
                labelStart = index + 1
            } else if !classes[Int(byte)].contains(.domain) {
                return false
            }
            index += 1
        }
        return labels >= 2
    }

    /// Where a byte may stand in an address, looked up once per byte: an address is checked on every read and every
    /// write of a field in the email format, and this check was several comparisons a byte.
    private struct ByteClass: OptionSet, Sendable {
        let rawValue: UInt8

        /// In the local part: anything but a control, space, DEL, `<>,;\"` and `@`.
        static let local = ByteClass(rawValue: 1)
        /// In a domain label: a letter, a digit, `-` or a non-ASCII byte.
        static let domain = ByteClass(rawValue: 2)

        /// The classes of every byte, at the byte's value.
        static let table: [ByteClass] = (0...255).map { classify(UInt8($0)) }

        /// The classes of `byte`, by the rules the table is made from.
        private static func classify(_ byte: UInt8) -> ByteClass {
            var classes: ByteClass = []
            if !isForbidden(byte) && byte != UInt8(ascii: "@") { classes.insert(.local) }
            if !isForbidden(byte) && (byte >= 0x80 || isAlphanumeric(byte) || byte == UInt8(ascii: "-")) {
                classes.insert(.domain)
            }
            return classes
        }

        /// Bytes no part of an address may hold: controls, space, DEL and `<>,;\"`.
        private static func isForbidden(_ byte: UInt8) -> Bool {
            byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\\")
                || byte == UInt8(ascii: "\"")
        }

        private static func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
    }
}
