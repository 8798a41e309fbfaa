import GRDB
import InvitationCore

/// An organization row with its current member count.
struct StoredOrganization: FetchableRecord, Hashable {
    var id: String
    var slug: String
    var uuid: String
    var name: String
    var logoURL: String?
    var memberCount: Int

    /// Selects every organization column plus `memberCount`; append a WHERE clause on `o`.
    static let selection = """
        SELECT o.id, o.slug, o.uuid, o.name, o.logoURL,
        (SELECT COUNT(*) FROM memberships m WHERE m.organizationID = o.id) AS memberCount
        FROM organizations o
        """

    init(row: Row) throws {
        id = row["id"]
        slug = row["slug"]
        uuid = row["uuid"]
        name = row["name"]
        logoURL = row["logoURL"]
        memberCount = row["memberCount"]
    }

    /// The canonical organization with every field filled.
    var organization: Organization {
        Organization(id: id, slug: slug, uuid: uuid, name: name, logoURL: logoURL, memberCount: memberCount)
    }
}
