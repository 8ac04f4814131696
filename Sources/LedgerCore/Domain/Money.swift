/// Money shown in yuan with two decimals, computed from integer fen.
public enum Money {
    /// `500000.00元` for 50000000 fen (negative amounts keep their sign).
    public static func yuan(_ fen: Int64) -> String { decimalYuan(fen) + "元" }

    /// `500000.00`: yuan with two decimals and no unit, from fen without floating point.
    public static func decimalYuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
