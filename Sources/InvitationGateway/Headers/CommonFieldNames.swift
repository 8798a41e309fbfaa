import Foundation
import HTTPTypes

/// Field names most requests carry, made once: a parsed name spelled exactly as one of these is that name, without
/// being made text, checked and lowercased again.
enum CommonFieldNames {
    /// Each spelling as clients send it (capitalized, and lowercase as HTTP/2-era clients write it).
    private static let spellings: [(bytes: [UInt8], name: HTTPField.Name)] = [
        "Host", "Content-Type", "Content-Length", "Authorization", "User-Agent", "Accept", "Connection",
        "Accept-Encoding", "Idempotency-Key", "X-Request-Id", "Cookie", "X-Api-Key",
    ].flatMap { spelling in
        [spelling, spelling.lowercased()].map { text in
            guard let name = HTTPField.Name(text) else { preconditionFailure("\(text) is a field name") }
            return (Array(text.utf8), name)
        }
    }

    /// The name whose raw spelling is exactly `bytes`, when it is one of the common ones.
    static func name(spelled bytes: UnsafeRawBufferPointer) -> HTTPField.Name? {
        guard let base = bytes.baseAddress else { return nil }
        for index in spellings.indices where spellings[index].bytes.count == bytes.count {
            let same = spellings[index].bytes.withUnsafeBytes { memcmp($0.baseAddress!, base, bytes.count) == 0 }
            if same { return spellings[index].name }
        }
        return nil
    }
}
