import InvitationCore

extension ReferenceConfiguration {
    /// Checks that every reference resolves and every limit is sensible.
    public func validate() throws(ReferenceConfigurationError) {
        var userIDs = Set<String>()
        for user in users {
            guard userIDs.insert(user.id).inserted else {
                throw ReferenceConfigurationError("user \"\(user.id)\" is listed twice")
            }
            guard EmailAddress.isValid(user.email) else {
                throw ReferenceConfigurationError("user \"\(user.id)\" has an invalid email")
            }
        }
        var organizationIDs = Set<String>()
        for organization in organizations {
            guard organizationIDs.insert(organization.id).inserted else {
                throw ReferenceConfigurationError("organization \"\(organization.id)\" is listed twice")
            }
            for member in organization.members where !userIDs.contains(member.userID) {
                throw ReferenceConfigurationError(
                    "organization \"\(organization.id)\" has member \"\(member.userID)\", who is not a configured user")
            }
        }
        for (_, userID) in tokens.sorted(by: { $0.key < $1.key }) where !userIDs.contains(userID) {
            throw ReferenceConfigurationError("a token names user \"\(userID)\", who is not a configured user")
        }
        guard invitationExpiry > 0 else { throw ReferenceConfigurationError("invitationExpiry must be positive") }
        guard maxPageSize > 0, defaultPageSize > 0, defaultPageSize <= maxPageSize else {
            throw ReferenceConfigurationError("page sizes must be positive, with defaultPageSize <= maxPageSize")
        }
        guard maxBatchSize > 0 else { throw ReferenceConfigurationError("maxBatchSize must be positive") }
        guard maxMessageLength >= 0 else { throw ReferenceConfigurationError("maxMessageLength must not be negative") }
    }
}
