/// A group cost divided among its schools; the shares add up to the total exactly.
public struct CostShareApportioned: EventPayload {
    public static let eventType = "CostShareApportioned"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.coreSchoolClerk]

    /// One school's part of the cost.
    public struct Share: Equatable, Sendable {
        public var schoolId: String
        public var amountFen: Int64

        /// Creates a share.
        public init(schoolId: String, amountFen: Int64) {
            self.schoolId = schoolId
            self.amountFen = amountFen
        }
    }

    public var costShareId: String
    public var groupId: String
    public var totalFen: Int64
    public var disbursingSchoolId: String
    public var shares: [Share]
    public var provenance: Provenance

    /// Creates the payload.
    public init(costShareId: String, groupId: String, totalFen: Int64, disbursingSchoolId: String, shares: [Share],
                provenance: Provenance = .documented) {
        self.costShareId = costShareId
        self.groupId = groupId
        self.totalFen = totalFen
        self.disbursingSchoolId = disbursingSchoolId
        self.shares = shares
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        costShareId = try reader.id("costShareId")
        groupId = try reader.id("groupId")
        totalFen = try reader.fen("totalFen")
        disbursingSchoolId = try reader.id("disbursingSchoolId")
        var shares: [Share] = []
        for var share in try reader.objectList("shares") {
            shares.append(Share(schoolId: try share.id("schoolId"), amountFen: try share.fen("amountFen")))
            try share.finishNested()
        }
        self.shares = shares
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("costShareId", costShareId)
        writer.string("groupId", groupId)
        writer.integer("totalFen", totalFen)
        writer.string("disbursingSchoolId", disbursingSchoolId)
        writer.objects("shares", shares.map { share in
            JSONObject(uniqueKeysWithValues: [("amountFen", .integer(share.amountFen)), ("schoolId", .string(share.schoolId))])
        })
    }
}
