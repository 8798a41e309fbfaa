/// An organization, known by any of its identifiers.
///
/// Dialects name organizations differently (inkeep: id = slug; dreadnode: slug; k0rdent: a name-like id
/// and a uuid; zenml: only the name), so every identifier is optional.
public struct Organization: Sendable, Hashable {
    public var id: String?
    public var slug: String?
    public var uuid: String?
    public var name: String?
    public var logoURL: String?
    public var memberCount: Int?

    public init(
        id: String? = nil, slug: String? = nil, uuid: String? = nil, name: String? = nil, logoURL: String? = nil,
        memberCount: Int? = nil
    ) {
        self.id = id
        self.slug = slug
        self.uuid = uuid
        self.name = name
        self.logoURL = logoURL
        self.memberCount = memberCount
    }

    /// An organization with nothing set.
    ///
    /// Its own initializer: through the memberwise one's defaults the optimizer built one and copied it.
    public init() {
        id = nil
        slug = nil
        uuid = nil
        name = nil
        logoURL = nil
        memberCount = nil
    }

    /// Whether no identifier at all is set.
    public var isUnidentified: Bool { id == nil && slug == nil && uuid == nil && name == nil }

    /// Any identifier, preferring id, then slug, uuid and name.
    public var anyIdentifier: String? { id ?? slug ?? uuid ?? name }
}
