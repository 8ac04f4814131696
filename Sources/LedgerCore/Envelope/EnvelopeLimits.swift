/// Limits on the envelope fields every event carries. Each is checked before anything is written;
/// an event over a limit is refused with an `EnvelopeError` naming the field.
public enum EnvelopeLimits {
    /// Longest event type name, in bytes (`SchoolJoinedGroup` is 17).
    public static let maxTypeBytes = 64
    /// The payload schema versions a type may carry.
    public static let versions: ClosedRange<Int64> = 1...65_535
    /// Longest identifier (actor id, role, on-behalf-of, approval id), in UTF-8 bytes.
    public static let maxIdentifierBytes = 128
    /// Longest document reference or clause in `authority`, in UTF-8 bytes.
    public static let maxAuthorityTextBytes = 512
}
