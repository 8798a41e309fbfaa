/// Converts between RFC 3339 date-times and epoch milliseconds without Foundation formatters.
public enum Timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z for an RFC 3339 date-time, or nil if it is not one.
    public static func epochMilliseconds(rfc3339 text: String) -> Int64? {
        var text = text
        return text.withUTF8 { epochMilliseconds(utf8: $0) }
    }

    static func epochMilliseconds(utf8: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard utf8.count >= 20 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = utf8[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        let separator = utf8[10]
        guard let year = digits(0..<4), utf8[4] == UInt8(ascii: "-"), let month = digits(5..<7),
            utf8[7] == UInt8(ascii: "-"), let day = digits(8..<10),
            separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
            let hour = digits(11..<13), utf8[13] == UInt8(ascii: ":"), let minute = digits(14..<16),
            utf8[16] == UInt8(ascii: ":"), let second = digits(17..<19)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second <= 60
        else { return nil }
        var index = 19
        var millis = 0
        if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 100
            let start = index
            while index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 {
                millis += Int(utf8[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < utf8.count else { return nil }
        var offsetMinutes = 0
        switch utf8[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = utf8[index] == UInt8(ascii: "-") ? -1 : 1
            guard index + 6 == utf8.count, let oh = digits(index + 1..<index + 3), utf8[index + 3] == UInt8(ascii: ":"),
                let om = digits(index + 4..<index + 6), oh < 24, om < 60
            else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
            index += 6
        default:
            return nil
        }
        guard index == utf8.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + min(second, 59)
        return Int64(seconds) * 1000 + Int64(millis)
    }

    /// The RFC 3339 UTC form of an epoch-millisecond instant; milliseconds are written only when non-zero.
    public static func rfc3339(epochMilliseconds: Int64) -> String {
        let millis = Int(((epochMilliseconds % 1000) + 1000) % 1000)
        let totalSeconds = Int((epochMilliseconds - Int64(millis)) / 1000)
        let days = Int((Double(totalSeconds) / 86400).rounded(.down))
        let secondsOfDay = totalSeconds - days * 86400
        let (year, month, day) = civilFromDays(days)
        guard (0...9999).contains(year) else { return "\(year)-01-01T00:00:00Z" }
        return String(unsafeUninitializedCapacity: 24) { buffer in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(48 + value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(month, 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(day, 2, at: 8)
            buffer[10] = UInt8(ascii: "T")
            put(secondsOfDay / 3600, 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(secondsOfDay / 60 % 60, 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(secondsOfDay % 60, 2, at: 17)
            if millis != 0 {
                buffer[19] = UInt8(ascii: ".")
                put(millis, 3, at: 20)
                buffer[23] = UInt8(ascii: "Z")
                return 24
            }
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// Whether `text` is a valid RFC 3339 date-time.
    public static func isRFC3339(_ text: String) -> Bool { epochMilliseconds(rfc3339: text) != nil }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The proleptic Gregorian (year, month, day) of a day counted from 1970-01-01 (day 0).
    package static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
