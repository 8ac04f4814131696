import LedgerCore

extension LedgerAppender {
    /// Refuses an `authority.document` that is neither a 文号 nor a document id.
    ///
    /// FORMAT.md: the document is the 文号 as normalised or, for a document printed without
    /// one, its registered id. A citation an auditor cannot look up (`邵教发2023-50`,
    /// `邵教发[2023]50号`) is refused when appending; reading never applies this rule, so a
    /// journal written before it still verifies. Whether the document is registered is not
    /// checked: a batch may cite a document it registers further on.
    static func checkDocumentCitation(_ authority: Authority?) throws(DomainError) {
        guard let document = authority?.document, !PayloadReader.isIdentifier(document) else { return }
        do {
            _ = try DocumentNumber(parsing: document, field: "authority.document")
        } catch {
            throw DomainError(field: "authority.document",
                              "expected a 文号 like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号) or the id of a document printed without one, found \"\(document)\"")
        }
    }
}
