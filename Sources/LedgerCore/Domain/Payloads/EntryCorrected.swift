/// A correction (更正) of an earlier entry, voiding it or superseding its payload; the original stays in the journal.
public struct EntryCorrected: EventPayload {
    public static let eventType = "EntryCorrected"
    public static let currentVersion: Int64 = 1
    public static let issuerRoles: Set<IssuerRole> = [.ledgerAdmin]
    public static var requiresAuthority: Bool { true }

    public var targetSeq: Int64
    public var mode: CorrectionMode
    public var replacement: JSONObject?
    public var reasonZh: String
    public var provenance: Provenance

    /// Creates the payload; `replacement` is given exactly when `mode` is `.supersede`.
    public init(targetSeq: Int64, mode: CorrectionMode, replacement: JSONObject? = nil, reasonZh: String, provenance: Provenance = .documented) {
        self.targetSeq = targetSeq
        self.mode = mode
        self.replacement = replacement
        self.reasonZh = reasonZh
        self.provenance = provenance
    }

    public init(reading reader: inout PayloadReader, version: Int64) throws(DomainError) {
        targetSeq = try reader.integer("targetSeq", in: 1...JSONLimits.journal.maxIntegerMagnitude)
        mode = try reader.word("mode")
        replacement = try reader.optionalRawObject("replacement")
        switch (mode, replacement) {
        case (.supersede, nil):
            throw DomainError(field: "data.replacement", "missing (required when mode is Supersede)")
        case (.void, .some):
            throw DomainError(field: "data.replacement", "must be left out when mode is Void")
        default:
            break
        }
        reasonZh = try reader.requiredText("reasonZh")
        provenance = try reader.finish()
    }

    public func write(to writer: inout PayloadWriter) {
        writer.integer("targetSeq", targetSeq)
        writer.word("mode", mode)
        writer.object("replacement", replacement)
        writer.string("reasonZh", reasonZh)
    }
}
