/// An education group (教育集团) established, as a pilot (试点) or regular group; schools join separately.
public struct GroupEstablished: EventPayload {
    public static let eventType = "GroupEstablished"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .leadingGroupOffice]
    public static var requiresAuthority: Bool { true }

    public var groupId: String
    public var nameZh: String
    public var jurisdictionId: String
    public var type: GroupType
    public var status: GroupStatus
    public var parentGroupId: String?
    public var approvalId: String?
    public var provenance: Provenance

    /// Creates the payload; `status` is `.pilot` or `.regular`.
    public init(groupId: String, nameZh: String, jurisdictionId: String, type: GroupType, status: GroupStatus, parentGroupId: String? = nil,
                approvalId: String? = nil, provenance: Provenance = .documented) {
        self.groupId = groupId
        self.nameZh = nameZh
        self.jurisdictionId = jurisdictionId
        self.type = type
        self.status = status
        self.parentGroupId = parentGroupId
        self.approvalId = approvalId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        groupId = try reader.id("groupId")
        nameZh = try reader.nameZh("nameZh")
        jurisdictionId = try reader.id("jurisdictionId")
        type = try reader.word("type")
        status = try reader.word("status")
        guard status == .pilot || status == .regular else {
            throw DomainError(field: "data.status", "expected Pilot or Regular for an established group, found \"\(status.rawValue)\"")
        }
        parentGroupId = try reader.optionalId("parentGroupId")
        if let parentGroupId, parentGroupId == groupId {
            throw DomainError(field: "data.parentGroupId", "\"\(parentGroupId)\" is the group itself")
        }
        approvalId = try reader.optionalId("approvalId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("groupId", groupId)
        writer.string("nameZh", nameZh)
        writer.string("jurisdictionId", jurisdictionId)
        writer.word("type", type)
        writer.word("status", status)
        writer.string("parentGroupId", parentGroupId)
        writer.string("approvalId", approvalId)
    }
}
