/// A mapping file that cannot be loaded: names the file, the line and the rule.
public struct MappingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// 1-based; 0 when the problem is the file as a whole.
    public let line: Int
    /// The rule's place in the file (`routes[0].request.body.emails`).
    public let rule: String
    public let reason: String

    public init(file: String, line: Int, rule: String, reason: String) {
        self.file = file
        self.line = line
        self.rule = rule
        self.reason = reason
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return rule.isEmpty ? "\(place): \(reason)" : "\(place): \(rule): \(reason)"
    }
}
