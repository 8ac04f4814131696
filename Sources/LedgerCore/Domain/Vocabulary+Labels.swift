/// The Chinese words the documents print for vocabulary values, for outputs.
extension GroupType {
    /// 紧密型, 联盟型, 帮带型, 共建型 or 一体化.
    public var labelZh: String {
        switch self {
        case .tight: return "紧密型"
        case .alliance: return "联盟型"
        case .mentoring: return "帮带型"
        case .coConstruction: return "共建型"
        case .integrated: return "一体化"
        }
    }
}
