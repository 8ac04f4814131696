/// A group governance role assignment ended.
public struct GroupRoleEnded: EventPayload {
    public static let eventType = "GroupRoleEnded"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.bureauClerk, .councilSecretary]

    public var assignmentId: String
    public var provenance: Provenance

    /// Creates the payload.
    public init(assignmentId: String, provenance: Provenance = .documented) {
        self.assignmentId = assignmentId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        assignmentId = try reader.id("assignmentId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("assignmentId", assignmentId)
    }
}
