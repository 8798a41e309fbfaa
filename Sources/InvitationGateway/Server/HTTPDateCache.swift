import InvitationCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `Date` header's value (RFC 9110 IMF-fixdate), formatted once a second.
struct HTTPDateCache {
    private var second: Int = -1
    private var formatted = ""

    /// Now, as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`).
    mutating func current() -> String {
        let now = Int(time(nil))
        if now != second {
            second = now
            formatted = Self.format(secondsSince1970: now)
        }
        return formatted
    }

    /// Formats seconds since 1970 (UTC) as an IMF-fixdate.
    static func format(secondsSince1970 seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Timestamp.civilFromDays(days)
        let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekdays[weekday]), \(two(day)) \(months[month - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }
}
