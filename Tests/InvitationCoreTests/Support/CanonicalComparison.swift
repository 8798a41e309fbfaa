@testable import InvitationCore

/// Compares a canonical value before and after a trip through a dialect: what came back must equal what
/// went in, and what did not come back must be a field the dialect cannot carry.
///
/// Organization identifiers (`id`, `slug`, `uuid`) are compared as a set: dialects name an organization
/// by different identifiers and the mappings declare which stand in for which (`sameAs`, `fallback`).
struct CanonicalComparison {
    /// Leaves that came back with another value.
    var changed: [(path: String, before: JSONValue, after: JSONValue)] = []
    /// Leaves that came back without having gone in.
    var invented: [String] = []
    /// Leaves that went in and did not come back.
    var dropped: [String] = []

    static let organizationIdentifiers: Set<String> = ["id", "slug", "uuid"]

    init(before: JSONValue, after: JSONValue) {
        let old = Self.leaves(before)
        let new = Self.leaves(after)
        for (path, value) in old.sorted(by: { $0.key < $1.key }) where !Self.isOrganizationIdentifier(path) {
            if let other = new[path] {
                if other != value { changed.append((path, value, other)) }
            } else {
                dropped.append(path)
            }
        }
        for path in new.keys.sorted() where old[path] == nil && !Self.isOrganizationIdentifier(path) {
            invented.append(path)
        }
        for prefix in Set(old.keys.compactMap(Self.organizationPrefix) + new.keys.compactMap(Self.organizationPrefix)) {
            let before = Set(Self.organizationIdentifiers.compactMap { old["\(prefix)\($0)"] })
            let after = Set(Self.organizationIdentifiers.compactMap { new["\(prefix)\($0)"] })
            if !after.isSubset(of: before) { invented.append("\(prefix){id,slug,uuid}") }
            if after.isEmpty && !before.isEmpty { dropped.append("\(prefix){id,slug,uuid}") }
        }
    }

    /// Every leaf of a canonical value by path (`organization.name`, `invitations[1].roles`); arrays of
    /// scalars are one leaf, arrays of objects are indexed.
    static func leaves(_ value: JSONValue, prefix: String = "") -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        switch value {
        case .object(let object):
            for member in object.members {
                let path = prefix.isEmpty ? member.key : "\(prefix).\(member.key)"
                result.merge(leaves(member.value, prefix: path)) { first, _ in first }
            }
        case .array(let elements) where !elements.isEmpty && elements.allSatisfy({ $0.objectValue != nil }):
            for (index, element) in elements.enumerated() {
                result.merge(leaves(element, prefix: "\(prefix)[\(index)]")) { first, _ in first }
            }
        case .null:
            break
        case .array(let elements) where elements.isEmpty:
            break
        default:
            result[prefix] = value
        }
        return result
    }

    /// `organization.` or `invitations[0].organization.` for an organization identifier leaf.
    static func organizationPrefix(_ path: String) -> String? {
        guard let dot = path.lastIndex(of: "."),
            organizationIdentifiers.contains(String(path[path.index(after: dot)...]))
        else {
            return nil
        }
        let owner = path[..<dot]
        guard owner == "organization" || owner.hasSuffix(".organization") else { return nil }
        return String(path[...dot])
    }

    static func isOrganizationIdentifier(_ path: String) -> Bool { organizationPrefix(path) != nil }

    /// A leaf path with array indexes written as `[]`, the form route coverage uses.
    static func coveragePath(_ path: String) -> String {
        var result = ""
        var skipping = false
        for character in path {
            if character == "[" {
                skipping = true
                result += "[]"
                continue
            }
            if character == "]" {
                skipping = false
                continue
            }
            if !skipping { result.append(character) }
        }
        return result
    }

    /// Whether a loss names the leaf or one of its ancestors.
    static func isReported(_ path: String, losses: [FieldViolation]) -> Bool {
        losses.contains {
            path == $0.location || path.hasPrefix($0.location + ".") || path.hasPrefix($0.location + "[")
        }
    }

    /// Whether a dropped leaf is one a dialect could not carry: reported as a loss, or outside `coverage`.
    static func isAccountedFor(_ path: String, losses: [FieldViolation], coverage: Set<String>) -> Bool {
        if isReported(path, losses: losses) { return true }
        if path.hasSuffix("{id,slug,uuid}") {
            let prefix = String(path.dropLast("{id,slug,uuid}".count))
            return organizationIdentifiers.allSatisfy { identifier in
                let leaf = prefix + identifier
                return losses.contains { $0.location == leaf } || !Dialect.covers(coverage, coveragePath(leaf))
            }
        }
        return !Dialect.covers(coverage, coveragePath(path))
    }
}
