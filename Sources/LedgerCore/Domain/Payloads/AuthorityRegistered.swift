/// A bureau, government, leading group or other body registered as an authority.
public struct AuthorityRegistered: EventPayload {
    public static let eventType = "AuthorityRegistered"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin]

    public var authorityId: String
    public var nameZh: String
    public var aliasesZh: [String]
    public var kind: AuthorityKind
    public var level: AuthorityLevel
    public var jurisdictionId: String
    public var parentAuthorityId: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(authorityId: String, nameZh: String, aliasesZh: [String] = [], kind: AuthorityKind, level: AuthorityLevel,
                jurisdictionId: String, parentAuthorityId: String? = nil, provenance: Provenance = .documented) {
        self.authorityId = authorityId
        self.nameZh = nameZh
        self.aliasesZh = aliasesZh
        self.kind = kind
        self.level = level
        self.jurisdictionId = jurisdictionId
        self.parentAuthorityId = parentAuthorityId
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        authorityId = try reader.id("authorityId")
        nameZh = try reader.nameZh("nameZh")
        aliasesZh = try reader.nameList("aliasesZh")
        kind = try reader.word("kind")
        level = try reader.word("level")
        jurisdictionId = try reader.id("jurisdictionId")
        parentAuthorityId = try reader.optionalId("parentAuthorityId")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("authorityId", authorityId)
        writer.string("nameZh", nameZh)
        writer.strings("aliasesZh", aliasesZh)
        writer.word("kind", kind)
        writer.word("level", level)
        writer.string("jurisdictionId", jurisdictionId)
        writer.string("parentAuthorityId", parentAuthorityId)
    }
}
