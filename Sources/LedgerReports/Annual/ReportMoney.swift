import LedgerCore

/// Money as reports print it, computed from integer fen without floating point.
public enum ReportMoney {
    /// `500000.00` (yuan with two decimals, no unit), `-12.05` for a negative amount.
    public static func yuan(_ fen: Int64) -> String { Money.decimalYuan(fen) }

    /// `50.00万元` where the documents count in 万元, for amounts of at least 10,000 yuan
    /// (rounded half up to the nearest 100 yuan); nil below that.
    public static func wanYuan(_ fen: Int64) -> String? {
        guard fen.magnitude >= 1_000_000 else { return nil }
        let sign = fen < 0 ? "-" : ""
        let hundredths = (fen.magnitude + 5_000) / 10_000  // 万元 in hundredths: 1 = 100元
        let cents = hundredths % 100
        return "\(sign)\(hundredths / 100).\(cents < 10 ? "0" : "")\(cents)万元"
    }
}
