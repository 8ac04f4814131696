/// An authority's decision on a request for approval (批复), including 备案 (Filed).
public struct ApprovalDecided: EventPayload {
    public static let eventType = "ApprovalDecided"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauApprover, .bureauClerk]
    public static var requiresAuthority: Bool { true }

    public var approvalId: String
    public var decision: ApprovalDecision
    public var decidedBy: String
    public var documentId: String?
    public var conditionsZh: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(approvalId: String, decision: ApprovalDecision, decidedBy: String, documentId: String? = nil, conditionsZh: String? = nil,
                provenance: Provenance = .documented) {
        self.approvalId = approvalId
        self.decision = decision
        self.decidedBy = decidedBy
        self.documentId = documentId
        self.conditionsZh = conditionsZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        approvalId = try reader.id("approvalId")
        decision = try reader.word("decision")
        decidedBy = try reader.id("decidedBy")
        documentId = try reader.optionalId("documentId")
        conditionsZh = try reader.optionalText("conditionsZh")
        if decision == .conditional, conditionsZh == nil {
            throw DomainError(field: "data.conditionsZh", "missing (required when decision is Conditional)")
        }
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("approvalId", approvalId)
        writer.word("decision", decision)
        writer.string("decidedBy", decidedBy)
        writer.string("documentId", documentId)
        writer.string("conditionsZh", conditionsZh)
    }
}
