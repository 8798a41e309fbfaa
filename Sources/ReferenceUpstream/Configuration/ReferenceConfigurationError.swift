/// A configuration the reference service cannot start with, named so a person can fix it.
public struct ReferenceConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the offending entry.
    public var message: String

    /// Creates an error with its message.
    public init(_ message: String) { self.message = message }

    public var description: String { "invalid reference configuration: \(message)" }
}
