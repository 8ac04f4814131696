/// Limits applied while parsing.
public struct JSONLimits: Sendable, Equatable {
    /// Deepest nesting of objects and arrays allowed; the root container is depth 1.
    public var maxDepth: Int = 16
    /// Largest integer magnitude allowed; the default is 2^53−1 so every value survives
    /// a round trip through IEEE doubles (I-JSON), which is what auditors' tools may use.
    public var maxIntegerMagnitude: Int64 = 9_007_199_254_740_991

    /// Creates limits; the defaults are the journal's.
    public init(maxDepth: Int = 16, maxIntegerMagnitude: Int64 = 9_007_199_254_740_991) {
        self.maxDepth = maxDepth
        self.maxIntegerMagnitude = maxIntegerMagnitude
    }

    /// The limits every journal line must respect.
    public static let journal = JSONLimits()
}
