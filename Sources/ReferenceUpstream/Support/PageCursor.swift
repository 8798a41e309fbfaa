import Foundation

/// Where a page of invitations ends: the (createdAt, id) of its last row, as an opaque token.
struct PageCursor: Hashable {
    var createdAt: Int64
    var id: String

    private static let prefix = "v1:"

    /// The opaque form handed to callers: base64url of `v1:<createdAt>:<id>`.
    var token: String {
        Data("\(Self.prefix)\(createdAt):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads a token made by ``token``; nil for anything else.
    init?(token: String) {
        guard !token.isEmpty, token.count <= 512 else { return nil }
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            text.hasPrefix(Self.prefix)
        else { return nil }
        let fields = text.dropFirst(Self.prefix.count).split(separator: ":", maxSplits: 1)
        guard fields.count == 2, let createdAt = Int64(fields[0]), !fields[1].isEmpty else { return nil }
        self.init(createdAt: createdAt, id: String(fields[1]))
    }

    init(createdAt: Int64, id: String) {
        self.createdAt = createdAt
        self.id = id
    }
}
