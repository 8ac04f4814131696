/// A UTC instant with one-second resolution, written `YYYY-MM-DDTHH:MM:SSZ`.
///
/// This is the journal's transaction time (`recorded`). The fixed width makes text order equal
/// time order, so tools can compare timestamps as strings. The core never reads a clock:
/// instants come in from the journal layer's clock.
public struct UTCTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The years accepted for a recorded time.
    public static let acceptedYears = 2000...2199

    /// Seconds since 1970-01-01T00:00:00Z.
    public let secondsSinceEpoch: Int64

    /// Creates an instant from seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SSZ` (UTC, no fraction, no offset other than `Z`).
    public init(parsing text: String) throws(DateTextError) {
        var utf8 = text
        guard let parts = utf8.withUTF8({ Self.parts($0) }) else {
            throw DateTextError("expected a UTC time YYYY-MM-DDTHH:MM:SSZ, found \"\(text)\"")
        }
        guard Self.acceptedYears.contains(parts.year) else {
            throw DateTextError("year \(parts.year) is outside \(Self.acceptedYears.lowerBound)–\(Self.acceptedYears.upperBound) in \"\(text)\"")
        }
        guard (1...12).contains(parts.month), (1...CivilDate.daysInMonth(year: parts.year, month: parts.month)).contains(parts.day) else {
            throw DateTextError("\"\(text)\" is not a calendar date")
        }
        guard parts.hour < 24, parts.minute < 60, parts.second < 60 else { throw DateTextError("\"\(text)\" is not a time of day") }
        let days = Int64(CivilDate.dayNumber(year: parts.year, month: parts.month, day: parts.day))
        self.secondsSinceEpoch = days * 86_400 + Int64(parts.hour * 3600 + parts.minute * 60 + parts.second)
    }

    /// Parses the ASCII bytes of a canonical UTC time, or nil when they are not one.
    public static func parse(bytes: UnsafeRawBufferPointer) -> UTCTimestamp? {
        guard let parts = parts(bytes.bindMemory(to: UInt8.self)), acceptedYears.contains(parts.year), (1...12).contains(parts.month),
              (1...CivilDate.daysInMonth(year: parts.year, month: parts.month)).contains(parts.day),
              parts.hour < 24, parts.minute < 60, parts.second < 60 else { return nil }
        let days = Int64(CivilDate.dayNumber(year: parts.year, month: parts.month, day: parts.day))
        return UTCTimestamp(secondsSinceEpoch: days * 86_400 + Int64(parts.hour * 3600 + parts.minute * 60 + parts.second))
    }

    private static func parts(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)? {
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              bytes[19] == UInt8(ascii: "Z"),
              let year = FixedDigits.value(bytes, 0, 4), let month = FixedDigits.value(bytes, 5, 2),
              let day = FixedDigits.value(bytes, 8, 2), let hour = FixedDigits.value(bytes, 11, 2),
              let minute = FixedDigits.value(bytes, 14, 2), let second = FixedDigits.value(bytes, 17, 2)
        else { return nil }
        return (year, month, day, hour, minute, second)
    }

    /// The civil date and time of day in UTC plus `offsetSeconds` (e.g. 8 × 3600 for Beijing time).
    public func components(offsetSeconds: Int64 = 0) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let shifted = secondsSinceEpoch + offsetSeconds
        let days = shifted >= 0 ? shifted / 86_400 : (shifted - 86_399) / 86_400
        let secondOfDay = Int(shifted - days * 86_400)
        let date = CivilDate.civil(dayNumber: Int(days))
        return (date.year, date.month, date.day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
    }

    /// Appends the canonical text (ASCII) to `buffer`, without building a String.
    public func appendText(to buffer: inout [UInt8]) {
        let parts = components()
        FixedDigits.append(parts.year, width: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        FixedDigits.append(parts.month, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        FixedDigits.append(parts.day, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        FixedDigits.append(parts.hour, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        FixedDigits.append(parts.minute, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        FixedDigits.append(parts.second, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// The canonical text, as stored in the journal.
    public var description: String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(20)
        appendText(to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Orders instants by time.
    public static func < (left: UTCTimestamp, right: UTCTimestamp) -> Bool {
        left.secondsSinceEpoch < right.secondsSinceEpoch
    }
}
