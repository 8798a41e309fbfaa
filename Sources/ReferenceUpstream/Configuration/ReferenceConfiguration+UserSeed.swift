extension ReferenceConfiguration {
    /// A user to seed; callers are users, found through the token table.
    public struct UserSeed: Sendable, Hashable {
        public var id: String
        public var name: String
        /// The user's email; invitations addressed to it (case-insensitively) are the user's own.
        public var email: String
        public var avatarURL: String?

        /// Creates a user seed.
        public init(id: String, name: String, email: String, avatarURL: String? = nil) {
            self.id = id
            self.name = name
            self.email = email
            self.avatarURL = avatarURL
        }
    }
}
