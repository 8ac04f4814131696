public import LedgerCore

/// How a figure's value is written: plain for spreadsheets, with units for people.
extension ReportFigure.Value {
    /// The value as a spreadsheet reads it: `12`, `500000.00` (yuan), `7.50` (percent), or the text.
    public var plain: String {
        switch self {
        case .count(let count): return "\(count)"
        case .fen(let fen): return ReportMoney.yuan(fen)
        case .ratio(let numerator, let denominator): return Self.percent(numerator, denominator)
        case .text(let text): return text
        }
    }

    /// The unit of `plain`: 所/人 are not distinguished; counts are counts.
    public func unit(_ language: Language) -> String {
        switch self {
        case .count: return language.choose("count", "个")
        case .fen: return language.choose("yuan", "元")
        case .ratio: return "%"
        case .text: return ""
        }
    }

    /// The value for people: `500000.00元（50.00万元）`, `3/40（7.50%）`.
    public func display(_ language: Language) -> String {
        switch self {
        case .count(let count): return "\(count)"
        case .fen(let fen):
            return ReportMoney.yuan(fen) + "元" + (ReportMoney.wanYuan(fen).map { language.choose(" (\($0))", "（\($0)）") } ?? "")
        case .ratio(let numerator, let denominator):
            return "\(numerator)/\(denominator)" + language.choose(" (\(Self.percent(numerator, denominator))%)", "（\(Self.percent(numerator, denominator))%）")
        case .text(let text): return text
        }
    }

    /// A share as a percentage with two decimals, rounded half up, in integers: 3/40 → `7.50`.
    static func percent(_ numerator: Int64, _ denominator: Int64) -> String {
        guard denominator > 0 else { return "—" }
        let hundredths = (numerator * 10_000 * 2 + denominator) / (2 * denominator)
        let cents = hundredths % 100
        return "\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}

/// A verdict in a report cell, with its label in the report's language.
extension Language {
    /// `达标` / `met`; an empty string when no rule judges the figure.
    public func statusText(_ status: Finding.Status?) -> String { status.map { choose(englishStatus($0), word($0)) } ?? "" }

    private func englishStatus(_ status: Finding.Status) -> String {
        switch status {
        case .met: return "met"
        case .notMet: return "not met"
        case .insufficientData: return "insufficient data"
        case .notApplicable: return "not applicable"
        case .waived: return "waived"
        }
    }
}
