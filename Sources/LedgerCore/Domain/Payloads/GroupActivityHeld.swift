/// A group activity held by a host school (工作例会, 集团培训, 名师送教, 跟班听课 …).
public struct GroupActivityHeld: EventPayload {
    public static let eventType = "GroupActivityHeld"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.coreSchoolClerk, .memberSchoolClerk, .councilSecretary]

    public var activityId: String
    public var groupId: String
    public var kind: ActivityKind
    public var hostSchoolId: String
    public var participantSchoolIds: [String]
    public var days: Int64?
    public var themeZh: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(activityId: String, groupId: String, kind: ActivityKind, hostSchoolId: String, participantSchoolIds: [String] = [],
                days: Int64? = nil, themeZh: String? = nil, provenance: Provenance = .documented) {
        self.activityId = activityId
        self.groupId = groupId
        self.kind = kind
        self.hostSchoolId = hostSchoolId
        self.participantSchoolIds = participantSchoolIds
        self.days = days
        self.themeZh = themeZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        activityId = try reader.id("activityId")
        groupId = try reader.id("groupId")
        kind = try reader.word("kind")
        hostSchoolId = try reader.id("hostSchoolId")
        participantSchoolIds = try reader.idList("participantSchoolIds")
        days = try reader.optionalInteger("days", in: Int64.min...Int64.max)
        if let days, days < 1 {
            throw DomainError(field: "data.days", "expected at least 1 day, found \(days)")
        }
        themeZh = try reader.optionalText("themeZh")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("activityId", activityId)
        writer.string("groupId", groupId)
        writer.word("kind", kind)
        writer.string("hostSchoolId", hostSchoolId)
        writer.strings("participantSchoolIds", participantSchoolIds)
        writer.integer("days", days)
        writer.string("themeZh", themeZh)
    }
}
