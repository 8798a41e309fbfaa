/// A configuration that cannot be used: names the file, the line and the key.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The configuration file (or `environment` for a bad environment override).
    public let file: String
    /// 1-based; 0 when no line applies (a missing key, an environment variable).
    public let line: Int
    /// The key's path (`upstreams[0].url`), or the environment variable's name.
    public let key: String
    public let reason: String

    public init(file: String, line: Int, key: String, reason: String) {
        self.file = file
        self.line = line
        self.key = key
        self.reason = reason
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return key.isEmpty ? "\(place): \(reason)" : "\(place): \(key): \(reason)"
    }
}
