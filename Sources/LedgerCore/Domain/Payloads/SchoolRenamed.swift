/// A registered school's new name (更名).
public struct SchoolRenamed: EventPayload {
    public static let eventType = "SchoolRenamed"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin, .bureauClerk]

    public var schoolId: String
    public var nameZh: String
    public var provenance: Provenance

    /// Creates the payload.
    public init(schoolId: String, nameZh: String, provenance: Provenance = .documented) {
        self.schoolId = schoolId
        self.nameZh = nameZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        schoolId = try reader.id("schoolId")
        nameZh = try reader.nameZh("nameZh")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("schoolId", schoolId)
        writer.string("nameZh", nameZh)
    }
}
