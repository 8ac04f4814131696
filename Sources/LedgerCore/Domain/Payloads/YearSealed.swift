/// A jurisdiction's year closed for reporting: later events effective in that year are refused
/// unless they are explicit adjustments (`adjustmentZh` with the reason, and an authority).
/// Records the journal digest (size and Merkle root) the year was closed at, so the sealed
/// report can be checked against the journal later.
public struct YearSealed: EventPayload {
    public static let eventType = "YearSealed"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .ledgerAdmin]

    /// How the sealed year is counted.
    public enum Basis: String, Vocabulary {
        case calendar = "Calendar"
        case schoolYear = "SchoolYear"
    }

    public var jurisdictionId: String
    /// The calendar year, or the year the school year starts in.
    public var year: Int
    public var basis: Basis
    /// The number of journal lines before this event (the digest's size).
    public var journalSize: Int64
    /// The RFC 6962 root of those lines, 64 lowercase hex digits.
    public var journalRootHex: String
    public var provenance: Provenance

    /// Creates the payload.
    public init(jurisdictionId: String, year: Int, basis: Basis, journalSize: Int64, journalRootHex: String, provenance: Provenance = .documented) {
        self.jurisdictionId = jurisdictionId
        self.year = year
        self.basis = basis
        self.journalSize = journalSize
        self.journalRootHex = journalRootHex
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        jurisdictionId = try reader.id("jurisdictionId")
        year = Int(try reader.integer("year", in: 1900...2100))
        basis = try reader.word("basis")
        journalSize = try reader.integer("journalSize", in: 0...9_007_199_254_740_991)  // the largest seq JSON carries exactly
        journalRootHex = try reader.string("journalRootHex")
        guard journalRootHex.utf8.count == 64, journalRootHex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw DomainError(field: "data.journalRootHex", "expected 64 lowercase hex digits, found \"\(journalRootHex)\"")
        }
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("jurisdictionId", jurisdictionId)
        writer.integer("year", Int64(year))
        writer.word("basis", basis)
        writer.integer("journalSize", journalSize)
        writer.string("journalRootHex", journalRootHex)
    }

    /// The sealed days, `firstDay..<endDay` as day numbers.
    public var days: Range<Int> {
        switch basis {
        case .calendar: return CivilDate.calendarYear(year)
        case .schoolYear: return CivilDate.schoolYear(startingIn: year)
        }
    }
}
