/// A staff member registered at a home school, by opaque id only (names live in the personal-data register).
public struct StaffRegistered: EventPayload {
    public static let eventType = "StaffRegistered"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .coreSchoolClerk, .memberSchoolClerk]

    public var staffId: String
    public var homeSchoolId: String
    public var post: StaffPost
    public var provenance: Provenance

    /// Creates the payload.
    public init(staffId: String, homeSchoolId: String, post: StaffPost, provenance: Provenance = .documented) {
        self.staffId = staffId
        self.homeSchoolId = homeSchoolId
        self.post = post
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        staffId = try reader.id("staffId")
        homeSchoolId = try reader.id("homeSchoolId")
        post = try reader.word("post")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("staffId", staffId)
        writer.string("homeSchoolId", homeSchoolId)
        writer.word("post", post)
    }
}
