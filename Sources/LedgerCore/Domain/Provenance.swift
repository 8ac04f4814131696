/// Where a fact comes from, carried by every payload: documented or synthetic, which fields
/// are inferred rather than printed, and a remark (e.g. what the source leaves ambiguous).
public struct Provenance: Hashable, Sendable {
    /// True when the fact is made up for demonstration (the documents do not state it).
    public var synthetic: Bool
    // Inferred fields and remarks, which few facts have, live out of line and are nil when
    // absent: every payload in the state carries a provenance, and inline they took 48 bytes
    // of each where this takes 16.
    private var details: Details?

    /// The payload fields whose values are inferred.
    public var inferred: [String] {
        get { details?.inferred ?? [] }
        set { details = Details(inferred: newValue, noteZh: noteZh, adjustmentZh: adjustmentZh) }
    }

    /// A remark.
    public var noteZh: String? {
        get { details?.noteZh }
        set { details = Details(inferred: inferred, noteZh: newValue, adjustmentZh: adjustmentZh) }
    }

    /// Set on an explicit adjustment to a sealed year: the reason, in the bureau's words.
    public var adjustmentZh: String? {
        get { details?.adjustmentZh }
        set { details = Details(inferred: inferred, noteZh: noteZh, adjustmentZh: newValue) }
    }

    /// Creates a provenance; the default is a documented fact.
    public init(synthetic: Bool = false, inferred: [String] = [], noteZh: String? = nil, adjustmentZh: String? = nil) {
        self.synthetic = synthetic
        self.details = Details(inferred: inferred, noteZh: noteZh, adjustmentZh: adjustmentZh)
    }

    /// A documented fact with nothing inferred.
    public static let documented = Provenance()

    /// The members every payload may carry besides its own.
    static let keys = ["adjustmentZh", "inferred", "noteZh", "synthetic"]

    /// Provenances are equal when their flags, inferred fields and remarks are.
    public static func == (left: Provenance, right: Provenance) -> Bool {
        left.synthetic == right.synthetic && left.inferred == right.inferred && left.noteZh == right.noteZh
            && left.adjustmentZh == right.adjustmentZh
    }

    /// Hashes the flag, the inferred fields and the remarks.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(synthetic)
        hasher.combine(inferred)
        hasher.combine(noteZh)
        hasher.combine(adjustmentZh)
    }

    /// The out-of-line part: immutable, replaced as a whole when a member is set.
    private final class Details: Sendable {
        let inferred: [String]
        let noteZh: String?
        let adjustmentZh: String?

        /// Nil when there is nothing to keep, so a plain fact allocates nothing.
        init?(inferred: [String], noteZh: String?, adjustmentZh: String?) {
            guard !inferred.isEmpty || noteZh != nil || adjustmentZh != nil else { return nil }
            self.inferred = inferred
            self.noteZh = noteZh
            self.adjustmentZh = adjustmentZh
        }
    }
}
