/// Where a fact comes from, carried by every payload: documented or synthetic, which fields
/// are inferred rather than printed, and a remark (e.g. what the source leaves ambiguous).
public struct Provenance: Hashable, Sendable {
    // One word: a plain fact is `.documented` or `.synthetic`; inferred fields and remarks,
    // which few facts have, live out of line. Every payload in the state carries a provenance:
    // inline, its members took 48 bytes of each; a flag beside an optional reference, 16.
    private var storage: Storage

    private enum Storage: Sendable {
        case documented
        case synthetic
        case detailed(Details)
    }

    /// True when the fact is made up for demonstration (the documents do not state it).
    public var synthetic: Bool {
        get {
            switch storage {
            case .documented: false
            case .synthetic: true
            case .detailed(let details): details.synthetic
            }
        }
        set { self = Provenance(synthetic: newValue, inferred: inferred, noteZh: noteZh, adjustmentZh: adjustmentZh) }
    }

    /// Whether it is plain `.documented` or synthetic with nothing more (compact state rows
    /// keep such a provenance as one bit and set the others aside).
    var isPlain: Bool {
        if case .detailed = storage { return false }
        return true
    }

    /// The out-of-line part, if any.
    private var details: Details? {
        if case .detailed(let details) = storage { return details }
        return nil
    }

    /// The payload fields whose values are inferred.
    public var inferred: [String] {
        get { details?.inferred ?? [] }
        set { self = Provenance(synthetic: synthetic, inferred: newValue, noteZh: noteZh, adjustmentZh: adjustmentZh) }
    }

    /// A remark.
    public var noteZh: String? {
        get { details?.noteZh }
        set { self = Provenance(synthetic: synthetic, inferred: inferred, noteZh: newValue, adjustmentZh: adjustmentZh) }
    }

    /// Set on an explicit adjustment to a sealed year: the reason, in the bureau's words.
    public var adjustmentZh: String? {
        get { details?.adjustmentZh }
        set { self = Provenance(synthetic: synthetic, inferred: inferred, noteZh: noteZh, adjustmentZh: newValue) }
    }

    /// Creates a provenance; the default is a documented fact.
    public init(synthetic: Bool = false, inferred: [String] = [], noteZh: String? = nil, adjustmentZh: String? = nil) {
        if inferred.isEmpty, noteZh == nil, adjustmentZh == nil {
            storage = synthetic ? .synthetic : .documented
        } else {
            storage = .detailed(Details(synthetic: synthetic, inferred: inferred, noteZh: noteZh, adjustmentZh: adjustmentZh))
        }
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
        let synthetic: Bool
        let inferred: [String]
        let noteZh: String?
        let adjustmentZh: String?

        init(synthetic: Bool, inferred: [String], noteZh: String?, adjustmentZh: String?) {
            self.synthetic = synthetic
            self.inferred = inferred
            self.noteZh = noteZh
            self.adjustmentZh = adjustmentZh
        }
    }
}
