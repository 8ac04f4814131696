/// A journal's size and Merkle root: the value published outside the journal (in a report,
/// to the superior bureau) that later lets anyone prove the history was not rewritten.
public struct JournalDigest: Equatable, Sendable, CustomStringConvertible {
    /// The number of events (leaves) covered.
    public var size: Int64
    /// The RFC 6962 Merkle tree hash of lines 1…size.
    public var root: SHA256Digest

    /// Creates a digest.
    public init(size: Int64, root: SHA256Digest) {
        self.size = size
        self.root = root
    }

    /// Parses `SIZE:ROOTHEX`, e.g. `42:9f3a…` (64 lowercase hex digits).
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let size = Int64(parts[0]), size >= 0, let root = SHA256Digest(hex: parts[1]) else { return nil }
        self.init(size: size, root: root)
    }

    /// `SIZE:ROOTHEX`, the form `verify --digest` accepts.
    public var description: String { "\(size):\(root.hex)" }
}
