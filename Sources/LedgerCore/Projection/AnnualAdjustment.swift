/// An event accepted although effective in a sealed year: an explicit adjustment, which the
/// next report of that year lists.
public struct AnnualAdjustment: Sendable, Equatable {
    public var seq: Int64
    public var type: String
    /// The seal it adjusts.
    public var sealSeq: Int64
    public var jurisdictionId: String
    /// Why, in the bureau's words.
    public var reasonZh: String

    /// Creates an adjustment.
    public init(seq: Int64, type: String, sealSeq: Int64, jurisdictionId: String, reasonZh: String) {
        self.seq = seq
        self.type = type
        self.sealSeq = sealSeq
        self.jurisdictionId = jurisdictionId
        self.reasonZh = reasonZh
    }
}
