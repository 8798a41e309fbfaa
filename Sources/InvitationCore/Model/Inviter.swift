/// The person who sent an invitation.
public struct Inviter: Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var email: String?
    public var avatarURL: String?

    public init(id: String? = nil, name: String? = nil, email: String? = nil, avatarURL: String? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.avatarURL = avatarURL
    }
}
