/// A planned education group (拟组建的教育集团): a plan, not a fact, with status `Proposed`.
public struct GroupProposed: EventPayload {
    public static let eventType = "GroupProposed"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .leadingGroupOffice]

    public var groupId: String
    public var nameZh: String
    public var jurisdictionId: String
    public var type: GroupType
    public var proposedLeadSchoolId: String?
    public var proposedMemberSchoolIds: [String]
    public var phaseLabelZh: String?
    public var plannedFrom: PartialDate?
    public var plannedUntil: PartialDate?
    public var documentId: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(groupId: String, nameZh: String, jurisdictionId: String, type: GroupType, proposedLeadSchoolId: String? = nil,
                proposedMemberSchoolIds: [String] = [], phaseLabelZh: String? = nil, plannedFrom: PartialDate? = nil,
                plannedUntil: PartialDate? = nil, documentId: String? = nil, provenance: Provenance = .documented) {
        self.groupId = groupId
        self.nameZh = nameZh
        self.jurisdictionId = jurisdictionId
        self.type = type
        self.proposedLeadSchoolId = proposedLeadSchoolId
        self.proposedMemberSchoolIds = proposedMemberSchoolIds
        self.phaseLabelZh = phaseLabelZh
        self.plannedFrom = plannedFrom
        self.plannedUntil = plannedUntil
        self.documentId = documentId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        groupId = try reader.id("groupId")
        nameZh = try reader.nameZh("nameZh")
        jurisdictionId = try reader.id("jurisdictionId")
        type = try reader.word("type")
        proposedLeadSchoolId = try reader.optionalId("proposedLeadSchoolId")
        proposedMemberSchoolIds = try reader.idList("proposedMemberSchoolIds")
        var seen: Set<String> = []
        for (index, schoolId) in proposedMemberSchoolIds.enumerated() where !seen.insert(schoolId).inserted {
            throw DomainError(field: "data.proposedMemberSchoolIds[\(index)]", "\"\(schoolId)\" is listed twice")
        }
        phaseLabelZh = try reader.optionalNameZh("phaseLabelZh")
        plannedFrom = try reader.optionalPartialDate("plannedFrom")
        plannedUntil = try reader.optionalPartialDate("plannedUntil")
        if let plannedFrom, let plannedUntil, plannedUntil.endDayNumber <= plannedFrom.firstDayNumber {
            throw DomainError(field: "data.plannedUntil", "\(plannedUntil) ends before plannedFrom \(plannedFrom)")
        }
        documentId = try reader.optionalId("documentId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("groupId", groupId)
        writer.string("nameZh", nameZh)
        writer.string("jurisdictionId", jurisdictionId)
        writer.word("type", type)
        writer.string("proposedLeadSchoolId", proposedLeadSchoolId)
        writer.strings("proposedMemberSchoolIds", proposedMemberSchoolIds)
        writer.string("phaseLabelZh", phaseLabelZh)
        writer.date("plannedFrom", plannedFrom)
        writer.date("plannedUntil", plannedUntil)
        writer.string("documentId", documentId)
    }
}
