public import LedgerCore

/// An annual summary of school groups: per jurisdiction and per group, every figure with the
/// seqs of the events it rests on, and a compliance matrix per group. Built from the folded
/// state (no I/O here); the journal digest it was computed from travels with it so a printed
/// report can be checked against the journal later.
public struct AnnualReport: Sendable, Equatable {
    /// The journal the report was computed from: its size (events) and Merkle root.
    public struct Digest: Sendable, Equatable {
        public var size: Int64
        public var rootHex: String

        /// Creates a digest.
        public init(size: Int64, rootHex: String) {
            self.size = size
            self.rootHex = rootHex
        }
    }

    /// The year covered.
    public var period: ReportPeriod
    /// The journal digest.
    public var digest: Digest
    /// One summary per jurisdiction, by id.
    public var jurisdictions: [JurisdictionSummary]
}

/// A figure of the report: what is measured, its value, and the events behind it.
public struct ReportFigure: Sendable, Equatable {
    /// What kind of value it is; money stays integer fen until it is shown.
    public enum Value: Sendable, Equatable {
        case count(Int)
        case fen(Int64)
        case ratio(numerator: Int64, denominator: Int64)
        case text(String)
    }

    /// The part of the report: `groups`, `membership`, `secondments`, `rotation`, `funds`, `costShares`, `coverage`, `plan`, `adjustments`.
    public var section: String
    /// A stable code for the measure, e.g. `membersAtEnd` or `spent.ExchangeTraining`.
    public var measure: String
    /// The measure in Chinese.
    public var labelZh: String
    /// The measure in English.
    public var labelEn: String
    /// The value.
    public var value: Value
    /// The verdict of the rule that judges this figure, where one does.
    public var status: Finding.Status?
    /// The seqs of the events the figure rests on, ascending.
    public var evidenceSeqs: [Int64]
    /// What the figure counts, in words (school names, an authority), when that helps.
    public var detail: String?
    /// The target a rule sets for it (a minimum ratio), for charts.
    public var target: Value?

    /// Creates a figure; evidence is sorted and deduplicated.
    public init(section: String, measure: String, labelZh: String, labelEn: String, value: Value, status: Finding.Status? = nil,
                evidenceSeqs: [Int64] = [], detail: String? = nil, target: Value? = nil) {
        self.section = section
        self.measure = measure
        self.labelZh = labelZh
        self.labelEn = labelEn
        self.value = value
        self.status = status
        self.evidenceSeqs = Array(Set(evidenceSeqs)).sorted()
        self.detail = detail
        self.target = target
    }

    /// The label in `language`.
    public func label(_ language: Language) -> String { language.choose(labelEn, labelZh) }
}

/// One row of a group's compliance matrix: a rule of the profile in force and its verdict.
public struct ComplianceRow: Sendable, Equatable {
    public var ruleId: String
    /// The rule's kind and parameters, in words.
    public var requirement: String
    /// What the ledger shows, in words (the evaluator's message; several joined).
    public var actual: String
    public var status: Finding.Status
    public var severity: Finding.Severity
    public var evidenceSeqs: [Int64]
    /// The source sentence, as printed in the document.
    public var quoteZh: String
    /// The clause of the document, when the profile gives it.
    public var clauseZh: String?
}

/// A group's part of the report.
public struct GroupSummary: Sendable, Equatable {
    public var groupId: String
    public var nameZh: String
    public var type: GroupType
    /// The status at the end of the period (nil when it did not exist yet).
    public var status: GroupStatus?
    /// The lead school's name at the end of the period.
    public var leadNameZh: String?
    public var synthetic: Bool
    public var figures: [ReportFigure]
    public var compliance: [ComplianceRow]
    /// Members over the period: (day number, members that day) at the start, each change, and the end, for the chart.
    public var memberCounts: [(day: Int, count: Int)]

    public static func == (left: GroupSummary, right: GroupSummary) -> Bool {
        left.groupId == right.groupId && left.nameZh == right.nameZh && left.type == right.type && left.status == right.status
            && left.leadNameZh == right.leadNameZh && left.synthetic == right.synthetic && left.figures == right.figures
            && left.compliance == right.compliance && left.memberCounts.map(\.day) == right.memberCounts.map(\.day)
            && left.memberCounts.map(\.count) == right.memberCounts.map(\.count)
    }

    /// The figure with `measure`, if the group has it.
    public func figure(_ measure: String) -> ReportFigure? { figures.first { $0.measure == measure } }
}

/// A jurisdiction's part of the report.
public struct JurisdictionSummary: Sendable, Equatable {
    public var jurisdictionId: String
    /// The name from the profile (`蚌山区`), else the bureau's.
    public var nameZh: String
    /// The profile in force at the end of the period: `bs v1`.
    public var profileText: String?
    public var figures: [ReportFigure]
    public var groups: [GroupSummary]
}
