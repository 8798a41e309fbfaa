/// A route's coverage as a tree of path components (`projectAssignments[].role` → `projectAssignments`, `[]`,
/// `role`), built at load: finding what a request has outside it walks the request once and builds a path
/// string only for what is outside (the common request has nothing outside).
final class CoverageTree: Sendable {
    /// Whether a coverage path ends here: everything below is covered.
    let covered: Bool
    let children: [String: CoverageTree]

    /// The tree of a coverage set (paths as in ``Route/coverage``; `""` covers everything).
    convenience init(_ coverage: Set<String>) {
        self.init(paths: coverage.map(Self.components))
    }

    private init(paths: [[String]]) {
        covered = paths.contains { $0.isEmpty }
        var grouped: [String: [[String]]] = [:]
        for path in paths where !path.isEmpty { grouped[path[0], default: []].append(Array(path.dropFirst())) }
        children = grouped.mapValues { CoverageTree(paths: $0) }
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
        collect(object, prefix: prefix, into: &leaves)
        return leaves
    }

    private func collect(_ object: JSONObject, prefix: String, into leaves: inout [String]) {
        if covered { return }
        for member in object.members {
            if case .null = member.value { continue }
            guard let child = children[member.key] else {
                leaves.append(contentsOf: Dialect.leafPaths(JSONObject([member]), prefix: prefix))
                continue
            }
            if child.covered { continue }
            let path = prefix.isEmpty ? member.key : "\(prefix).\(member.key)"
            switch member.value {
            case .object(let inner) where member.key != "extensions":
                child.collect(inner, prefix: path, into: &leaves)
            case .array(let elements) where !elements.isEmpty && elements.allSatisfy({ $0.objectValue != nil }):
                guard let element = child.children["[]"] else {
                    leaves.append(contentsOf: Dialect.leafPaths(JSONObject([member]), prefix: prefix))
                    continue
                }
                var seen = Set<String>()
                for value in elements {
                    var inner: [String] = []
                    element.collect(value.objectValue!, prefix: path + "[]", into: &inner)
                    for leaf in inner where seen.insert(leaf).inserted { leaves.append(leaf) }
                }
            default:
                leaves.append(contentsOf: Dialect.leafPaths(JSONObject([member]), prefix: prefix))
            }
        }
    }
}
