/// A school's teacher headcount (教师人数) for a year: the denominator of rotation ratios.
public struct HeadcountRecorded: EventPayload {
    public static let eventType = "HeadcountRecorded"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .coreSchoolClerk, .memberSchoolClerk]

    public var schoolId: String
    public var year: Int
    public var teachers: Int64
    public var backboneTeachers: Int64?
    public var provenance: Provenance

    /// Creates the payload.
    public init(schoolId: String, year: Int, teachers: Int64, backboneTeachers: Int64? = nil, provenance: Provenance = .documented) {
        self.schoolId = schoolId
        self.year = year
        self.teachers = teachers
        self.backboneTeachers = backboneTeachers
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        let counts: ClosedRange<Int64> = 0...JSONLimits.journal.maxIntegerMagnitude
        schoolId = try reader.id("schoolId")
        year = try reader.year("year")
        teachers = try reader.integer("teachers", in: counts)
        backboneTeachers = try reader.optionalInteger("backboneTeachers", in: counts)
        if let backboneTeachers, backboneTeachers > teachers {
            throw DomainError(field: "data.backboneTeachers", "\(backboneTeachers) backbone teachers (骨干教师) exceed the \(teachers) teachers")
        }
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("schoolId", schoolId)
        writer.integer("year", Int64(year))
        writer.integer("teachers", teachers)
        writer.integer("backboneTeachers", backboneTeachers)
    }
}
