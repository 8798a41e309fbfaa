import Yams

/// Compiles one mapping file (YAML) into a ``Dialect``, checking every rule against the canonical schema.
public struct MappingCompiler {
    let file: String
    let text: String

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    // MARK: Reading YAML nodes with their places

    struct Place {
        let rule: String
        let node: Node
        func child(_ key: String) -> String { rule.isEmpty ? key : "\(rule).\(key)" }

        /// The same place with only the mapping keys in `keys`.
        func filtered(_ keys: Set<String>) -> Place {
            guard case .mapping(let mapping) = node else { return self }
            let pairs = mapping.filter { pair in (pair.key.scalar?.string).map(keys.contains) ?? false }
            return Place(
                rule: rule,
                node: .mapping(Node.Mapping(pairs.map { ($0.key, $0.value) }, mapping.tag, mapping.style, mapping.mark))
            )
        }
    }

    func fail(_ place: Place, _ reason: String) -> MappingError {
        MappingError(file: file, line: place.node.mark?.line ?? 0, rule: place.rule, reason: reason)
    }

    func mapping(_ place: Place) throws(MappingError) -> [(key: String, place: Place)] {
        guard case .mapping(let mapping) = place.node else { throw fail(place, "expected a mapping") }
        var result: [(String, Place)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw fail(place, "keys must be plain text") }
            result.append((scalar.string, Place(rule: place.child(scalar.string), node: value)))
        }
        return result
    }

    func string(_ place: Place) throws(MappingError) -> String {
        guard case .scalar(let scalar) = place.node else { throw fail(place, "expected text") }
        return scalar.string
    }

    func int(_ place: Place) throws(MappingError) -> Int {
        guard case .scalar(let scalar) = place.node, let value = Int(scalar.string) else {
            throw fail(place, "expected a whole number")
        }
        return value
    }

    func bool(_ place: Place) throws(MappingError) -> Bool {
        guard case .scalar(let scalar) = place.node, scalar.string == "true" || scalar.string == "false" else {
            throw fail(place, "expected true or false")
        }
        return scalar.string == "true"
    }

    func strings(_ place: Place) throws(MappingError) -> [String] {
        guard case .sequence(let sequence) = place.node else { throw fail(place, "expected a list") }
        var result: [String] = []
        for (index, node) in sequence.enumerated() {
            result.append(try string(Place(rule: "\(place.rule)[\(index)]", node: node)))
        }
        return result
    }

    func json(_ place: Place) throws(MappingError) -> JSONValue {
        switch place.node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                switch scalar.string {
                case "null", "~", "": return .null
                case "true": return .bool(true)
                case "false": return .bool(false)
                default:
                    if let i = Int(scalar.string) { return .int(i) }
                    if let d = Double(scalar.string) { return .double(d) }
                }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for (index, node) in sequence.enumerated() {
                elements.append(try json(Place(rule: "\(place.rule)[\(index)]", node: node)))
            }
            return .array(elements)
        case .mapping:
            var object = JSONObject()
            for (key, child) in try mapping(place) { object[key] = try json(child) }
            return .object(object)
        case .alias:
            throw fail(place, "aliases are not supported; use shapes")
        }
    }

    // MARK: Compiling

    /// Compiles the file; the first problem found is thrown.
    public func compile() throws(MappingError) -> Dialect {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw MappingError(file: file, line: 0, rule: "", reason: "the file is empty")
            }
            root = node
        } catch let error as MappingError {
            throw error
        } catch {
            throw MappingError(file: file, line: Self.line(of: error), rule: "", reason: "not valid YAML: \(error)")
        }
        let top = Place(rule: "", node: root)
        var fields: [String: Place] = [:]
        for (key, place) in try mapping(top) {
            guard Self.topLevelKeys.contains(key) else {
                throw fail(
                    place, "unknown key '\(key)'; expected one of \(Self.topLevelKeys.sorted().joined(separator: ", "))"
                )
            }
            fields[key] = place
        }
        func required(_ key: String) throws(MappingError) -> Place {
            guard let place = fields[key] else {
                throw MappingError(file: file, line: 1, rule: key, reason: "is required")
            }
            return place
        }
        let name = try string(required("dialect"))
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw fail(try required("dialect"), "a dialect name is letters, digits, '-' and '_'")
        }
        var state = State()
        if let place = fields["unknownFields"] {
            guard let policy = Rule.UnknownFields(rawValue: try string(place)) else {
                throw fail(place, "expected reject, keep or ignore")
            }
            state.requestUnknownFields = policy
        }
        if let place = fields["vocabularies"] {
            for (vocabularyName, vocabularyPlace) in try mapping(place) {
                state.vocabularies[vocabularyName] = try vocabulary(vocabularyName, vocabularyPlace)
            }
        }
        if let place = fields["shapes"] {
            for (shapeName, shapePlace) in try mapping(place) { state.shapes[shapeName] = shapePlace }
        }
        var credentials = CredentialPlaces(headers: ["authorization"], cookiePrefixes: [])
        if let place = fields["credentials"] {
            var headers: [String] = []
            var prefixes: [String] = []
            for (key, child) in try mapping(place) {
                switch key {
                case "headers": headers = try strings(child).map { $0.lowercased() }
                case "cookiePrefixes": prefixes = try strings(child)
                default: throw fail(child, "unknown key '\(key)'; expected headers or cookiePrefixes")
                }
            }
            credentials = CredentialPlaces(headers: headers, cookiePrefixes: prefixes)
        }
        let errors = try errorEnvelope(try required("errors"), &state)
        guard case .sequence(let routeNodes) = try required("routes").node else {
            throw fail(try required("routes"), "expected a list of routes")
        }
        var routes: [Route] = []
        for (index, node) in routeNodes.enumerated() {
            let route = try self.route(Place(rule: "routes[\(index)]", node: node), &state)
            if let clash = routes.first(where: { $0.method == route.method && $0.path.segments == route.path.segments })
            {
                throw fail(Place(rule: "routes[\(index)]", node: node), "duplicates the route at \(clash.source)")
            }
            routes.append(route)
        }
        return Dialect(
            name: name, title: try fields["title"].map(string) ?? name,
            contentType: try fields["contentType"].map(string) ?? "application/json", credentials: credentials,
            routes: routes, errors: errors, vocabularies: state.vocabularies, file: file)
    }

    static let topLevelKeys: Set<String> = [
        "dialect", "title", "description", "contentType", "credentials", "unknownFields", "vocabularies", "shapes",
        "errors", "routes",
    ]

    static func line(of error: Error) -> Int {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
            default: return 0
            }
        }
        return 0
    }

    struct State {
        var vocabularies: [String: Vocabulary] = [:]
        var shapes: [String: Place] = [:]
        var shapeStack: [String] = []
        var requestUnknownFields: Rule.UnknownFields = .reject
    }

    func vocabulary(_ name: String, _ place: Place) throws(MappingError) -> Vocabulary {
        var values: [(String, String)] = []
        var extras: [(String, String)] = []
        var isOpen = false
        for (key, child) in try mapping(place) {
            switch key {
            case "values":
                for (dialectWord, canonicalPlace) in try mapping(child) {
                    values.append((dialectWord, try string(canonicalPlace)))
                }
            case "write":
                for (canonicalWord, dialectPlace) in try mapping(child) {
                    extras.append((canonicalWord, try string(dialectPlace)))
                }
            case "open": isOpen = try bool(child)
            case "description": break
            default: throw fail(child, "unknown key '\(key)'; expected values, write, open or description")
            }
        }
        guard !values.isEmpty || isOpen else { throw fail(place, "a vocabulary needs values") }
        return Vocabulary(
            name: name, values: values.map { (dialect: $0.0, canonical: $0.1) }, renderExtras: extras, isOpen: isOpen)
    }

    func errorEnvelope(_ place: Place, _ state: inout State) throws(MappingError) -> ErrorEnvelope {
        var contentType = "application/json"
        var entries: [ErrorEnvelope.Entry] = []
        var bodyPlace: Place?
        for (key, child) in try mapping(place) {
            switch key {
            case "contentType": contentType = try string(child)
            case "codes":
                guard case .sequence(let rows) = child.node else { throw fail(child, "expected a list of codes") }
                for (index, node) in rows.enumerated() {
                    let rowPlace = Place(rule: "\(child.rule)[\(index)]", node: node)
                    var canonical: GatewayErrorCode?
                    var status: Int?
                    var dialectCode: String?
                    for (rowKey, value) in try mapping(rowPlace) {
                        switch rowKey {
                        case "canonical":
                            let word = try string(value)
                            guard let code = GatewayErrorCode(rawValue: word) else {
                                throw fail(
                                    value,
                                    "unknown canonical code '\(word)'; expected one of \(GatewayErrorCode.allCases.map(\.rawValue).joined(separator: ", "))"
                                )
                            }
                            canonical = code
                        case "status":
                            let number = try int(value)
                            guard (400...599).contains(number) else {
                                throw fail(value, "an error status is 400 to 599")
                            }
                            status = number
                        case "code": dialectCode = try string(value)
                        default: throw fail(value, "unknown key '\(rowKey)'; expected canonical, status or code")
                        }
                    }
                    guard let canonical else { throw fail(rowPlace, "needs 'canonical'") }
                    entries.append(
                        ErrorEnvelope.Entry(
                            canonical: canonical, status: status ?? canonical.defaultStatus, dialectCode: dialectCode))
                }
            case "body": bodyPlace = child
            default: throw fail(child, "unknown key '\(key)'; expected contentType, codes or body")
            }
        }
        guard let bodyPlace else { throw fail(place, "needs a 'body' rule") }
        let body = try rule(bodyPlace, schema: CanonicalSchema.errorView, unknown: .ignore, &state)
        return ErrorEnvelope(contentType: contentType, entries: entries, body: body)
    }

    func route(_ place: Place, _ state: inout State) throws(MappingError) -> Route {
        var fields: [String: Place] = [:]
        for (key, child) in try mapping(place) {
            guard
                ["operation", "method", "path", "request", "response", "fixed", "single", "outbound", "description"]
                    .contains(key)
            else { throw fail(child, "unknown key '\(key)' in a route") }
            fields[key] = child
        }
        func required(_ key: String) throws(MappingError) -> Place {
            guard let child = fields[key] else { throw fail(place, "a route needs '\(key)'") }
            return child
        }
        let operationPlace = try required("operation")
        guard let operation = OperationName(rawValue: try string(operationPlace)) else {
            throw fail(
                operationPlace,
                "unknown operation; expected one of \(OperationName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let methodPlace = try required("method")
        let method = try string(methodPlace).uppercased()
        guard ["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) else {
            throw fail(methodPlace, "expected GET, POST, PUT, PATCH or DELETE")
        }
        let pathPlace = try required("path")
        guard let path = PathTemplate(try string(pathPlace)) else {
            throw fail(pathPlace, "a path starts with '/' and writes parameters as {name}")
        }
        let single = try fields["single"].map(bool) ?? false
        if single && operation != .createInvitations {
            throw fail(fields["single"]!, "only createInvitations can be single")
        }
        let requestSchema = CanonicalSchema.request(operation)
        var fixed = JSONObject()
        if let fixedPlace = fields["fixed"] {
            for (key, child) in try mapping(fixedPlace) {
                guard requestSchema.resolve(CanonicalPath(key)) != nil else {
                    throw fail(
                        child,
                        "'\(key)' is not a canonical input of \(operation.rawValue); expected one of \(requestSchema.memberNames.joined(separator: ", "))"
                    )
                }
                CanonicalPath(key).set(try json(child), in: &fixed)
            }
        }
        var pathParameters: [Rule.Member] = []
        var queryParameters: [Rule.Member] = []
        var body: Rule?
        if let requestPlace = fields["request"] {
            for (key, child) in try mapping(requestPlace) {
                switch key {
                case "path":
                    for (name, rulePlace) in try mapping(child) {
                        guard path.parameterNames.contains(name) else {
                            throw fail(rulePlace, "the path \(path) has no parameter {\(name)}")
                        }
                        pathParameters.append(
                            Rule.Member(
                                name: name,
                                rule: try rule(
                                    rulePlace, schema: requestSchema, unknown: .reject, &state, forceRequired: true)))
                    }
                case "query":
                    for (name, rulePlace) in try mapping(child) {
                        queryParameters.append(
                            Rule.Member(
                                name: name, rule: try rule(rulePlace, schema: requestSchema, unknown: .reject, &state)))
                    }
                case "body":
                    body = try rule(child, schema: requestSchema, unknown: state.requestUnknownFields, &state)
                default: throw fail(child, "unknown key '\(key)'; expected path, query or body")
                }
            }
        }
        for name in path.parameterNames where !pathParameters.contains(where: { $0.name == name }) {
            throw fail(pathPlace, "the parameter {\(name)} has no rule under request.path")
        }
        var successStatus = 200
        var responseBody: Rule?
        if let responsePlace = fields["response"] {
            for (key, child) in try mapping(responsePlace) {
                switch key {
                case "status":
                    successStatus = try int(child)
                    guard (200...299).contains(successStatus) else {
                        throw fail(child, "a success status is 200 to 299")
                    }
                case "body":
                    responseBody = try rule(
                        child, schema: CanonicalSchema.response(operation, single: single), unknown: .ignore, &state)
                default: throw fail(child, "unknown key '\(key)'; expected status or body")
                }
            }
        }
        var coverage = Set(fixed.keys)
        for member in pathParameters + queryParameters { coverage.formUnion(member.rule.coverage(prefix: "")) }
        if let body { coverage.formUnion(body.coverage(prefix: "")) }
        return Route(
            operation: operation, method: method, path: path, pathParameters: pathParameters,
            queryParameters: queryParameters, body: body, fixed: fixed, single: single,
            outbound: try fields["outbound"].map(bool) ?? true, successStatus: successStatus,
            responseBody: responseBody,
            coverage: coverage, coverageTree: CoverageTree(coverage), source: "\(file):\(place.node.mark?.line ?? 0)")
    }

    static let ruleKeys: Set<String> = [
        "canonical", "type", "format", "form", "vocabulary", "required", "nullable", "default", "const", "direction",
        "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum", "truncate", "sameAs", "fallback",
        "when", "atLeastOne", "unknownFields",
        "extensions", "object", "shape", "items", "oneOf", "description",
    ]

    /// Compiles one rule; `schema` is the canonical context it reads from and writes into.
    func rule(
        _ place: Place, schema: CanonicalSchema, unknown: Rule.UnknownFields, _ state: inout State,
        forceRequired: Bool = false
    ) throws(MappingError) -> Rule {
        if case .scalar(let scalar) = place.node {
            let path = CanonicalPath(scalar.string)
            try check(path, in: schema, place)
            if case .list(.scalar)? = schema.resolve(path) {
                // A canonical list of words read and written as a dialect array of the same words.
                let items = Rule(kind: .leaf, canonical: nil, source: place.rule)
                return Rule(kind: .array(items: items), canonical: path, required: forceRequired, source: place.rule)
            }
            return Rule(kind: .leaf, canonical: path, required: forceRequired, source: place.rule)
        }
        var options: [String: Place] = [:]
        for (key, child) in try mapping(place) {
            guard Self.ruleKeys.contains(key) else {
                throw fail(
                    child,
                    "unknown rule key '\(key)'; expected one of \(Self.ruleKeys.sorted().joined(separator: ", "))")
            }
            options[key] = child
        }
        let path: CanonicalPath? = try options["canonical"].map { p throws(MappingError) in CanonicalPath(try string(p))
        }
        var inner = schema
        if let path {
            guard let resolved = schema.resolve(path) else {
                throw fail(
                    options["canonical"]!,
                    "'\(path)' is not in the canonical model here; expected one of \(schema.memberNames.joined(separator: ", "))"
                )
            }
            inner = resolved
        }
        var aliases: [String: [CanonicalPath]] = [:]
        for key in ["sameAs", "fallback"] {
            guard let p = options[key] else { continue }
            guard path != nil else { throw fail(p, "\(key) needs 'canonical'") }
            let paths = try strings(p).map(CanonicalPath.init)
            for alias in paths where schema.resolve(alias) == nil {
                throw fail(
                    p,
                    "'\(alias)' is not in the canonical model here; expected one of \(schema.memberNames.joined(separator: ", "))"
                )
            }
            aliases[key] = paths
        }
        let kinds = ["object", "shape", "items", "oneOf"].filter { options[$0] != nil }
        guard kinds.count <= 1 else { throw fail(place, "use only one of object, shape, items and oneOf") }
        let policy: Rule.UnknownFields
        if let p = options["unknownFields"] {
            guard let parsed = Rule.UnknownFields(rawValue: try string(p)) else {
                throw fail(p, "expected reject, keep or ignore")
            }
            policy = parsed
        } else {
            policy = unknown
        }
        let kind: Rule.Kind
        if let objectPlace = options["object"] {
            kind = .object(try members(objectPlace, schema: inner, unknown: unknown, &state))
        } else if let shapePlace = options["shape"] {
            let shapeName = try string(shapePlace)
            guard let definition = state.shapes[shapeName] else {
                throw fail(
                    shapePlace,
                    "unknown shape '\(shapeName)'; defined: \(state.shapes.keys.sorted().joined(separator: ", "))")
            }
            guard !state.shapeStack.contains(shapeName) else {
                throw fail(shapePlace, "shape '\(shapeName)' refers to itself")
            }
            state.shapeStack.append(shapeName)
            defer { state.shapeStack.removeLast() }
            kind = .object(try members(definition, schema: inner, unknown: unknown, &state))
        } else if let itemsPlace = options["items"] {
            guard path != nil else { throw fail(place, "an items rule needs 'canonical' (the canonical list)") }
            guard case .list(let element) = inner else { throw fail(options["canonical"]!, "'\(path!)' is not a list") }
            kind = .array(items: try itemRule(itemsPlace, schema: element, unknown: unknown, &state))
        } else if let oneOfPlace = options["oneOf"] {
            guard case .sequence(let nodes) = oneOfPlace.node, !nodes.isEmpty else {
                throw fail(oneOfPlace, "expected a list of alternative rules")
            }
            var alternatives: [Rule] = []
            for (index, node) in nodes.enumerated() {
                alternatives.append(
                    try rule(
                        Place(rule: "\(oneOfPlace.rule)[\(index)]", node: node), schema: inner, unknown: unknown, &state
                    ))
            }
            kind = .oneOf(alternatives)
        } else {
            guard path != nil || options["const"] != nil else {
                throw fail(place, "a value rule needs 'canonical' (or 'const', 'object', 'shape', 'items', 'oneOf')")
            }
            if case .list(.scalar) = inner, options["form"] == nil, options["const"] == nil,
                try options["type"].map(string) != "any"
            {
                // A canonical list of words with no `form: first`: the dialect has an array of the same words.
                kind = .array(items: try scalarItemRule(place.filtered(Self.scalarItemKeys), state))
            } else {
                kind = .leaf
            }
        }
        var vocabulary: Vocabulary?
        if let p = options["vocabulary"] {
            let vocabularyName = try string(p)
            guard let found = state.vocabularies[vocabularyName] else {
                throw fail(
                    p,
                    "unknown vocabulary '\(vocabularyName)'; defined: \(state.vocabularies.keys.sorted().joined(separator: ", "))"
                )
            }
            vocabulary = found
        }
        func enumOption<T: RawRepresentable<String>>(_ key: String, _ type: T.Type, _ expected: String)
            throws(MappingError) -> T?
        {
            guard let p = options[key] else { return nil }
            guard let value = T(rawValue: try string(p)) else { throw fail(p, "expected \(expected)") }
            return value
        }
        let valueType = try enumOption("type", Rule.ValueType.self, "string, int, bool, number or any") ?? .string
        let format = try enumOption("format", Rule.Format.self, "email, uuid, date-time, epoch-millis or location-path")
        let direction = try enumOption("direction", Rule.Direction.self, "both, read or write") ?? .both
        let condition = try enumOption("when", Rule.Condition.self, "present or non-empty")
        var form = Rule.Form.same
        if let p = options["form"] {
            guard try string(p) == "first" else {
                throw fail(p, "the only form is 'first' (one dialect value, the first of a canonical list)")
            }
            guard case .list = inner else { throw fail(p, "form: first needs a canonical list") }
            form = .first
        }
        func optionalInt(_ key: String) throws(MappingError) -> Int? { try options[key].map(int) }
        let isRequired = try options["required"].map(bool) ?? false
        return Rule(
            kind: kind, canonical: path, sameAs: aliases["sameAs"] ?? [], fallback: aliases["fallback"] ?? [],
            valueType: valueType, format: format, form: form, vocabulary: vocabulary,
            required: forceRequired || isRequired,
            nullable: try options["nullable"].map(bool) ?? false, defaultValue: try options["default"].map(json),
            constant: try options["const"].map(json), direction: direction, minItems: try optionalInt("minItems"),
            maxItems: try optionalInt("maxItems"), minLength: try optionalInt("minLength"),
            maxLength: try optionalInt("maxLength"), minimum: try optionalInt("minimum"),
            maximum: try optionalInt("maximum"), truncate: try optionalInt("truncate"), condition: condition,
            atLeastOne: try options["atLeastOne"].map(strings) ?? [], unknownFields: policy,
            carriesExtensions: try options["extensions"].map(bool) ?? false, source: place.rule)
    }

    /// An array's item rule: a member map (object elements), or a value rule without `canonical` (scalar elements).
    func itemRule(_ place: Place, schema: CanonicalSchema, unknown: Rule.UnknownFields, _ state: inout State)
        throws(MappingError) -> Rule
    {
        let keys = try mapping(place).map(\.key)
        if keys.contains(where: { ["object", "shape", "oneOf", "canonical"].contains($0) }) {
            return try rule(place, schema: schema, unknown: unknown, &state)
        }
        if !keys.isEmpty, keys.allSatisfy({ Self.scalarItemKeys.contains($0) }) {
            return try scalarItemRule(place, state)
        }
        return Rule(
            kind: .object(try members(place, schema: schema, unknown: unknown, &state)), canonical: nil,
            unknownFields: unknown, source: place.rule)
    }

    static let scalarItemKeys: Set<String> = ["format", "vocabulary", "type", "maxLength", "minLength", "truncate"]

    func scalarItemRule(_ place: Place, _ state: State) throws(MappingError) -> Rule {
        var options: [String: Place] = [:]
        for (key, child) in try mapping(place) { options[key] = child }
        var vocabulary: Vocabulary?
        if let p = options["vocabulary"] {
            guard let found = state.vocabularies[try string(p)] else { throw fail(p, "unknown vocabulary") }
            vocabulary = found
        }
        for key in options.keys where !Self.scalarItemKeys.contains(key) {
            throw fail(options[key]!, "unknown key '\(key)' for a list element")
        }
        let format = try options["format"].map { p throws(MappingError) -> Rule.Format in
            guard let f = Rule.Format(rawValue: try string(p)) else {
                throw fail(p, "expected email, uuid, date-time, epoch-millis or location-path")
            }
            return f
        }
        let valueType =
            try options["type"].map { p throws(MappingError) -> Rule.ValueType in
                guard let t = Rule.ValueType(rawValue: try string(p)) else {
                    throw fail(p, "expected string, int, bool, number or any")
                }
                return t
            } ?? .string
        return Rule(
            kind: .leaf, canonical: nil, valueType: valueType, format: format, vocabulary: vocabulary,
            minLength: try options["minLength"].map(int), maxLength: try options["maxLength"].map(int),
            truncate: try options["truncate"].map(int), source: place.rule)
    }

    func members(_ place: Place, schema: CanonicalSchema, unknown: Rule.UnknownFields, _ state: inout State)
        throws(MappingError) -> [Rule.Member]
    {
        var result: [Rule.Member] = []
        for (name, child) in try mapping(place) {
            result.append(Rule.Member(name: name, rule: try rule(child, schema: schema, unknown: unknown, &state)))
        }
        return result
    }

    func check(_ path: CanonicalPath, in schema: CanonicalSchema, _ place: Place) throws(MappingError) {
        guard schema.resolve(path) != nil else {
            throw fail(
                place,
                "'\(path)' is not in the canonical model here; expected one of \(schema.memberNames.joined(separator: ", "))"
            )
        }
    }
}
