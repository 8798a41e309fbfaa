/// A role on one project, granted together with the organization invitation.
public struct ProjectAssignment: Sendable, Hashable {
    public var projectID: String
    public var role: String

    public init(projectID: String, role: String) {
        self.projectID = projectID
        self.role = role
    }
}
