extension ReferenceConfiguration {
    /// An organization to seed, known by its id, slug, uuid and name.
    public struct OrganizationSeed: Sendable, Hashable {
        /// The primary key; invitations and memberships refer to it.
        public var id: String
        public var slug: String
        /// A UUID; stored lowercase and matched case-insensitively.
        public var uuid: String
        public var name: String
        public var logoURL: String?
        /// Seeded memberships; members added by accepting an invitation are kept as well.
        public var members: [MemberSeed]

        /// Creates an organization seed.
        public init(
            id: String, slug: String, uuid: String, name: String, logoURL: String? = nil,
            members: [MemberSeed] = []
        ) {
            self.id = id
            self.slug = slug
            self.uuid = uuid
            self.name = name
            self.logoURL = logoURL
            self.members = members
        }
    }

    /// A seeded membership: one user with one organization role.
    public struct MemberSeed: Sendable, Hashable {
        public var userID: String
        /// The organization role; `owner` and `admin` may invite, list and revoke.
        public var role: String

        /// Creates a membership seed.
        public init(userID: String, role: String) {
            self.userID = userID
            self.role = role
        }
    }
}
