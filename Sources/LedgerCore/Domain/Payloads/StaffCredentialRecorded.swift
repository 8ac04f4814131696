/// A credential a staff member holds (骨干教师, 学科带头人, 名师 …), with the level that granted it.
public struct StaffCredentialRecorded: EventPayload {
    public static let eventType = "StaffCredentialRecorded"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk]

    public var staffId: String
    public var credential: Credential
    public var level: CredentialLevel?
    public var provenance: Provenance

    /// Creates the payload.
    public init(staffId: String, credential: Credential, level: CredentialLevel? = nil, provenance: Provenance = .documented) {
        self.staffId = staffId
        self.credential = credential
        self.level = level
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        staffId = try reader.id("staffId")
        credential = try reader.word("credential")
        level = try reader.optionalWord("level")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("staffId", staffId)
        writer.word("credential", credential)
        writer.word("level", level)
    }
}
