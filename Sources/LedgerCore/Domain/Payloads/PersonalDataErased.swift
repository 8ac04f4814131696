/// A record that a person's entry in the personal-data register (个人信息) was erased; the register is outside the journal.
public struct PersonalDataErased: EventPayload {
    public static let eventType = "PersonalDataErased"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin]

    public var subjectId: String
    public var provenance: Provenance

    /// Creates the payload.
    public init(subjectId: String, provenance: Provenance = .documented) {
        self.subjectId = subjectId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        subjectId = try reader.id("subjectId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("subjectId", subjectId)
    }
}
