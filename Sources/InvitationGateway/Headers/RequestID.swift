/// The `X-Request-Id` rules: keep a caller's id when it is printable ASCII of at most 200 characters, else make one.
public enum RequestID {
    /// The header's name.
    public static let headerName = "X-Request-Id"
    /// The longest id kept.
    public static let maximumLength = 200

    /// The caller's id when acceptable: 1…200 printable ASCII characters (no spaces at either end).
    public static func accept(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= maximumLength else { return nil }
        guard value.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E || $0 == 0x20 }) else { return nil }
        guard value.utf8.first != 0x20, value.utf8.last != 0x20 else { return nil }
        return value
    }

    /// A new random id: 32 lowercase hex digits.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
