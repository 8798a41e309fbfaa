import Synchronization

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

    /// A new id: 32 lowercase hex digits, unique in this process and across processes.
    ///
    /// The first 16 digits are random, drawn once per process; the last 16 count up from a random start. Ids are
    /// for correlating logs, not secrets, so there is no system call for randomness on every request.
    public static func make() -> String {
        let sequence = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return String(unsafeUninitializedCapacity: 32) { buffer in
            writeHex(processPrefix, into: buffer, at: 0)
            writeHex(sequence, into: buffer, at: 16)
            return 32
        }
    }

    private static let processPrefix = UInt64.random(in: .min ... .max)
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))

    private static func writeHex(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { digits in
            for index in 0..<16 {
                buffer[offset + index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)]
            }
        }
    }
}
