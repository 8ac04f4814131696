/// Year arithmetic on partial dates, for tenure and eligibility windows.
enum PartialDateMath {
    /// The day number `years` years after the first day of `date` (29 February → 28 February).
    static func addingYears(_ years: Int, to date: PartialDate) -> Int {
        let month = date.month ?? 1
        let day = min(date.day ?? 1, CivilDate.daysInMonth(year: date.year + years, month: month))
        return CivilDate.dayNumber(year: date.year + years, month: month, day: day)
    }
}
