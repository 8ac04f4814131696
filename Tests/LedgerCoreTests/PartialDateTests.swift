import Testing
@testable import LedgerCore

@Suite("Partial dates and UTC timestamps")
struct PartialDateTests {
    @Test(arguments: [
        ("2024", PartialDate.Precision.year),
        ("2024-07", .month),
        ("2024-02-29", .day),
        ("2000-02-29", .day),
        ("1900-01-01", .day),
        ("2100-12-31", .day),
    ])
    func acceptsValidDatesAndKeepsTheirPrecision(text: String, precision: PartialDate.Precision) throws {
        let date = try PartialDate(parsing: text)
        #expect(date.precision == precision)
        #expect(date.description == text)
    }

    @Test(arguments: [
        ("2023-02-29", "2023-02-29 does not exist (2023-02 has 28 days)"),
        ("1900-02-29", "1900-02-29 does not exist (1900-02 has 28 days)"),
        ("2024-04-31", "2024-04-31 does not exist (2024-04 has 30 days)"),
        ("2024-13", "month 13 is outside 01–12"),
        ("2024-00", "month 0 is outside 01–12"),
        ("1899", "year 1899 is outside 1900–2100"),
        ("2101-01", "year 2101 is outside 1900–2100"),
        ("2024-7", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2024-7\""),
        ("2024/07", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2024/07\""),
        ("24", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"24\""),
        ("", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"\""),
        ("2024-07-1", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"2024-07-1\""),
        ("２０２４", "expected YYYY, YYYY-MM or YYYY-MM-DD, found \"２０２４\""),
    ])
    func refusesInvalidDatesSayingWhy(text: String, message: String) {
        #expect(throws: DateTextError(message)) { try PartialDate(parsing: text) }
    }

    @Test func partialDatesCoverHalfOpenIntervals() throws {
        let month = try PartialDate(parsing: "2024-07")
        #expect(month.firstDayNumber == CivilDate.dayNumber(year: 2024, month: 7, day: 1))
        #expect(month.endDayNumber == CivilDate.dayNumber(year: 2024, month: 8, day: 1))
        let december = try PartialDate(parsing: "2024-12")
        #expect(december.endDayNumber == CivilDate.dayNumber(year: 2025, month: 1, day: 1))
        let year = try PartialDate(parsing: "2024")
        #expect(year.endDayNumber - year.firstDayNumber == 366)
        let day = try PartialDate(parsing: "2024-09-01")
        #expect(day.endDayNumber - day.firstDayNumber == 1)
    }

    @Test func civilDateRoundTripsEveryDayFrom1900To2200() {
        #expect(CivilDate.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.dayNumber(year: 2000, month: 3, day: 1) == 11_017)
        var expected = (year: 1900, month: 1, day: 1)
        for dayNumber in CivilDate.dayNumber(year: 1900, month: 1, day: 1)..<CivilDate.dayNumber(year: 2200, month: 1, day: 1) {
            let civil = CivilDate.civil(dayNumber: dayNumber)
            #expect(civil == expected)
            #expect(CivilDate.dayNumber(year: civil.year, month: civil.month, day: civil.day) == dayNumber)
            if expected.day < CivilDate.daysInMonth(year: expected.year, month: expected.month) {
                expected.day += 1
            } else if expected.month < 12 {
                expected = (expected.year, expected.month + 1, 1)
            } else {
                expected = (expected.year + 1, 1, 1)
            }
        }
    }

    @Test func timestampsRoundTripAndShowInBeijingTime() throws {
        let text = "2024-12-31T20:30:05Z"
        let instant = try UTCTimestamp(parsing: text)
        #expect(instant.description == text)
        let beijing = instant.components(offsetSeconds: 8 * 3600)
        #expect(beijing.year == 2025 && beijing.month == 1 && beijing.day == 1 && beijing.hour == 4 && beijing.minute == 30)
        #expect(UTCTimestamp(secondsSinceEpoch: 0).description == "1970-01-01T00:00:00Z")
        #expect(try UTCTimestamp(parsing: "2025-01-10T02:00:00Z") < UTCTimestamp(parsing: "2025-01-10T02:00:01Z"))
    }

    @Test(arguments: [
        "2024-12-31T20:30:05", "2024-12-31 20:30:05Z", "2024-12-31T20:30:05.000Z", "2024-12-31T24:00:00Z",
        "2024-02-30T00:00:00Z", "2024-12-31T20:30:05+08:00", "1999-12-31T23:59:59Z",
    ])
    func refusesTimestampsThatAreNotCanonicalUTC(text: String) {
        #expect(throws: DateTextError.self) { try UTCTimestamp(parsing: text) }
    }
}
