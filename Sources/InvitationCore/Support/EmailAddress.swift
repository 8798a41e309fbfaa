/// A pragmatic email syntax check: `local@domain.tld`, no spaces or control characters, RFC 5321 lengths.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count <= 254, let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = utf8[utf8.startIndex..<at]
        let domain = utf8[utf8.index(after: at)...]
        guard !local.isEmpty, local.count <= 64, domain.count >= 3 else { return false }
        for byte in utf8
        where byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\\")
            || byte == UInt8(ascii: "\"")
        {
            return false
        }
        if local.contains(UInt8(ascii: "@")) { return false }
        if local.first == UInt8(ascii: ".") || local.last == UInt8(ascii: ".") { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            for byte in label where !(byte >= 0x80 || isAlphanumeric(byte) || byte == UInt8(ascii: "-")) {
                return false
            }
        }
        return true
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
