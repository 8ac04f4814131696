/// Money a school spent, from an allocation, an earmark or (neither) its own budget.
public struct ExpenditureRecorded: EventPayload {
    public static let eventType = "ExpenditureRecorded"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.financeClerk, .coreSchoolClerk, .memberSchoolClerk]

    public var expenditureId: String
    public var payerSchoolId: String
    public var payeeZh: String?
    public var payeeSchoolId: String?
    public var category: FundPurpose
    public var amountFen: Int64
    public var allocationId: String?
    public var earmarkId: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(expenditureId: String, payerSchoolId: String, payeeZh: String? = nil, payeeSchoolId: String? = nil,
                category: FundPurpose, amountFen: Int64, allocationId: String? = nil, earmarkId: String? = nil,
                provenance: Provenance = .documented) {
        self.expenditureId = expenditureId
        self.payerSchoolId = payerSchoolId
        self.payeeZh = payeeZh
        self.payeeSchoolId = payeeSchoolId
        self.category = category
        self.amountFen = amountFen
        self.allocationId = allocationId
        self.earmarkId = earmarkId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        expenditureId = try reader.id("expenditureId")
        payerSchoolId = try reader.id("payerSchoolId")
        payeeZh = try reader.optionalNameZh("payeeZh")
        payeeSchoolId = try reader.optionalId("payeeSchoolId")
        category = try reader.word("category")
        amountFen = try reader.fen("amountFen")
        allocationId = try reader.optionalId("allocationId")
        earmarkId = try reader.optionalId("earmarkId")
        if let allocationId, let earmarkId {
            throw DomainError(field: "data.earmarkId",
                              "give at most one of allocationId and earmarkId, found both \"\(allocationId)\" and \"\(earmarkId)\"")
        }
        if let payeeZh, let payeeSchoolId {
            throw DomainError(field: "data.payeeSchoolId",
                              "give at most one of payeeZh and payeeSchoolId, found both \"\(payeeZh)\" and \"\(payeeSchoolId)\"")
        }
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("expenditureId", expenditureId)
        writer.string("payerSchoolId", payerSchoolId)
        writer.string("payeeZh", payeeZh)
        writer.string("payeeSchoolId", payeeSchoolId)
        writer.word("category", category)
        writer.integer("amountFen", amountFen)
        writer.string("allocationId", allocationId)
        writer.string("earmarkId", earmarkId)
    }
}
