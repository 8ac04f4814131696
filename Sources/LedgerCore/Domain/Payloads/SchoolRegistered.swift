/// A school (学校) registered under the authority that administers it, with its stage.
public struct SchoolRegistered: EventPayload {
    public static let eventType = "SchoolRegistered"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin, .bureauClerk]

    public var schoolId: String
    public var nameZh: String
    public var aliasesZh: [String]
    public var stage: SchoolStage
    public var administeredBy: String
    public var jurisdictionId: String
    public var centralSchoolId: String?
    public var isCentralSchool: Bool?
    public var provenance: Provenance

    /// Creates the payload.
    public init(schoolId: String, nameZh: String, aliasesZh: [String] = [], stage: SchoolStage, administeredBy: String,
                jurisdictionId: String, centralSchoolId: String? = nil, isCentralSchool: Bool? = nil, provenance: Provenance = .documented) {
        self.schoolId = schoolId
        self.nameZh = nameZh
        self.aliasesZh = aliasesZh
        self.stage = stage
        self.administeredBy = administeredBy
        self.jurisdictionId = jurisdictionId
        self.centralSchoolId = centralSchoolId
        self.isCentralSchool = isCentralSchool
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        schoolId = try reader.id("schoolId")
        nameZh = try reader.nameZh("nameZh")
        aliasesZh = try reader.nameList("aliasesZh")
        stage = try reader.word("stage")
        administeredBy = try reader.id("administeredBy")
        jurisdictionId = try reader.id("jurisdictionId")
        centralSchoolId = try reader.optionalId("centralSchoolId")
        if let centralSchoolId, centralSchoolId == schoolId {
            throw DomainError(field: "data.centralSchoolId", "\"\(centralSchoolId)\" is the school itself")
        }
        isCentralSchool = try reader.optionalBool("isCentralSchool")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("schoolId", schoolId)
        writer.string("nameZh", nameZh)
        writer.strings("aliasesZh", aliasesZh)
        writer.word("stage", stage)
        writer.string("administeredBy", administeredBy)
        writer.string("jurisdictionId", jurisdictionId)
        writer.string("centralSchoolId", centralSchoolId)
        writer.bool("isCentralSchool", isCentralSchool)
    }
}
