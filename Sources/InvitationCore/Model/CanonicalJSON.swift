import Foundation

/// A value with a canonical JSON form: the `canonical` dialect, and what mappings address by path.
public protocol CanonicalJSONRepresentable {
    /// Reads the canonical JSON form; unknown or mistyped members are violations.
    init(canonical: JSONValue) throws(GatewayError)
    /// The canonical JSON form; absent optionals are left out.
    var canonical: JSONValue { get }
}

/// Reads typed members out of a canonical JSON object, collecting every violation.
struct CanonicalReader {
    let object: JSONObject
    let location: String
    var violations: [FieldViolation] = []
    /// Where the next lookup starts: readers ask for members in about the order builders wrote them.
    private var cursor = 0

    init(_ value: JSONValue, location: String) {
        self.location = location
        if case .object(let object) = value {
            self.object = object
        } else {
            self.object = JSONObject()
            violations.append(
                FieldViolation(location: location, message: "expected an object, got \(value.typeName)", type: "type"))
        }
    }

    func at(_ key: String) -> String { location.isEmpty ? key : "\(location).\(key)" }

    /// The member's value, searched from just after the last member found, then from the start.
    mutating func member(_ key: String) -> JSONValue? { object.value(forKey: key, from: &cursor) }

    mutating func wrongType(_ key: String, _ expected: String, _ value: JSONValue) {
        violations.append(
            FieldViolation(location: at(key), message: "expected \(expected), got \(value.typeName)", type: "type"))
    }

    mutating func string(_ key: String) -> String? {
        guard let value = member(key), !value.isNull else { return nil }
        if case .string(let s) = value { return s }
        wrongType(key, "a string", value)
        return nil
    }

    mutating func requiredString(_ key: String) -> String {
        guard let value = string(key) else {
            if member(key)?.isNull ?? true {  // absent or null, not of another type
                violations.append(FieldViolation(location: at(key), message: "is required", type: "missing"))
            }
            return ""
        }
        return value
    }

    mutating func int(_ key: String) -> Int? {
        guard let value = member(key), !value.isNull else { return nil }
        if let i = value.intValue { return i }
        wrongType(key, "an integer", value)
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = member(key), !value.isNull else { return nil }
        if case .bool(let b) = value { return b }
        wrongType(key, "a boolean", value)
        return nil
    }

    mutating func strings(_ key: String) -> [String] {
        guard let value = member(key), !value.isNull else { return [] }
        guard case .array(let elements) = value else {
            wrongType(key, "an array", value)
            return []
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            if case .string(let s) = element {
                result.append(s)
            } else {
                wrongType("\(key)[\(index)]", "a string", element)
            }
        }
        return result
    }

    mutating func date(_ key: String) -> Date? {
        guard let text = string(key) else { return nil }
        guard let date = Self.date(rfc3339: text) else {
            violations.append(
                FieldViolation(location: at(key), message: "is not an RFC 3339 date-time", type: "format"))
            return nil
        }
        return date
    }

    /// The typed model's date for canonical RFC 3339 text, to the millisecond; nil when it is not one.
    static func date(rfc3339 text: String) -> Date? {
        Timestamp.epochMilliseconds(rfc3339: text).map(date(epochMilliseconds:))
    }

    /// The date a canonical date-time text of these epoch milliseconds is read as.
    static func date(epochMilliseconds millis: Int64) -> Date {
        Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    mutating func status(_ key: String) -> InvitationStatus? {
        guard let text = string(key) else { return nil }
        guard let status = InvitationStatus(rawValue: text) else {
            violations.append(FieldViolation(location: at(key), message: "unknown status \"\(text)\"", type: "enum"))
            return nil
        }
        return status
    }

    mutating func nested<T: CanonicalJSONRepresentable>(_ key: String, _ type: T.Type) -> T? {
        guard let value = member(key), !value.isNull else { return nil }
        do {
            return try T(canonical: value)
        } catch {
            violations.append(
                contentsOf: error.fieldViolations.map { v in
                    FieldViolation(
                        location: at(key) + (v.location.isEmpty ? "" : ".\(v.location)"), message: v.message,
                        type: v.type)
                })
            return nil
        }
    }

    mutating func list<T: CanonicalJSONRepresentable>(_ key: String, _ type: T.Type) -> [T] {
        guard let value = member(key), !value.isNull else { return [] }
        guard case .array(let elements) = value else {
            wrongType(key, "an array", value)
            return []
        }
        var result: [T] = []
        for (index, element) in elements.enumerated() {
            do { result.append(try T(canonical: element)) } catch {
                violations.append(
                    contentsOf: error.fieldViolations.map { v in
                        FieldViolation(
                            location: "\(at(key))[\(index)]" + (v.location.isEmpty ? "" : ".\(v.location)"),
                            message: v.message, type: v.type)
                    })
            }
        }
        return result
    }

    func extensions() -> JSONObject { object["extensions"]?.objectValue ?? JSONObject() }

    func finish() throws(GatewayError) {
        if !violations.isEmpty { throw GatewayError.validation(violations) }
    }
}

/// Builds a canonical JSON object, leaving out absent values.
struct CanonicalBuilder {
    /// Each key is set at most once per object, so members are appended without looking for the key.
    var object = JSONObject(minimumCapacity: 16)
    mutating func set(_ key: String, _ value: String?) {
        if let value { object.appendNew(key: key, value: .string(value)) }
    }
    mutating func set(_ key: String, _ value: Int?) { if let value { object.appendNew(key: key, value: .int(value)) } }
    mutating func set(_ key: String, _ value: Bool?) {
        if let value { object.appendNew(key: key, value: .bool(value)) }
    }
    mutating func set(_ key: String, _ value: [String]) {
        if !value.isEmpty { object.appendNew(key: key, value: .array(value.map(JSONValue.string))) }
    }
    mutating func set(_ key: String, _ value: Date?) {
        if let value { object.appendNew(key: key, value: Self.canonical(value)) }
    }
    /// A date's canonical form: RFC 3339 text, to the millisecond.
    static func canonical(_ date: Date) -> JSONValue {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return .string(Timestamp.rfc3339(epochMilliseconds: milliseconds))
    }
    mutating func set(_ key: String, _ value: (some CanonicalJSONRepresentable)?) {
        if let value { object.appendNew(key: key, value: value.canonical) }
    }
    mutating func set(_ key: String, _ value: [some CanonicalJSONRepresentable]) {
        if !value.isEmpty { object.appendNew(key: key, value: .array(value.map(\.canonical))) }
    }
    mutating func setExtensions(_ value: JSONObject) {
        if !value.isEmpty { object.appendNew(key: "extensions", value: .object(value)) }
    }
    var value: JSONValue { .object(object) }
}

extension Organization: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            id: r.string("id"), slug: r.string("slug"), uuid: r.string("uuid"), name: r.string("name"),
            logoURL: r.string("logoURL"), memberCount: r.int("memberCount"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("id", id)
        b.set("slug", slug)
        b.set("uuid", uuid)
        b.set("name", name)
        b.set("logoURL", logoURL)
        b.set("memberCount", memberCount)
        return b.value
    }
}

extension Inviter: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            id: r.string("id"), name: r.string("name"), email: r.string("email"), avatarURL: r.string("avatarURL"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("id", id)
        b.set("name", name)
        b.set("email", email)
        b.set("avatarURL", avatarURL)
        return b.value
    }
}

extension ProjectAssignment: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(projectID: r.requiredString("projectID"), role: r.requiredString("role"))
        try r.finish()
    }

    public var canonical: JSONValue { ["projectID": .string(projectID), "role": .string(role)] }
}

extension FieldViolation: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            location: r.string("location") ?? "", message: r.string("message") ?? "",
            type: r.string("type") ?? "invalid")
        try r.finish()
    }

    public var canonical: JSONValue {
        ["location": .string(location), "message": .string(message), "type": .string(type)]
    }
}

extension Invitation: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            id: r.string("id"), organization: r.nested("organization", Organization.self) ?? Organization(),
            email: r.string("email"), roles: r.strings("roles"), groups: r.strings("groups"),
            projectAssignments: r.list("projectAssignments", ProjectAssignment.self), message: r.string("message"),
            sendEmail: r.bool("sendEmail"), inviter: r.nested("inviter", Inviter.self), status: r.status("status"),
            createdAt: r.date("createdAt"), expiresAt: r.date("expiresAt"), link: r.string("link"),
            selfLink: r.string("selfLink"), extensions: r.extensions())
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("id", id)
        if !organization.isUnidentified || organization.logoURL != nil || organization.memberCount != nil {
            b.set("organization", organization)
        }
        b.set("email", email)
        b.set("roles", roles)
        b.set("groups", groups)
        b.set("projectAssignments", projectAssignments)
        b.set("message", message)
        b.set("sendEmail", sendEmail)
        b.set("inviter", inviter)
        b.set("status", status?.rawValue)
        b.set("createdAt", createdAt)
        b.set("expiresAt", expiresAt)
        b.set("link", link)
        b.set("selfLink", selfLink)
        b.setExtensions(extensions)
        return b.value
    }
}

extension GatewayError: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        let status = r.int("status")
        let codeName = r.string("code")
        // An error that names neither code nor status (a batch item's bare message) is the request's fault.
        let code =
            codeName.flatMap(GatewayErrorCode.init(rawValue:)) ?? status.map(GatewayErrorCode.forStatus)
            ?? .invalidRequest
        self.init(
            status: status, code: code, message: r.string("message") ?? r.string("safeMessage") ?? "",
            fieldViolations: r.list("fieldViolations", FieldViolation.self), requestID: r.string("requestID"),
            retryAfter: r.int("retryAfter"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("status", status)
        b.set("code", code.rawValue)
        b.set("message", message)
        b.set("fieldViolations", fieldViolations)
        b.set("requestID", requestID)
        b.set("retryAfter", retryAfter)
        return b.value
    }
}

extension BatchItemResult: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        let outcomeName = r.string("outcome")
        let error = r.nested("error", GatewayError.self)
        let outcome = outcomeName.flatMap(Outcome.init(rawValue:)) ?? (error == nil ? .success : .error)
        self.init(
            email: r.string("email") ?? "", outcome: outcome, invitation: r.nested("invitation", Invitation.self),
            error: error, compensated: r.bool("compensated"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("email", email)
        b.set("outcome", outcome.rawValue)
        b.set("invitation", invitation)
        b.set("error", error)
        b.set("compensated", compensated)
        return b.value
    }
}

extension CreateInvitationsInput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            organization: r.nested("organization", Organization.self) ?? Organization(), emails: r.strings("emails"),
            roles: r.strings("roles"), groups: r.strings("groups"),
            projectAssignments: r.list("projectAssignments", ProjectAssignment.self), message: r.string("message"),
            sendEmail: r.bool("sendEmail"), extensions: r.extensions())
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("organization", organization)
        b.object["emails"] = .array(emails.map(JSONValue.string))
        b.set("roles", roles)
        b.set("groups", groups)
        b.set("projectAssignments", projectAssignments)
        b.set("message", message)
        b.set("sendEmail", sendEmail)
        b.setExtensions(extensions)
        return b.value
    }
}

extension CreateInvitationsOutput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(results: r.list("results", BatchItemResult.self))
        try r.finish()
    }

    public var canonical: JSONValue { ["results": .array(results.map(\.canonical))] }
}

extension GetInvitationInput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            invitationID: r.requiredString("invitationID"),
            organization: r.nested("organization", Organization.self) ?? Organization(), email: r.string("email"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("invitationID", invitationID)
        if !organization.isUnidentified { b.set("organization", organization) }
        b.set("email", email)
        return b.value
    }
}

extension ListInvitationsInput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            organization: r.nested("organization", Organization.self) ?? Organization(), status: r.status("status"),
            pageToken: r.string("pageToken"), pageSize: r.int("pageSize"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("organization", organization)
        b.set("status", status?.rawValue)
        b.set("pageToken", pageToken)
        b.set("pageSize", pageSize)
        return b.value
    }
}

extension InvitationPage: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(invitations: r.list("invitations", Invitation.self), nextPageToken: r.string("nextPageToken"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.object["invitations"] = .array(invitations.map(\.canonical))
        b.set("nextPageToken", nextPageToken)
        return b.value
    }
}

extension ListMyInvitationsInput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(email: r.string("email"), status: r.status("status"))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("email", email)
        b.set("status", status?.rawValue)
        return b.value
    }
}

extension RespondToInvitationInput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        let accept = r.bool("accept")
        if accept == nil, r.object["accept"] == nil {
            r.violations.append(FieldViolation(location: "accept", message: "is required", type: "missing"))
        }
        self.init(invitationID: r.requiredString("invitationID"), accept: accept ?? false)
        try r.finish()
    }

    public var canonical: JSONValue { ["invitationID": .string(invitationID), "accept": .bool(accept)] }
}

extension RespondToInvitationOutput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        let organization = r.nested("organization", Organization.self)
        self.init(
            accepted: r.bool("accepted") ?? (organization != nil), organization: organization,
            invitation: r.nested("invitation", Invitation.self))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("accepted", accepted)
        b.set("organization", organization)
        b.set("invitation", invitation)
        return b.value
    }
}

extension RevokeInvitationInput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(
            invitationID: r.requiredString("invitationID"),
            organization: r.nested("organization", Organization.self) ?? Organization())
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("invitationID", invitationID)
        if !organization.isUnidentified { b.set("organization", organization) }
        return b.value
    }
}

extension RevokeInvitationOutput: CanonicalJSONRepresentable {
    public init(canonical: JSONValue) throws(GatewayError) {
        var r = CanonicalReader(canonical, location: "")
        self.init(invitation: r.nested("invitation", Invitation.self))
        try r.finish()
    }

    public var canonical: JSONValue {
        var b = CanonicalBuilder()
        b.set("invitation", invitation)
        return b.value
    }
}

extension CanonicalRequest {
    /// Reads an operation's canonical input.
    public init(operation: OperationName, canonical: JSONValue) throws(GatewayError) {
        switch operation {
        case .createInvitations: self = .createInvitations(try CreateInvitationsInput(canonical: canonical))
        case .getInvitation: self = .getInvitation(try GetInvitationInput(canonical: canonical))
        case .listInvitations: self = .listInvitations(try ListInvitationsInput(canonical: canonical))
        case .listMyInvitations: self = .listMyInvitations(try ListMyInvitationsInput(canonical: canonical))
        case .respondToInvitation: self = .respondToInvitation(try RespondToInvitationInput(canonical: canonical))
        case .revokeInvitation: self = .revokeInvitation(try RevokeInvitationInput(canonical: canonical))
        }
    }

    /// The input's canonical JSON form.
    public var canonical: JSONValue {
        switch self {
        case .createInvitations(let v): v.canonical
        case .getInvitation(let v): v.canonical
        case .listInvitations(let v): v.canonical
        case .listMyInvitations(let v): v.canonical
        case .respondToInvitation(let v): v.canonical
        case .revokeInvitation(let v): v.canonical
        }
    }
}

extension CanonicalResponse {
    /// Reads an operation's canonical result.
    public init(operation: OperationName, canonical: JSONValue) throws(GatewayError) {
        switch operation {
        case .createInvitations: self = .createInvitations(try CreateInvitationsOutput(canonical: canonical))
        case .getInvitation: self = .getInvitation(try Invitation(canonical: canonical))
        case .listInvitations: self = .listInvitations(try InvitationPage(canonical: canonical))
        case .listMyInvitations: self = .listMyInvitations(try InvitationPage(canonical: canonical))
        case .respondToInvitation: self = .respondToInvitation(try RespondToInvitationOutput(canonical: canonical))
        case .revokeInvitation: self = .revokeInvitation(try RevokeInvitationOutput(canonical: canonical))
        }
    }

    /// The result's canonical JSON form.
    public var canonical: JSONValue {
        switch self {
        case .createInvitations(let v): v.canonical
        case .getInvitation(let v): v.canonical
        case .listInvitations(let v): v.canonical
        case .listMyInvitations(let v): v.canonical
        case .respondToInvitation(let v): v.canonical
        case .revokeInvitation(let v): v.canonical
        }
    }
}
