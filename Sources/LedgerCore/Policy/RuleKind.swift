/// The closed library of rule kinds (DOMAIN.md §6.3). Profiles only supply parameters; no
/// jurisdiction's numbers appear in code.
public enum RuleKind: String, Sendable, CaseIterable {
    case groupSize, groupCountTarget, coverageTarget, approvalRequired, filingRequired, exitPolicy, ratioMin, tenureTrigger,
         dispatchQuota, secondmentDuration, secondmentRetention, experienceCredit, activityMin, fundMinPerUnit, fundReserveRatio,
         expenditureRule, costSharing, governanceSeats, appointmentAuthority, charterDrafter, assessmentCadence, quotaAdjustment,
         planPhases
    /// A sentence kept for the record and the reports, with nothing to evaluate.
    case descriptive

    /// The kinds the evaluator judges: all but `descriptive`. Some (tenureTrigger,
    /// quotaAdjustment, charterDrafter) can only report insufficientData until the ledger records
    /// the events they need; the message says which.
    public static let evaluated: Set<RuleKind> = Set(allCases).subtracting([.descriptive])
}

/// A ratio written as integers, compared without floating point: actual/total ≥ num/den.
public struct Ratio: Sendable, Equatable {
    public var numerator: Int64
    public var denominator: Int64

    /// Whether `count` out of `total` reaches the ratio (`count × den ≥ num × total`).
    public func isMet(count: Int64, total: Int64) -> Bool {
        count.multipliedReportingOverflow(by: denominator).partialValue >= numerator.multipliedReportingOverflow(by: total).partialValue
    }

    /// `10/100`.
    public var text: String { "\(numerator)/\(denominator)" }
}
