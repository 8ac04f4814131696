/// A staff member given a governance role in a group (理事长, 秘书长, 集团校长 …).
public struct GroupRoleAssigned: EventPayload {
    public static let eventType = "GroupRoleAssigned"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .councilSecretary]

    public var assignmentId: String
    public var groupId: String
    public var role: GroupRole
    public var staffId: String
    public var provenance: Provenance

    /// Creates the payload.
    public init(assignmentId: String, groupId: String, role: GroupRole, staffId: String, provenance: Provenance = .documented) {
        self.assignmentId = assignmentId
        self.groupId = groupId
        self.role = role
        self.staffId = staffId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        assignmentId = try reader.id("assignmentId")
        groupId = try reader.id("groupId")
        role = try reader.word("role")
        staffId = try reader.id("staffId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("assignmentId", assignmentId)
        writer.string("groupId", groupId)
        writer.word("role", role)
        writer.string("staffId", staffId)
    }
}
