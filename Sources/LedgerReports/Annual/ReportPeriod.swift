public import LedgerCore

/// The year a report covers: a calendar year (1 January to 31 December) or a school year
/// (1 September to 31 August), as half-open day ranges.
public struct ReportPeriod: Sendable, Equatable {
    /// How the year is counted.
    public enum Basis: String, Sendable, CaseIterable {
        case calendar
        case schoolYear = "school-year"
    }

    /// How the year is counted.
    public var basis: Basis
    /// The calendar year, or the year the school year starts in.
    public var year: Int
    /// The first day (a day number, as `PartialDate.firstDayNumber`).
    public var startDay: Int
    /// The day after the last.
    public var endDay: Int

    /// The period for `year` counted by `basis`.
    public init(year: Int, basis: Basis) {
        self.year = year
        self.basis = basis
        let days = basis == .calendar ? CivilDate.calendarYear(year) : CivilDate.schoolYear(startingIn: year)
        startDay = days.lowerBound
        endDay = days.upperBound
    }

    /// `2024` or `2024-2025`.
    public var label: String { basis == .calendar ? "\(year)" : "\(year)-\(year + 1)" }

    /// The first day as a date.
    public var start: PartialDate { Self.date(dayNumber: startDay) }
    /// The last day as a date.
    public var last: PartialDate { Self.date(dayNumber: endDay - 1) }

    /// Whether a fact effective on `date` falls in the period (a partial date by its first day).
    public func contains(_ date: PartialDate) -> Bool { (startDay..<endDay).contains(date.firstDayNumber) }

    /// The period in words: `2024年` / `2024—2025学年` in Chinese, `calendar year 2024` / `school year 2024-2025` in English.
    public func text(_ language: Language) -> String {
        switch (basis, language) {
        case (.calendar, .zh): return "\(year)年度"
        case (.schoolYear, .zh): return "\(year)—\(year + 1)学年"
        case (.calendar, .en): return "calendar year \(year)"
        case (.schoolYear, .en): return "school year \(year)-\(year + 1)"
        }
    }

    private static func date(dayNumber: Int) -> PartialDate {
        let civil = CivilDate.civil(dayNumber: dayNumber)
        guard let date = try? PartialDate(year: civil.year, month: civil.month, day: civil.day) else {
            preconditionFailure("day number \(dayNumber) gave an invalid date")  // a day number always names a real day
        }
        return date
    }
}
