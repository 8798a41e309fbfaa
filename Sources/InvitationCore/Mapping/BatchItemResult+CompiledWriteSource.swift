/// A batch item as a compiled answer writer reads it: each field as ``BatchItemResult/canonical`` has it.
extension BatchItemResult: CompiledWriteSource {
    enum Field: Sendable {
        case email, outcome, compensated
        case invitation(Invitation.Field)
        /// A path below `error` (read from the error's canonical form: only items with an error have one).
        case error(CanonicalPath)
    }

    static func field(at path: CanonicalPath) -> Field? {
        let keys = path.keys
        guard let first = keys.first else { return nil }
        if keys.count == 1 {
            switch first {
            case "email": return .email
            case "outcome": return .outcome
            case "compensated": return .compensated
            default: return nil
            }
        }
        let rest = CanonicalPath(keys: Array(keys.dropFirst()))
        switch first {
        case "invitation": return Invitation.field(at: rest).map(Field.invitation)
        case "error": return .error(rest)
        default: return nil
        }
    }

    func canonicalValue(of field: Field) -> JSONValue? {
        switch field {
        case .email: .string(email)
        case .outcome: .string(outcome.rawValue)
        case .compensated: compensated.map(JSONValue.bool)
        case .invitation(let field): invitation?.canonicalValue(of: field)
        case .error(let path): error.flatMap { $0.canonical.objectValue.flatMap(path.value(in:)) }
        }
    }
}
