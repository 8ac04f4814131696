/// A jurisdiction's policy profile (政策规则) adopted in a numbered version, citing its source documents.
public struct PolicyProfileAdopted: EventPayload {
    public static let eventType = "PolicyProfileAdopted"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin]
    public static var requiresAuthority: Bool { true }

    public var profileId: String
    public var jurisdictionId: String
    public var version: Int64
    public var effectiveFrom: PartialDate
    public var effectiveUntil: PartialDate?
    public var sourceDocumentIds: [String]
    public var profile: JSONObject
    public var provenance: Provenance

    /// Creates the payload.
    public init(profileId: String, jurisdictionId: String, version: Int64, effectiveFrom: PartialDate, effectiveUntil: PartialDate? = nil,
                sourceDocumentIds: [String], profile: JSONObject, provenance: Provenance = .documented) {
        self.profileId = profileId
        self.jurisdictionId = jurisdictionId
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.sourceDocumentIds = sourceDocumentIds
        self.profile = profile
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        profileId = try reader.id("profileId")
        jurisdictionId = try reader.id("jurisdictionId")
        self.version = try reader.integer("version", in: 1...JSONLimits.journal.maxIntegerMagnitude)
        effectiveFrom = try reader.partialDate("effectiveFrom")
        effectiveUntil = try reader.optionalPartialDate("effectiveUntil")
        if let effectiveUntil, effectiveUntil.endDayNumber <= effectiveFrom.firstDayNumber {
            throw DomainError(field: "data.effectiveUntil", "\(effectiveUntil) ends before effectiveFrom \(effectiveFrom)")
        }
        sourceDocumentIds = try reader.idList("sourceDocumentIds")
        if sourceDocumentIds.isEmpty {
            throw DomainError(field: "data.sourceDocumentIds", "expected at least one source document id, found none")
        }
        profile = try reader.rawObject("profile")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("profileId", profileId)
        writer.string("jurisdictionId", jurisdictionId)
        writer.integer("version", version)
        writer.date("effectiveFrom", effectiveFrom)
        writer.date("effectiveUntil", effectiveUntil)
        writer.strings("sourceDocumentIds", sourceDocumentIds)
        writer.object("profile", profile)
    }
}
