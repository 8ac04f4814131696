/// A policy rule's verdict on a subject (a group, a membership, a year): derived on replay,
/// never stored in the journal.
public struct Finding: Sendable, Equatable {
    /// How much a rule matters, chosen per rule in the profile.
    public enum Severity: String, Sendable, CaseIterable {
        /// Shown for information.
        case info
        /// Shown for auditors to follow up.
        case flag
        /// Refuses the event unless it cites a granted PolicyException approval for the rule.
        case block
    }

    /// The verdict.
    public enum Status: String, Sendable {
        case met, notMet, insufficientData, notApplicable, waived
    }

    /// The rule's id, as in DOMAIN.md §2 (e.g. `BS-17`).
    public var ruleId: String
    /// The rule's severity.
    public var severity: Severity
    /// The verdict.
    public var status: Status
    /// What was judged, e.g. `group bs-g1` or `membership m-sy-g1-sy-m05`.
    public var subject: String
    /// The period judged, for periodic rules (e.g. `2024-2025`).
    public var period: String?
    /// Required against actual, in words.
    public var message: String
    /// The seqs of the events the verdict rests on.
    public var evidenceSeqs: [Int64]
    /// The source sentence of the rule.
    public var quoteZh: String

    /// Creates a finding.
    public init(ruleId: String, severity: Severity, status: Status, subject: String, period: String? = nil, message: String,
                evidenceSeqs: [Int64], quoteZh: String) {
        self.ruleId = ruleId
        self.severity = severity
        self.status = status
        self.subject = subject
        self.period = period
        self.message = message
        self.evidenceSeqs = evidenceSeqs
        self.quoteZh = quoteZh
    }
}
