/// A school closed or merged into another (撤并).
public struct SchoolClosed: EventPayload {
    public static let eventType = "SchoolClosed"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk]

    public var schoolId: String
    public var mergedIntoSchoolId: String?
    public var reasonZh: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(schoolId: String, mergedIntoSchoolId: String? = nil, reasonZh: String? = nil, provenance: Provenance = .documented) {
        self.schoolId = schoolId
        self.mergedIntoSchoolId = mergedIntoSchoolId
        self.reasonZh = reasonZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        schoolId = try reader.id("schoolId")
        mergedIntoSchoolId = try reader.optionalId("mergedIntoSchoolId")
        if let mergedIntoSchoolId, mergedIntoSchoolId == schoolId {
            throw DomainError(field: "data.mergedIntoSchoolId", "\"\(mergedIntoSchoolId)\" is the closed school itself")
        }
        reasonZh = try reader.optionalText("reasonZh")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("schoolId", schoolId)
        writer.string("mergedIntoSchoolId", mergedIntoSchoolId)
        writer.string("reasonZh", reasonZh)
    }
}
