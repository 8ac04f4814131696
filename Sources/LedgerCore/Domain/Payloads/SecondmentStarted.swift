/// A staff member sent from the home school to another school or an outside host (挂职, 交流轮岗, 支教 …).
public struct SecondmentStarted: EventPayload {
    public static let eventType = "SecondmentStarted"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .coreSchoolClerk, .memberSchoolClerk]

    public var secondmentId: String
    public var staffId: String
    public var kind: SecondmentKind
    public var fromSchoolId: String
    public var toSchoolId: String?
    public var toExternalHostZh: String?
    public var groupId: String?
    public var plannedEnd: PartialDate
    public var retainedAtHome: [RetainedAtHome]
    public var provenance: Provenance

    /// Creates the payload.
    public init(secondmentId: String, staffId: String, kind: SecondmentKind, fromSchoolId: String, toSchoolId: String? = nil,
                toExternalHostZh: String? = nil, groupId: String? = nil, plannedEnd: PartialDate,
                retainedAtHome: [RetainedAtHome] = [], provenance: Provenance = .documented) {
        self.secondmentId = secondmentId
        self.staffId = staffId
        self.kind = kind
        self.fromSchoolId = fromSchoolId
        self.toSchoolId = toSchoolId
        self.toExternalHostZh = toExternalHostZh
        self.groupId = groupId
        self.plannedEnd = plannedEnd
        self.retainedAtHome = retainedAtHome
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        secondmentId = try reader.id("secondmentId")
        staffId = try reader.id("staffId")
        kind = try reader.word("kind")
        fromSchoolId = try reader.id("fromSchoolId")
        toSchoolId = try reader.optionalId("toSchoolId")
        toExternalHostZh = try reader.optionalNameZh("toExternalHostZh")
        groupId = try reader.optionalId("groupId")
        plannedEnd = try reader.partialDate("plannedEnd")
        retainedAtHome = try reader.wordList("retainedAtHome")
        switch (toSchoolId, toExternalHostZh) {
        case (nil, nil):
            throw DomainError(field: "data.toSchoolId", "missing; give exactly one of toSchoolId and toExternalHostZh")
        case let (school?, host?):
            throw DomainError(field: "data.toExternalHostZh",
                              "give exactly one of toSchoolId and toExternalHostZh, found both \"\(school)\" and \"\(host)\"")
        case let (school?, nil) where school == fromSchoolId:
            throw DomainError(field: "data.toSchoolId", "the destination equals the origin fromSchoolId \"\(school)\"")
        default:
            break
        }
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("secondmentId", secondmentId)
        writer.string("staffId", staffId)
        writer.word("kind", kind)
        writer.string("fromSchoolId", fromSchoolId)
        writer.string("toSchoolId", toSchoolId)
        writer.string("toExternalHostZh", toExternalHostZh)
        writer.string("groupId", groupId)
        writer.date("plannedEnd", plannedEnd)
        writer.words("retainedAtHome", retainedAtHome)
    }
}
