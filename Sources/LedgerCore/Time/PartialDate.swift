/// A date that may be known only to the year or the month: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
///
/// Policy documents often give only "2024年7月" or "2018年"; the ledger keeps that precision
/// instead of inventing a day. As an interval, "2024-07" covers [2024-07-01, 2024-08-01).
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (left: Precision, right: Precision) -> Bool { left.rawValue < right.rawValue }
    }

    /// The years the ledger accepts; anything outside is almost certainly a typing error.
    public static let acceptedYears = 1900...2100

    // Packed into 32 bits (year << 9 | month << 5 | day, 0 for an unknown month or day): every
    // fact in the state carries a date, and three optional Ints took 40 bytes where this takes 4.
    private let packed: UInt32

    /// The bits that hold the date, below 2^21 (years end at 2100): `LedgerState.Stamp` packs
    /// them beside a seq.
    var packedBits: UInt32 { packed }

    /// The date whose `packedBits` these are.
    init(packedBits: UInt32) { packed = packedBits }

    /// The calendar year.
    public var year: Int { Int(packed >> 9) }
    /// The month 1…12, when known.
    public var month: Int? {
        let month = (packed >> 5) & 0xF
        return month == 0 ? nil : Int(month)
    }
    /// The day of the month, when known (only together with `month`).
    public var day: Int? {
        let day = packed & 0x1F
        return day == 0 ? nil : Int(day)
    }

    /// The precision implied by which parts are present.
    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    /// Creates a date from parts that are already known to be valid.
    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(DateTextError) {
        guard Self.acceptedYears.contains(year) else {
            throw DateTextError("year \(year) is outside \(Self.acceptedYears.lowerBound)–\(Self.acceptedYears.upperBound)")
        }
        if let month {
            guard (1...12).contains(month) else { throw DateTextError("month \(month) is outside 01–12") }
            if let day {
                let last = CivilDate.daysInMonth(year: year, month: month)
                guard (1...last).contains(day) else {
                    let monthText = FixedDigits.padded(year, width: 4) + "-" + FixedDigits.padded(month, width: 2)
                    throw DateTextError("\(monthText)-\(FixedDigits.padded(day, width: 2)) does not exist (\(monthText) has \(last) days)")
                }
            }
        } else if day != nil {
            throw DateTextError("a day needs a month")
        }
        packed = UInt32(year) << 9 | UInt32(month ?? 0) << 5 | UInt32(day ?? 0)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` exactly (no other separators, no missing zeros).
    public init(parsing text: String) throws(DateTextError) {
        var utf8 = text
        guard let parts = utf8.withUTF8({ Self.parts($0) }) else {
            throw DateTextError("expected YYYY, YYYY-MM or YYYY-MM-DD, found \"\(text)\"")
        }
        try self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// Parses the ASCII bytes of a partial date, or nil when they are not one.
    public static func parse(bytes: UnsafeRawBufferPointer) -> PartialDate? {
        guard let parts = parts(bytes.bindMemory(to: UInt8.self)) else { return nil }
        return try? PartialDate(year: parts.year, month: parts.month, day: parts.day)
    }

    private static func parts(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int?, day: Int?)? {
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10, let year = FixedDigits.value(bytes, 0, 4) else { return nil }
        var month: Int?
        var day: Int?
        if bytes.count >= 7 {
            guard bytes[4] == UInt8(ascii: "-"), let value = FixedDigits.value(bytes, 5, 2) else { return nil }
            month = value
        }
        if bytes.count == 10 {
            guard bytes[7] == UInt8(ascii: "-"), let value = FixedDigits.value(bytes, 8, 2) else { return nil }
            day = value
        }
        return (year, month, day)
    }

    /// Appends the canonical text (ASCII) to `buffer`, without building a String.
    public func appendText(to buffer: inout [UInt8]) {
        FixedDigits.append(year, width: 4, to: &buffer)
        if let month {
            buffer.append(UInt8(ascii: "-"))
            FixedDigits.append(month, width: 2, to: &buffer)
        }
        if let day {
            buffer.append(UInt8(ascii: "-"))
            FixedDigits.append(day, width: 2, to: &buffer)
        }
    }

    /// The canonical text, as stored in the journal.
    public var description: String {
        var buffer: [UInt8] = []
        appendText(to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The first day covered, as a day number since 1970-01-01.
    public var firstDayNumber: Int { CivilDate.dayNumber(year: year, month: month ?? 1, day: day ?? 1) }

    /// The day after the last day covered (the interval is half-open).
    public var endDayNumber: Int {
        switch precision {
        case .day: return firstDayNumber + 1
        case .month:
            let month = self.month ?? 1
            return month == 12
                ? CivilDate.dayNumber(year: year + 1, month: 1, day: 1)
                : CivilDate.dayNumber(year: year, month: month + 1, day: 1)
        case .year: return CivilDate.dayNumber(year: year + 1, month: 1, day: 1)
        }
    }
}

/// Why a text is not a valid date or time.
public struct DateTextError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, with the value found.
    public let message: String
    init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
