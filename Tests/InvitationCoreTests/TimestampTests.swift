import InvitationCore
import PropertyBased
import Testing

/// RFC 3339 text ↔ epoch milliseconds, with offsets, fractions and leap years.
@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2025-11-14T19:01:28.796Z", 1_763_146_888_796),
        ("2019-08-24T14:15:22Z", 1_566_656_122_000),
        ("2019-08-24T16:15:22+02:00", 1_566_656_122_000),
        ("2019-08-24T09:45:22-04:30", 1_566_656_122_000),
        ("2019-08-24t14:15:22.5z", 1_566_656_122_500),
        ("2024-02-29T12:00:00Z", 1_709_208_000_000),
        ("2000-02-29T00:00:00Z", 951_782_400_000),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2025-06-08T10:00:00.250123Z", 1_749_376_800_250),
    ])
    func readsRFC3339(text: String, millis: Int64) {
        #expect(Timestamp.epochMilliseconds(rfc3339: text) == millis)
    }

    @Test(arguments: [
        "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
        "2025-06-08T24:00:00Z", "2025-06-08T10:00:00", "2025-06-08T10:00:00+0200", "2025-06-08 10:00Z",
        "2025-06-08T10:00:00.Z", "1749376800250", "",
    ])
    func refusesWhatIsNotRFC3339(text: String) {
        #expect(Timestamp.epochMilliseconds(rfc3339: text) == nil)
        #expect(!Timestamp.isRFC3339(text))
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"), (1_749_376_800_250, "2025-06-08T10:00:00.250Z"),
        (1_709_208_000_000, "2024-02-29T12:00:00Z"), (-1, "1969-12-31T23:59:59.999Z"),
    ])
    func writesUTCWithMillisecondsWhenNonZero(millis: Int64, text: String) {
        #expect(Timestamp.rfc3339(epochMilliseconds: millis) == text)
    }

    @Test func everyInstantRoundTrips() async {
        await propertyCheck(count: 500, input: Gen.int64(in: -2_208_988_800_000...253_402_300_799_999)) { millis in
            #expect(Timestamp.epochMilliseconds(rfc3339: Timestamp.rfc3339(epochMilliseconds: millis)) == millis)
        }
    }
}
