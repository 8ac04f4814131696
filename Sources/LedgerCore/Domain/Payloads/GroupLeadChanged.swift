/// A change of a group's lead school (核心校): the school becomes Lead, the previous lead a Member.
public struct GroupLeadChanged: EventPayload {
    public static let eventType = "GroupLeadChanged"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk]

    public var groupId: String
    public var schoolId: String
    public var reasonZh: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(groupId: String, schoolId: String, reasonZh: String? = nil, provenance: Provenance = .documented) {
        self.groupId = groupId
        self.schoolId = schoolId
        self.reasonZh = reasonZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        groupId = try reader.id("groupId")
        schoolId = try reader.id("schoolId")
        reasonZh = try reader.optionalText("reasonZh")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("groupId", groupId)
        writer.string("schoolId", schoolId)
        writer.string("reasonZh", reasonZh)
    }
}
