/// A route's coverage as a tree of path components (`projectAssignments[].role` → `projectAssignments`, `[]`,
/// `role`), built at load: finding what a request has outside it walks the request once and builds a path
/// string only for what is outside (the common request has nothing outside).
final class CoverageTree: Sendable {
    /// Whether a coverage path ends here: everything below is covered.
    let covered: Bool
    /// The components below this one, looked up by a scan: a route has a handful per level, and comparing a few
    /// short keys costs less than hashing one.
    let children: [(key: String, tree: CoverageTree)]

    /// The tree of a coverage set (paths as in ``Route/coverage``; `""` covers everything).
    convenience init(_ coverage: Set<String>) {
        self.init(paths: coverage.map(Self.components))
    }

    private init(paths: [[String]]) {
        covered = paths.contains { $0.isEmpty }
        var grouped: [String: [[String]]] = [:]
        for path in paths where !path.isEmpty { grouped[path[0], default: []].append(Array(path.dropFirst())) }
        children = grouped.keys.sorted().map { ($0, CoverageTree(paths: grouped[$0]!)) }
    }

    /// The subtree under `key`, if the coverage names it.
    func child(_ key: String) -> CoverageTree? {
        for child in children where child.key == key { return child.tree }
        return nil
    }

    /// `a.b[].c` → `a`, `b`, `[]`, `c`.
    private static func components(_ path: String) -> [String] {
        guard !path.isEmpty else { return [] }
        var components: [String] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            if part.hasSuffix("[]") {
                components.append(String(part.dropLast(2)))
                components.append("[]")
            } else {
                components.append(String(part))
            }
        }
        return components
    }

    /// The leaf paths of `object` (as ``Dialect/leafPaths(_:prefix:)`` names them) that no coverage path
    /// covers, itself or through an ancestor, in the object's order.
    func uncoveredLeaves(of object: JSONObject, prefix: String = "") -> [String] {
        var leaves: [String] = []
        var path = prefix.isEmpty ? [] : [prefix]
        collect(object, path: &path, into: &leaves)
        return leaves
    }

    /// Walks `object` below `path` (its components so far); a path string is joined only for a leaf outside.
    private func collect(_ object: JSONObject, path: inout [String], into leaves: inout [String]) {
        if covered { return }
        for member in object.members {
            if case .null = member.value { continue }
            /// Every leaf of `member`: none of it is covered.
            func addAllLeaves() {
                leaves.append(contentsOf: Dialect.leafPaths(JSONObject([member]), prefix: path.joined(separator: ".")))
            }
            guard let child = child(member.key) else {
                addAllLeaves()
                continue
            }
            if child.covered { continue }
            switch member.value {
            case .object(let inner) where member.key != "extensions":
                path.append(member.key)
                child.collect(inner, path: &path, into: &leaves)
                path.removeLast()
            case .array(let elements) where !elements.isEmpty && elements.allSatisfy({ $0.objectValue != nil }):
                guard let element = child.child("[]") else {
                    addAllLeaves()
                    continue
                }
                var seen = Set<String>()
                path.append(member.key + "[]")
                for value in elements {
                    var inner: [String] = []
                    element.collect(value.objectValue!, path: &path, into: &inner)
                    for leaf in inner where seen.insert(leaf).inserted { leaves.append(leaf) }
                }
                path.removeLast()
            default:
                addAllLeaves()
            }
        }
    }
}
