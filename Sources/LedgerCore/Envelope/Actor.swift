/// Who appended an event, in which role, and on whose behalf (a bureau, a school).
public struct Actor: Hashable, Sendable {
    /// The principal's opaque id, e.g. `clerk7`.
    public var id: String
    /// The role the principal acted in, e.g. `BureauClerk`; checked by the domain layer.
    public var role: String?
    /// The authority or school the principal acted for, e.g. `sy-edu`.
    public var onBehalfOf: String?

    /// Creates an actor.
    public init(id: String, role: String? = nil, onBehalfOf: String? = nil) {
        self.id = id
        self.role = role
        self.onBehalfOf = onBehalfOf
    }
}

/// The document (文号) and/or approval an event rests on.
public struct Authority: Hashable, Sendable {
    /// The document number as normalised (e.g. `邵教发〔2023〕50号`) or, for a document without one, its registered id.
    public var document: String?
    /// The id of the approval that allowed the change.
    public var approval: String?
    /// The clause of the document, e.g. `五、第一阶段 1.`.
    public var clause: String?

    /// Creates an authority; at least one of `document` and `approval` must be given.
    public init(document: String? = nil, approval: String? = nil, clause: String? = nil) {
        self.document = document
        self.approval = approval
        self.clause = clause
    }
}
