/// A policy document (文件) registered for citation, with its 文号 when it has one.
public struct PolicyDocumentRegistered: EventPayload {
    public static let eventType = "PolicyDocumentRegistered"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin, .bureauClerk]

    public var documentId: String
    public var titleZh: String
    public var kind: DocumentKind
    public var jurisdictionId: String
    public var docNumber: DocumentNumber?
    public var docNumberAsPrinted: String?
    public var issuerAuthorityId: String?
    public var issuedOn: PartialDate?
    public var trial: Bool?
    public var sourceFile: String?
    public var provenance: Provenance

    /// Creates the payload.
    public init(documentId: String, titleZh: String, kind: DocumentKind, jurisdictionId: String, docNumber: DocumentNumber? = nil,
                docNumberAsPrinted: String? = nil, issuerAuthorityId: String? = nil, issuedOn: PartialDate? = nil, trial: Bool? = nil,
                sourceFile: String? = nil, provenance: Provenance = .documented) {
        self.documentId = documentId
        self.titleZh = titleZh
        self.kind = kind
        self.jurisdictionId = jurisdictionId
        self.docNumber = docNumber
        self.docNumberAsPrinted = docNumberAsPrinted
        self.issuerAuthorityId = issuerAuthorityId
        self.issuedOn = issuedOn
        self.trial = trial
        self.sourceFile = sourceFile
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        documentId = try reader.id("documentId")
        titleZh = try reader.nameZh("titleZh")
        kind = try reader.word("kind")
        jurisdictionId = try reader.id("jurisdictionId")
        docNumber = try reader.optionalDocNumber("docNumber")
        docNumberAsPrinted = try reader.optionalString("docNumberAsPrinted")
        if let printed = docNumberAsPrinted, docNumber == nil {
            // The printed form keeps the 文号's original spacing; it is never stored without the 文号 itself.
            throw DomainError(field: "data.docNumberAsPrinted", "\"\(printed)\" needs docNumber, the normalised 文号")
        }
        issuerAuthorityId = try reader.optionalId("issuerAuthorityId")
        issuedOn = try reader.optionalPartialDate("issuedOn")
        trial = try reader.optionalBool("trial")
        sourceFile = try reader.optionalString("sourceFile")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.string("documentId", documentId)
        writer.string("titleZh", titleZh)
        writer.word("kind", kind)
        writer.string("jurisdictionId", jurisdictionId)
        writer.docNumber("docNumber", docNumber)
        writer.string("docNumberAsPrinted", docNumberAsPrinted)
        writer.string("issuerAuthorityId", issuerAuthorityId)
        writer.date("issuedOn", issuedOn)
        writer.bool("trial", trial)
        writer.string("sourceFile", sourceFile)
    }
}
