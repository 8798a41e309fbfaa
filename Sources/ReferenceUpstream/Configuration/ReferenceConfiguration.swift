import Foundation

/// Everything the reference service is seeded and tuned with: organizations, users, tokens, limits and a clock.
public struct ReferenceConfiguration: Sendable {
    /// Organizations to create (or refresh) on open, with their seeded members.
    public var organizations: [OrganizationSeed]
    /// Users to create (or refresh) on open.
    public var users: [UserSeed]
    /// Bearer tokens (also accepted as API keys or session-cookie values), each mapped to a user id.
    public var tokens: [String: String]
    /// How long a new invitation stays pending; 7 days unless told.
    public var invitationExpiry: TimeInterval
    /// The page size of `listInvitations` when the caller names none; 50 unless told.
    public var defaultPageSize: Int
    /// The largest page size a caller may ask for (a bigger one is `validation_failed`); 500 unless told.
    public var maxPageSize: Int
    /// The most emails one `createInvitations` may carry (more is `validation_failed`); 50 unless told.
    public var maxBatchSize: Int
    /// The longest invitation message in characters (longer is `validation_failed`); 500 unless told.
    public var maxMessageLength: Int
    /// The current time; inject a controllable clock in tests.
    public var now: @Sendable () -> Date

    /// Creates a configuration; every limit has the documented default.
    public init(
        organizations: [OrganizationSeed] = [],
        users: [UserSeed] = [],
        tokens: [String: String] = [:],
        invitationExpiry: TimeInterval = 7 * 24 * 60 * 60,
        defaultPageSize: Int = 50,
        maxPageSize: Int = 500,
        maxBatchSize: Int = 50,
        maxMessageLength: Int = 500,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.organizations = organizations
        self.users = users
        self.tokens = tokens
        self.invitationExpiry = invitationExpiry
        self.defaultPageSize = defaultPageSize
        self.maxPageSize = maxPageSize
        self.maxBatchSize = maxBatchSize
        self.maxMessageLength = maxMessageLength
        self.now = now
    }
}
