/// A request for approval (报批) addressed to an authority, e.g. to form a group or admit a member.
public struct ApprovalRequested: EventPayload {
    public static let eventType = "ApprovalRequested"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [
        .bureauClerk, .leadingGroupOffice, .coreSchoolClerk, .memberSchoolClerk, .councilSecretary,
    ]

    public var approvalId: String
    public var action: ApprovalAction
    public var addressedTo: String
    public var requestedBy: String
    public var groupId: String?
    public var schoolId: String?
    public var staffId: String?
    public var ruleId: String?
    public var reasonZh: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(approvalId: String, action: ApprovalAction, addressedTo: String, requestedBy: String, groupId: String? = nil,
                schoolId: String? = nil, staffId: String? = nil, ruleId: String? = nil, reasonZh: String? = nil,
                provenance: Provenance = .documented) {
        self.approvalId = approvalId
        self.action = action
        self.addressedTo = addressedTo
        self.requestedBy = requestedBy
        self.groupId = groupId
        self.schoolId = schoolId
        self.staffId = staffId
        self.ruleId = ruleId
        self.reasonZh = reasonZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        approvalId = try reader.id("approvalId")
        action = try reader.word("action")
        addressedTo = try reader.id("addressedTo")
        requestedBy = try reader.id("requestedBy")
        groupId = try reader.optionalId("groupId")
        schoolId = try reader.optionalId("schoolId")
        staffId = try reader.optionalId("staffId")
        ruleId = try reader.optionalString("ruleId")
        // A policy exception names the rule it asks to set aside; no other action names a rule.
        if action == .policyException, ruleId == nil {
            throw DomainError(field: "data.ruleId", "missing (required when action is PolicyException)")
        }
        if let ruleId, action != .policyException {
            throw DomainError(field: "data.ruleId", "\"\(ruleId)\" is only for action PolicyException, found \(action.rawValue)")
        }
        reasonZh = try reader.optionalText("reasonZh")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("approvalId", approvalId)
        writer.word("action", action)
        writer.string("addressedTo", addressedTo)
        writer.string("requestedBy", requestedBy)
        writer.string("groupId", groupId)
        writer.string("schoolId", schoolId)
        writer.string("staffId", staffId)
        writer.string("ruleId", ruleId)
        writer.string("reasonZh", reasonZh)
    }
}
