/// A document number (文号), e.g. `邵教发〔2023〕50号`: an issuer prefix of Han characters, the
/// year in U+3014/U+3015 brackets, a serial number and 号.
public struct DocumentNumber: Hashable, Sendable, CustomStringConvertible {
    /// The normalised form: all whitespace removed.
    public let normalized: String
    /// The year in the brackets.
    public let year: Int
    /// The serial number.
    public let serial: Int

    /// Parses a 文号 as printed (whitespace anywhere is removed, as 张掖市 prints `〔2024〕79 号`).
    /// - Throws: `DomainError` with `field` when the text is not a 文号.
    public init(parsing text: String, field: String) throws(DomainError) {
        let compact = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        let scalars = Array(compact.unicodeScalars)
        let expected = "expected a document number like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号), found \"\(text)\""
        guard let open = scalars.firstIndex(of: "〔"), let close = scalars.firstIndex(of: "〕"), open > 0, close == open + 5,
              scalars.last == "号", scalars.count >= close + 3
        else { throw DomainError(field: field, expected) }
        let prefix = scalars[..<open]
        let yearDigits = scalars[(open + 1)..<close]
        let serialDigits = scalars[(close + 1)..<(scalars.count - 1)]
        guard prefix.allSatisfy({ $0.properties.isIdeographic }),
              yearDigits.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }),
              serialDigits.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }), serialDigits.count <= 6,
              let year = Int(String(String.UnicodeScalarView(yearDigits))),
              let serial = Int(String(String.UnicodeScalarView(serialDigits))), serial > 0
        else { throw DomainError(field: field, expected) }
        guard PartialDate.acceptedYears.contains(year) else {
            throw DomainError(field: field, "the year \(year) in \"\(text)\" is outside \(PartialDate.acceptedYears.lowerBound)–\(PartialDate.acceptedYears.upperBound)")
        }
        self.normalized = compact
        self.year = year
        self.serial = serial
    }

    /// The normalised text.
    public var description: String { normalized }
}
