/// Money allocated by an authority to a school for a fiscal year, possibly for a group's unified use (统一调配使用).
public struct FundAllocated: EventPayload {
    public static let eventType = "FundAllocated"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.financeClerk, .bureauClerk]
    /// Money moves on a document or an approval.
    public static var requiresAuthority: Bool { true }

    public var allocationId: String
    public var fiscalYear: Int
    public var fromAuthorityId: String
    public var toSchoolId: String
    public var toCampusId: String?
    public var groupId: String?
    public var purpose: FundPurpose
    public var amountFen: Int64
    public var documentId: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(allocationId: String, fiscalYear: Int, fromAuthorityId: String, toSchoolId: String, toCampusId: String? = nil,
                groupId: String? = nil, purpose: FundPurpose, amountFen: Int64, documentId: String? = nil,
                provenance: Provenance = .documented) {
        self.allocationId = allocationId
        self.fiscalYear = fiscalYear
        self.fromAuthorityId = fromAuthorityId
        self.toSchoolId = toSchoolId
        self.toCampusId = toCampusId
        self.groupId = groupId
        self.purpose = purpose
        self.amountFen = amountFen
        self.documentId = documentId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        allocationId = try reader.id("allocationId")
        fiscalYear = try reader.year("fiscalYear")
        fromAuthorityId = try reader.id("fromAuthorityId")
        toSchoolId = try reader.id("toSchoolId")
        toCampusId = try reader.optionalId("toCampusId")
        groupId = try reader.optionalId("groupId")
        purpose = try reader.word("purpose")
        amountFen = try reader.fen("amountFen")
        documentId = try reader.optionalId("documentId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("allocationId", allocationId)
        writer.integer("fiscalYear", Int64(fiscalYear))
        writer.string("fromAuthorityId", fromAuthorityId)
        writer.string("toSchoolId", toSchoolId)
        writer.string("toCampusId", toCampusId)
        writer.string("groupId", groupId)
        writer.word("purpose", purpose)
        writer.integer("amountFen", amountFen)
        writer.string("documentId", documentId)
    }
}
