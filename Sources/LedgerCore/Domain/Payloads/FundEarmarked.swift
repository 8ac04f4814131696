/// Part of an allocation set aside for a purpose, possibly for a beneficiary school or campus.
public struct FundEarmarked: EventPayload {
    public static let eventType = "FundEarmarked"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.financeClerk, .coreSchoolClerk]

    public var earmarkId: String
    public var allocationId: String
    public var amountFen: Int64
    public var purpose: FundPurpose
    public var beneficiarySchoolId: String?
    public var beneficiaryCampusId: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(earmarkId: String, allocationId: String, amountFen: Int64, purpose: FundPurpose,
                beneficiarySchoolId: String? = nil, beneficiaryCampusId: String? = nil, provenance: Provenance = .documented) {
        self.earmarkId = earmarkId
        self.allocationId = allocationId
        self.amountFen = amountFen
        self.purpose = purpose
        self.beneficiarySchoolId = beneficiarySchoolId
        self.beneficiaryCampusId = beneficiaryCampusId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        earmarkId = try reader.id("earmarkId")
        allocationId = try reader.id("allocationId")
        amountFen = try reader.fen("amountFen")
        purpose = try reader.word("purpose")
        beneficiarySchoolId = try reader.optionalId("beneficiarySchoolId")
        beneficiaryCampusId = try reader.optionalId("beneficiaryCampusId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("earmarkId", earmarkId)
        writer.string("allocationId", allocationId)
        writer.integer("amountFen", amountFen)
        writer.word("purpose", purpose)
        writer.string("beneficiarySchoolId", beneficiarySchoolId)
        writer.string("beneficiaryCampusId", beneficiaryCampusId)
    }
}
