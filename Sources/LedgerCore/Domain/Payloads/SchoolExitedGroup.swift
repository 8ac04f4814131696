/// A school leaving a group (退出集团), closing its membership, with the reason.
public struct SchoolExitedGroup: EventPayload {
    public static let eventType = "SchoolExitedGroup"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .leadingGroupOffice]

    public var membershipId: String
    public var reason: ExitReason
    public var reasonZh: String?
    public var approvalId: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(membershipId: String, reason: ExitReason, reasonZh: String? = nil, approvalId: String? = nil,
                provenance: Provenance = .documented) {
        self.membershipId = membershipId
        self.reason = reason
        self.reasonZh = reasonZh
        self.approvalId = approvalId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        membershipId = try reader.id("membershipId")
        reason = try reader.word("reason")
        reasonZh = try reader.optionalText("reasonZh")
        approvalId = try reader.optionalId("approvalId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("membershipId", membershipId)
        writer.word("reason", reason)
        writer.string("reasonZh", reasonZh)
        writer.string("approvalId", approvalId)
    }
}
