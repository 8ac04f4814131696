/// A group's new status, e.g. suspended (暂停), dissolved (撤销) or a proposal withdrawn.
public struct GroupStatusChanged: EventPayload {
    public static let eventType = "GroupStatusChanged"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .leadingGroupOffice]

    public var groupId: String
    public var status: GroupStatus
    public var reasonZh: String?
    public var provenance: Provenance

    /// Creates the payload; `status` is never `.proposed`.
    public init(groupId: String, status: GroupStatus, reasonZh: String? = nil, provenance: Provenance = .documented) {
        self.groupId = groupId
        self.status = status
        self.reasonZh = reasonZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        groupId = try reader.id("groupId")
        status = try reader.word("status")
        guard status != .proposed else {
            throw DomainError(field: "data.status", "a group cannot change back to \"Proposed\"; expected Pilot, Regular, Suspended, Dissolved or Withdrawn")
        }
        reasonZh = try reader.optionalText("reasonZh")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("groupId", groupId)
        writer.word("status", status)
        writer.string("reasonZh", reasonZh)
    }
}
