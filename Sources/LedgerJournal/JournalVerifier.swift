import LedgerCore

/// What `verify` found.
public struct JournalVerification: Sendable {
    /// The number of events in the sound prefix.
    public var eventCount: Int64
    /// The digest of the sound prefix.
    public var digest: JournalDigest
    /// How the file ends after the sound prefix.
    public var tail: JournalTailState
    /// The problem with a published digest the journal was checked against, if any.
    public var digestProblem: String?

    /// Whether the journal is sound: clean tail and, if a digest was given, consistent with it.
    public var isSound: Bool {
        if case .clean = tail, digestProblem == nil { return true }
        return false
    }
}

/// Full verification: every line decodes in canonical form, seqs are continuous, batches are
/// whole, the prev chain holds, and the journal extends a published digest when one is given.
public enum JournalVerifier {
    /// Verifies the journal at `path`.
    /// - Parameter published: an earlier digest the journal must still extend.
    /// - Throws: `JournalError` only when the file cannot be read; findings are in the result.
    public static func verify(path: String, against published: JournalDigest? = nil) throws -> JournalVerification {
        var frontier = MerkleFrontier()
        var publishedRoot: SHA256Digest? = published?.size == 0 ? MerkleTree.emptyRoot : nil
        let scan = try JournalReading.scanLeafHashes(path: path) { leafHashes in
            for leafHash in leafHashes {
                frontier.append(leafHash: leafHash)
                if let published, Int64(frontier.size) == published.size { publishedRoot = frontier.root() }
            }
            return true
        }
        let digest = JournalDigest(size: scan.soundEventCount, root: frontier.root())
        var digestProblem: String?
        if let published {
            if published.size > scan.soundEventCount {
                digestProblem = "the published digest covers \(published.size) events but the journal's sound part has only \(scan.soundEventCount): events were removed (or the journal is damaged before them)"
            } else if let publishedRoot, publishedRoot != published.root {
                digestProblem = "the journal does not extend the published digest \(published): its root at size \(published.size) is \(publishedRoot.hex); history up to seq \(published.size) was rewritten"
            }
        }
        return JournalVerification(eventCount: scan.soundEventCount, digest: digest, tail: scan.tail, digestProblem: digestProblem)
    }
}
