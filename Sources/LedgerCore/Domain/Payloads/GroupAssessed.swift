/// A group assessed for a period, with its outcome and the authorities that assessed it.
public struct GroupAssessed: EventPayload {
    public static let eventType = "GroupAssessed"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk]

    public var assessmentId: String
    public var groupId: String
    public var periodLabel: String
    public var outcome: AssessmentOutcome
    public var assessedBy: [String]
    public var provenance: Provenance

    /// Creates the payload.
    public init(assessmentId: String, groupId: String, periodLabel: String, outcome: AssessmentOutcome, assessedBy: [String] = [],
                provenance: Provenance = .documented) {
        self.assessmentId = assessmentId
        self.groupId = groupId
        self.periodLabel = periodLabel
        self.outcome = outcome
        self.assessedBy = assessedBy
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        assessmentId = try reader.id("assessmentId")
        groupId = try reader.id("groupId")
        periodLabel = try reader.string("periodLabel")
        outcome = try reader.word("outcome")
        assessedBy = try reader.idList("assessedBy")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("assessmentId", assessmentId)
        writer.string("groupId", groupId)
        writer.string("periodLabel", periodLabel)
        writer.word("outcome", outcome)
        writer.strings("assessedBy", assessedBy)
    }
}
