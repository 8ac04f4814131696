/// A campus (校区) of a registered school.
public struct CampusRegistered: EventPayload {
    public static let eventType = "CampusRegistered"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin, .bureauClerk]

    public var campusId: String
    public var schoolId: String
    public var nameZh: String
    public var boarding: Bool?
    public var provenance: Provenance

    /// Creates the payload.
    public init(campusId: String, schoolId: String, nameZh: String, boarding: Bool? = nil, provenance: Provenance = .documented) {
        self.campusId = campusId
        self.schoolId = schoolId
        self.nameZh = nameZh
        self.boarding = boarding
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        campusId = try reader.id("campusId")
        schoolId = try reader.id("schoolId")
        nameZh = try reader.nameZh("nameZh")
        boarding = try reader.optionalBool("boarding")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("campusId", campusId)
        writer.string("schoolId", schoolId)
        writer.string("nameZh", nameZh)
        writer.bool("boarding", boarding)
    }
}
