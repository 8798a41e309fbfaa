import InvitationCore

/// The authenticated user behind a request.
struct Caller: Sendable, Hashable {
    var id: String
    var name: String
    var email: String
    var avatarURL: String?

    init(_ user: ReferenceConfiguration.UserSeed) {
        id = user.id
        name = user.name
        email = user.email
        avatarURL = user.avatarURL
    }

    /// The caller as an invitation's inviter.
    var inviter: Inviter { Inviter(id: id, name: name, email: email, avatarURL: avatarURL) }

    /// Whether `email` is the caller's own: case-insensitive for ASCII, as `lower()` in the store's SQL.
    func owns(email other: String) -> Bool { other.asciiLowercased == email.asciiLowercased }
}
