/// Describes a dialect as an OpenAPI 3.1 document, derived from its mapping file.
public struct OpenAPIDocument {
    public let dialect: Dialect

    public init(dialect: Dialect) { self.dialect = dialect }

    /// The document as JSON.
    public var json: JSONValue {
        var paths = JSONObject()
        var operationIDs: [String: Int] = [:]
        for route in dialect.routes {
            let key = route.path.text
            var item = paths[key]?.objectValue ?? JSONObject()
            item[route.method.lowercased()] = .object(operation(route, operationIDs: &operationIDs))
            paths[key] = .object(item)
        }
        var schemes = JSONObject()
        var security: [JSONValue] = []
        if dialect.credentials.headers.contains("authorization") {
            schemes["bearerAuth"] = ["type": "http", "scheme": "bearer"]
            security.append(["bearerAuth": []])
        }
        for header in dialect.credentials.headers where header != "authorization" {
            schemes[header] = ["type": "apiKey", "in": "header", "name": .string(header)]
            security.append([header: []])
        }
        for prefix in dialect.credentials.cookiePrefixes {
            let name = "\(prefix)session_token"
            schemes[name] = ["type": "apiKey", "in": "cookie", "name": .string(name)]
            security.append([name: []])
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": .string(dialect.title), "version": "1.0.0",
                "description": .string("Generated from \(dialect.file) by invitation-gateway."),
            ],
            "paths": .object(paths),
            "components": ["securitySchemes": .object(schemes), "schemas": ["Error": schema(dialect.errors.body)]],
            "security": .array(security),
        ]
    }

    func operation(_ route: Route, operationIDs: inout [String: Int]) -> JSONObject {
        var operation = JSONObject()
        let count = operationIDs[route.operation.rawValue, default: 0]
        operationIDs[route.operation.rawValue] = count + 1
        operation["operationId"] = .string(
            count == 0 ? route.operation.rawValue : "\(route.operation.rawValue)\(count + 1)")
        operation["summary"] = .string(route.operation.rawValue)
        var parameters: [JSONValue] = []
        for member in route.pathParameters {
            parameters.append([
                "name": .string(member.name), "in": "path", "required": true, "schema": schema(member.rule),
            ])
        }
        for member in route.queryParameters {
            parameters.append([
                "name": .string(member.name), "in": "query", "required": .bool(member.rule.required),
                "schema": schema(member.rule),
            ])
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = route.body {
            operation["requestBody"] = [
                "required": true, "content": ["application/json": ["schema": schema(body)]],
            ]
        }
        var responses = JSONObject()
        var success: JSONObject = ["description": .string(HTTPReason.phrase(route.successStatus))]
        if let body = route.responseBody {
            success["content"] = .object([dialect.contentType: ["schema": schema(body)]])
        }
        responses[String(route.successStatus)] = .object(success)
        var statuses = Set<Int>()
        for entry in dialect.errors.entries where statuses.insert(entry.status).inserted {
            responses[String(entry.status)] = [
                "description": .string(HTTPReason.phrase(entry.status)),
                "content": .object([dialect.errors.contentType: ["schema": ["$ref": "#/components/schemas/Error"]]]),
            ]
        }
        operation["responses"] = .object(responses)
        return operation
    }

    /// The JSON Schema of what a rule reads and writes.
    func schema(_ rule: Rule) -> JSONValue {
        var schema = JSONObject()
        switch rule.kind {
        case .leaf:
            if let constant = rule.constant {
                schema["const"] = constant
                break
            }
            let type: String
            switch rule.valueType {
            case .string: type = rule.format == .locationPath ? "array" : "string"
            case .int: type = "integer"
            case .bool: type = "boolean"
            case .number: type = "number"
            case .any: type = ""
            }
            if !type.isEmpty { schema["type"] = rule.nullable ? [.string(type), "null"] : .string(type) }
            switch rule.format {
            case .email?: schema["format"] = "email"
            case .uuid?: schema["format"] = "uuid"
            case .dateTime?: schema["format"] = "date-time"
            case .epochMilliseconds?:
                schema["type"] = "integer"
                schema["description"] = "Epoch milliseconds."
            case .locationPath?: schema["items"] = ["type": ["string", "integer"]]
            case nil: break
            }
            if let vocabulary = rule.vocabulary, !vocabulary.isOpen {
                schema["enum"] = .array(
                    vocabulary.dialectWords.map { rule.valueType == .bool ? .bool($0 == "true") : .string($0) })
            }
            if let maxLength = rule.maxLength { schema["maxLength"] = .int(maxLength) }
            if let minLength = rule.minLength { schema["minLength"] = .int(minLength) }
            if let minimum = rule.minimum { schema["minimum"] = .int(minimum) }
            if let maximum = rule.maximum { schema["maximum"] = .int(maximum) }
            if rule.form == .first, rule.canonical != nil, rule.vocabulary == nil, rule.format == nil, type.isEmpty {
                schema["type"] = "string"
            }
        case .object(let members):
            schema["type"] = "object"
            var properties = JSONObject()
            var required: [JSONValue] = []
            for member in members {
                properties[member.name] = self.schema(member.rule)
                if member.rule.required { required.append(.string(member.name)) }
            }
            schema["properties"] = .object(properties)
            if !required.isEmpty { schema["required"] = .array(required) }
            if rule.unknownFields == .reject && !rule.carriesExtensions { schema["additionalProperties"] = false }
        case .array(let items):
            schema["type"] = "array"
            schema["items"] = self.schema(items)
            if let minItems = rule.minItems { schema["minItems"] = .int(minItems) }
            if let maxItems = rule.maxItems { schema["maxItems"] = .int(maxItems) }
        case .oneOf(let alternatives):
            schema["oneOf"] = .array(alternatives.map(self.schema))
        }
        return .object(schema)
    }
}
