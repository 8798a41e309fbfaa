import Foundation
import HTTPTypes

/// Reads an upstream's `Retry-After` (or better-auth's `X-Retry-After`) as whole seconds.
public enum RetryAfter {
    static let xRetryAfter = HTTPField.Name("X-Retry-After")!

    /// Seconds to wait: `Retry-After` first, then `X-Retry-After`; delay-seconds or an HTTP date.
    public static func seconds(in headers: HTTPFields, now: Date = Date()) -> Int? {
        for name in [HTTPField.Name.retryAfter, xRetryAfter] {
            if let value = headers[name], let seconds = seconds(value, now: now) { return seconds }
        }
        return nil
    }

    /// Parses one header value: a non-negative integer or an IMF-fixdate.
    public static func seconds(_ value: String, now: Date = Date()) -> Int? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? seconds : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, Int(date.timeIntervalSince(now).rounded(.up)))
    }
}
