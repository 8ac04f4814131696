/// A secondment ended: the staff member returned, was recalled or refused, or the secondment was extended.
public struct SecondmentEnded: EventPayload {
    public static let eventType = "SecondmentEnded"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .coreSchoolClerk, .memberSchoolClerk]

    public var secondmentId: String
    public var outcome: SecondmentOutcome
    public var newPlannedEnd: PartialDate?
    public var provenance: Provenance

    /// Creates the payload.
    public init(secondmentId: String, outcome: SecondmentOutcome, newPlannedEnd: PartialDate? = nil,
                provenance: Provenance = .documented) {
        self.secondmentId = secondmentId
        self.outcome = outcome
        self.newPlannedEnd = newPlannedEnd
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        secondmentId = try reader.id("secondmentId")
        outcome = try reader.word("outcome")
        newPlannedEnd = try reader.optionalPartialDate("newPlannedEnd")
        if outcome == .extended, newPlannedEnd == nil {
            throw DomainError(field: "data.newPlannedEnd", "missing; required when outcome is Extended")
        }
        if outcome != .extended, let newPlannedEnd {
            throw DomainError(field: "data.newPlannedEnd",
                              "only allowed when outcome is Extended, found \"\(newPlannedEnd)\" with outcome \(outcome.rawValue)")
        }
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("secondmentId", secondmentId)
        writer.word("outcome", outcome)
        writer.date("newPlannedEnd", newPlannedEnd)
    }
}
