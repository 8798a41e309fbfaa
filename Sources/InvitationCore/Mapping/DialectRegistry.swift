import Foundation

/// The dialects the gateway speaks, loaded from a mappings folder, with one route table over all of them.
public struct DialectRegistry: Sendable {
    /// The dialects in name order.
    public let dialects: [Dialect]
    private let byName: [String: Dialect]
    private let table: [RouteKey: [(dialect: Dialect, route: Route)]]
    /// The routes found for the paths of routes without parameters, by path and then method: ``match(method:path:)``'s
    /// own answers, worked out at load, so that such a path is looked up rather than cut into segments and compared.
    private var fixedPaths: [String: [(method: String, dialect: Dialect, route: Route)]] = [:]
    /// The UTF-8 lengths of ``fixedPaths``' keys: a path of another length is not hashed to look it up.
    private var fixedPathLengths: [Int] = []
    /// Whether every route's literal segments are ASCII, as matching a path's bytes requires.
    private let allLiteralsASCII: Bool

    private struct RouteKey: Hashable {
        let segmentCount: Int
    }

    /// Builds a registry; two dialects claiming the same method and path is an error.
    public init(dialects: [Dialect]) throws(MappingError) {
        var byName: [String: Dialect] = [:]
        var table: [RouteKey: [(dialect: Dialect, route: Route)]] = [:]
        for dialect in dialects {
            if let existing = byName[dialect.name] {
                throw MappingError(
                    file: dialect.file, line: 0, rule: "dialect",
                    reason: "the dialect name '\(dialect.name)' is also used by \(existing.file)")
            }
            byName[dialect.name] = dialect
            for route in dialect.routes {
                let key = RouteKey(segmentCount: route.path.segments.count)
                if let clash = table[key, default: []].first(where: {
                    $0.route.method == route.method && $0.route.path.segments == route.path.segments
                }) {
                    throw MappingError(
                        file: dialect.file, line: 0, rule: "\(route.method) \(route.path)",
                        reason: "the same route is declared by \(clash.route.source)")
                }
                table[key, default: []].append((dialect, route))
            }
        }
        self.dialects = dialects.sorted { $0.name < $1.name }
        self.byName = byName
        self.table = table
        self.allLiteralsASCII = table.values.allSatisfy { $0.allSatisfy { $0.route.path.hasASCIILiterals } }
        self.fixedPaths = fixedPathMatches()
        self.fixedPathLengths = Array(Set(fixedPaths.keys.map(\.utf8.count))).sorted()
    }

    /// ``fixedPaths``: for each route without parameters, its path as written and in its plain form (`/a/b`), with
    /// every method a route has (and `HEAD`) that ``matchText(method:path:)`` answers with a route.
    private func fixedPathMatches() -> [String: [(method: String, dialect: Dialect, route: Route)]] {
        var methods = Set(dialects.flatMap { $0.routes.map(\.method) })
        methods.insert("HEAD")
        var paths = Set<String>()
        for routes in table.values {
            for (_, route) in routes where route.path.literalCount == route.path.segments.count {
                let literals = route.path.segments.map { if case .literal(let text) = $0 { text } else { "" } }
                paths.insert(route.path.text)
                paths.insert("/" + literals.joined(separator: "/"))
            }
        }
        var fixed: [String: [(method: String, dialect: Dialect, route: Route)]] = [:]
        for path in paths {
            for method in methods.sorted() {
                if case .route(let dialect, let route, let parameters) = matchText(method: method, path: path),
                    parameters.isEmpty
                {
                    fixed[path, default: []].append((method, dialect, route))
                }
            }
        }
        return fixed
    }

    /// Loads and compiles every `*.yaml` / `*.yml` file in a folder.
    public static func load(directory: String) throws(MappingError) -> DialectRegistry {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MappingError(file: directory, line: 0, rule: "", reason: "the mappings folder cannot be read")
        }
        var dialects: [Dialect] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
            else {
                throw MappingError(file: path, line: 0, rule: "", reason: "the file cannot be read as UTF-8 text")
            }
            dialects.append(try MappingCompiler(file: path, text: text).compile())
        }
        guard !dialects.isEmpty else {
            throw MappingError(file: directory, line: 0, rule: "", reason: "the folder holds no mapping files (*.yaml)")
        }
        return try DialectRegistry(dialects: dialects)
    }

    /// The dialect with this name.
    public func dialect(named name: String) -> Dialect? { byName[name] }

    /// What a method and path lead to.
    public enum Match: Sendable {
        case route(Dialect, Route, pathParameters: [String: String])
        /// The path belongs to a dialect's route, not for this method.
        case methodNotAllowed(Dialect, allowed: [String])
        /// No route; the dialect whose routes the path resembles most, if any.
        case notFound(Dialect?)
    }

    /// A path's non-empty segments between slashes.
    ///
    /// The slashes are found over the path's UTF-8 bytes and each segment is cut once: stepping the string's
    /// `UTF8View` index by index checks every step.
    static func segments(of path: String) -> [Substring] {
        var path = path
        path.makeContiguousUTF8()
        var segments: [Substring] = []
        segments.reserveCapacity(8)  // Every mapped route has fewer: one allocation, not one per doubling.
        let utf8 = path.utf8
        utf8.withContiguousStorageIfAvailable { bytes in
            // Cut at offsets next to a slash (ASCII) or at the ends of the path: always on a character boundary.
            forEachSegment(of: bytes) { range in
                let first = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
                segments.append(path[first..<utf8.index(first, offsetBy: range.count)])
                return true
            }
        }
        return segments
    }

    /// Calls `body` with the byte range of each non-empty segment between slashes, in order, while it returns true.
    @inline(__always)
    private static func forEachSegment(of path: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Bool) {
        var start = 0
        for offset in 0...path.count where offset == path.count || path[offset] == UInt8(ascii: "/") {
            if start != offset, !body(start..<offset) { return }
            start = offset + 1
        }
    }

    /// The candidate a path goes to: the first whose method is `method` (or `GET` for `HEAD`) and that `fits` the
    /// path, unless a later one that fits has more literal segments.
    @inline(__always)
    private static func best(
        of candidates: UnsafeBufferPointer<(dialect: Dialect, route: Route)>, method: String,
        fits: (PathTemplate) -> Bool
    ) -> Int? {
        var best: Int?
        for index in candidates.indices {
            let route = candidates[index].route
            guard route.method == method || (method == "HEAD" && route.method == "GET"), fits(route.path) else {
                continue
            }
            if best.map({ route.path.literalCount > candidates[$0].route.path.literalCount }) ?? true { best = index }
        }
        return best
    }

    /// ``match(method:path:)`` for a path of ASCII bytes without `%` that a route fits: its segments are found and
    /// compared as bytes, with no string cut; nil for any other path (matched as text), and where no route fits (the
    /// text match then tells a wrong method from an unknown path).
    private func matchASCII(method: String, path: UnsafeBufferPointer<UInt8>) -> Match? {
        guard allLiteralsASCII, path.count <= 512, path.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "%") }) else {
            return nil
        }
        return withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: 64) { ranges -> Match? in
            var count = 0
            var allHeld = true
            Self.forEachSegment(of: path) { range in
                guard count < ranges.count else {
                    allHeld = false
                    return false
                }
                ranges[count] = range
                count += 1
                return true
            }
            guard allHeld, let candidates = table[RouteKey(segmentCount: count)] else { return nil }
            let segments = UnsafeBufferPointer(rebasing: ranges[..<count])
            return candidates.withUnsafeBufferPointer { candidates -> Match? in
                guard
                    let best = Self.best(
                        of: candidates, method: method,
                        fits: { $0.match(ascii: path, segments: segments, collect: false) != nil }),
                    let parameters = candidates[best].route.path.match(ascii: path, segments: segments, collect: true)
                else { return nil }
                return .route(candidates[best].dialect, candidates[best].route, pathParameters: parameters)
            }
        }
    }

    /// Finds the route for a request; literal segments beat parameters where two routes fit.
    public func match(method: String, path: String) -> Match {
        if fixedPathLengths.contains(path.utf8.count), let fixed = fixedPaths[path] {
            for index in fixed.indices where fixed[index].method == method {
                return .route(fixed[index].dialect, fixed[index].route, pathParameters: [:])
            }
        }
        var bytes = path
        if let found = bytes.withUTF8({ matchASCII(method: method, path: $0) }) { return found }
        return matchText(method: method, path: path)
    }

    /// ``match(method:path:)`` with the path cut into segments and compared as text: every path, every answer.
    func matchText(method: String, path: String) -> Match {
        let segments = Self.segments(of: path)
        let candidates = table[RouteKey(segmentCount: segments.count)] ?? []
        // Candidates are told apart without collecting their parameters: only the route chosen has them collected.
        // By index, from the array's buffer: a `for in` retains and releases every candidate's dialect and route.
        let best = candidates.withUnsafeBufferPointer {
            Self.best(of: $0, method: method, fits: { $0.fits(segments) })
        }
        if let best, let parameters = candidates[best].route.path.match(segments) {
            return .route(candidates[best].dialect, candidates[best].route, pathParameters: parameters)
        }
        // No route for this method: the methods the path has, if any.
        var allowed: [String] = []
        var pathOwner: Dialect?
        for (dialect, route) in candidates where route.path.fits(segments) {
            allowed.append(route.method)
            pathOwner = pathOwner ?? dialect
        }
        if let pathOwner { return .methodNotAllowed(pathOwner, allowed: Array(Set(allowed)).sorted()) }
        var closest: (Dialect, Int)?
        for routes in table.values {
            for (dialect, route) in routes {
                let shared = route.path.sharedLiteralPrefix(segments)
                let literal = route.path.segments.prefix(shared).contains {
                    if case .literal = $0 { true } else { false }
                }
                if literal, shared > (closest?.1 ?? 0) { closest = (dialect, shared) }
            }
        }
        return .notFound(closest?.0)
    }
}
