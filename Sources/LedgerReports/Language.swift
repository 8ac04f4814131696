public import LedgerCore

/// The language of text output's labels and dates: Chinese for the bureau's own use, English
/// for everyone else. Stored values (ids, names, 文号) are shown as written either way.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// A partial date: `2024年9月1日`, `2024年9月`, `2024年` in Chinese; as stored in English.
    public func date(_ date: PartialDate) -> String {
        guard self == .zh else { return date.description }
        var text = "\(date.year)年"
        if let month = date.month { text += "\(month)月" }
        if let day = date.day { text += "\(day)日" }
        return text
    }

    /// A recorded time, stored in UTC, shown in Beijing time (UTC+8).
    public func recorded(_ instant: UTCTimestamp) -> String {
        let time = instant.components(offsetSeconds: 8 * 3600)
        let clock = "\(Self.two(time.hour)):\(Self.two(time.minute)):\(Self.two(time.second))"
        switch self {
        case .zh: return "\(time.year)年\(time.month)月\(time.day)日 \(clock)（北京时间）"
        case .en: return "\(time.year)-\(Self.two(time.month))-\(Self.two(time.day)) \(clock) Beijing time (UTC+8)"
        }
    }

    /// A label in this language.
    public func label(_ key: Label) -> String {
        switch self {
        case .zh: return key.chinese
        case .en: return key.english
        }
    }

    /// The column width that fits every one of `labels`, plus two spaces.
    public func labelWidth(_ labels: [Label]) -> Int {
        (labels.map { DisplayWidth.columns(label($0)) }.max() ?? 10) + 2
    }

    /// One of two wordings of the same text, the English or the Chinese.
    public func choose(_ english: String, _ chinese: String) -> String { self == .zh ? chinese : english }

    /// The effective date a view is taken at, or "the latest record" when none is given.
    public func asOf(_ date: PartialDate?) -> String {
        date.map(self.date) ?? choose("the latest record", "最新记录")
    }

    /// Marks an entry made up for demonstration.
    public var syntheticMark: String { choose("  [synthetic]", "  [示例数据]") }

    /// A seq reference: `seq 12` or `序号12`.
    public func seq(_ seq: Int64) -> String { choose("seq \(seq)", "序号\(seq)") }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

/// The labels text output uses.
public enum Label: Sendable {
    case recorded, effective, actor, authority, change, finding, correctedBy, corrects, voided, superseded, data

    var english: String {
        switch self {
        case .recorded: return "recorded"
        case .effective: return "effective"
        case .actor: return "recorded by"
        case .authority: return "authority"
        case .change: return "change"
        case .finding: return "finding"
        case .correctedBy: return "corrected by seq"
        case .corrects: return "corrects seq"
        case .voided: return "voided"
        case .superseded: return "superseded"
        case .data: return "data"
        }
    }

    var chinese: String {
        switch self {
        case .recorded: return "记录时间"
        case .effective: return "生效日期"
        case .actor: return "记录人"
        case .authority: return "依据"
        case .change: return "变更"
        case .finding: return "发现"
        case .correctedBy: return "被更正，见序号"
        case .corrects: return "更正序号"
        case .voided: return "作废"
        case .superseded: return "被替代"
        case .data: return "数据"
        }
    }
}
