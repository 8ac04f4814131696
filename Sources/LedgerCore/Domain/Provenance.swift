/// Where a fact comes from, carried by every payload: documented or synthetic, which fields
/// are inferred rather than printed, and a remark (e.g. what the source leaves ambiguous).
public struct Provenance: Hashable, Sendable {
    /// True when the fact is made up for demonstration (the documents do not state it).
    public var synthetic: Bool
    /// The payload fields whose values are inferred.
    public var inferred: [String]
    /// A remark.
    public var noteZh: String?
    /// Set on an explicit adjustment to a sealed year: the reason, in the bureau's words.
    public var adjustmentZh: String?

    /// Creates a provenance; the default is a documented fact.
    public init(synthetic: Bool = false, inferred: [String] = [], noteZh: String? = nil, adjustmentZh: String? = nil) {
        self.synthetic = synthetic
        self.inferred = inferred
        self.noteZh = noteZh
        self.adjustmentZh = adjustmentZh
    }

    /// A documented fact with nothing inferred.
    public static let documented = Provenance()

    /// The members every payload may carry besides its own.
    static let keys = ["adjustmentZh", "inferred", "noteZh", "synthetic"]
}
