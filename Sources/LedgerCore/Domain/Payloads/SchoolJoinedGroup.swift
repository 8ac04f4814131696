/// A school joining a group as its lead (核心校/牵头校), a member (成员校) or a sub-group core.
public struct SchoolJoinedGroup: EventPayload {
    public static let eventType = "SchoolJoinedGroup"
    /// v2 names the leading school's role `Lead`; v1 called it `Core` (after 核心校) and is
    /// upcast when read, never rewritten.
    public static let currentVersion: Int64 = 2
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .leadingGroupOffice]

    public var membershipId: String
    public var groupId: String
    public var schoolId: String
    public var campusId: String?
    public var role: MemberRole
    public var approvalId: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(membershipId: String, groupId: String, schoolId: String, campusId: String? = nil, role: MemberRole, approvalId: String? = nil,
                provenance: Provenance = .documented) {
        self.membershipId = membershipId
        self.groupId = groupId
        self.schoolId = schoolId
        self.campusId = campusId
        self.role = role
        self.approvalId = approvalId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        membershipId = try reader.id("membershipId")
        groupId = try reader.id("groupId")
        schoolId = try reader.id("schoolId")
        campusId = try reader.optionalId("campusId")
        role = version >= 2 ? try reader.word("role") : try Self.upcastRole(&reader)
        approvalId = try reader.optionalId("approvalId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("membershipId", membershipId)
        writer.string("groupId", groupId)
        writer.string("schoolId", schoolId)
        writer.string("campusId", campusId)
        writer.word("role", role)
        writer.string("approvalId", approvalId)
    }

    /// Version 1's roles: `Core` (now `Lead`), `Member`, `SubGroupCore`.
    private static func upcastRole(_ reader: inout PayloadReader) throws(DomainError) -> MemberRole {
        let text = try reader.string("role")
        switch text {
        case "Core": return .lead
        case "Member": return .member
        case "SubGroupCore": return .subGroupCore
        default: throw DomainError(field: "data.role", "expected one of Core, Member, SubGroupCore (schema version 1), found \"\(text)\"")
        }
    }
}
