public import LedgerCore

/// Vocabulary values in text output: the documents' Chinese words in `zh`, the stored codes in
/// `en` (so English text and `--format json` name values the same way).
extension Language {
    /// A vocabulary value as this language shows it: `Member` → `成员` in zh.
    public func word<Value: Vocabulary>(_ value: Value) -> String {
        guard self == .zh else { return value.rawValue }
        return Self.chineseWords["\(Value.self).\(value.rawValue)"] ?? value.rawValue
    }

    /// A finding's verdict: `notMet` → `未达标` in zh.
    public func word(_ status: Finding.Status) -> String {
        guard self == .zh else { return status.rawValue }
        switch status {
        case .met: return "达标"
        case .notMet: return "未达标"
        case .insufficientData: return "数据不足"
        case .notApplicable: return "不适用"
        case .waived: return "已豁免"
        }
    }

    /// A rule's severity: `flag` → `提示核查` in zh.
    public func word(_ severity: Finding.Severity) -> String {
        guard self == .zh else { return severity.rawValue }
        switch severity {
        case .info: return "仅供参考"
        case .flag: return "提示核查"
        case .block: return "阻止"
        }
    }

    /// The documents' words, keyed by `Type.RawValue`; a value missing here shows its code.
    private static let chineseWords: [String: String] = [
        "GroupStatus.Proposed": "拟组建", "GroupStatus.Pilot": "试点", "GroupStatus.Regular": "常态运行",
        "GroupStatus.Suspended": "暂停", "GroupStatus.Dissolved": "撤销", "GroupStatus.Withdrawn": "撤回",
        "MemberRole.Lead": "牵头校", "MemberRole.Member": "成员校", "MemberRole.SubGroupCore": "子集团核心校",
        "ExitReason.GoalsAchieved": "目标达成", "ExitReason.ConditionsChanged": "条件变化", "ExitReason.StrategyAdjusted": "战略调整",
        "ExitReason.PromotedToSubGroupCore": "升为子集团核心校", "ExitReason.GroupDissolved": "集团撤销", "ExitReason.Other": "其他",
        "ApprovalDecision.Granted": "批准", "ApprovalDecision.Denied": "不予批准", "ApprovalDecision.Conditional": "附条件批准",
        "ApprovalDecision.Filed": "备案",
        "SecondmentKind.Attachment": "挂职", "SecondmentKind.InterSchoolExchange": "校际交流", "SecondmentKind.ExchangeRotation": "交流轮岗",
        "SecondmentKind.SupportTeaching": "支教", "SecondmentKind.ShadowLearning": "跟岗学习", "SecondmentKind.ShadowTraining": "跟岗锻炼",
        "SecondmentKind.PostTraining": "任职锻炼", "SecondmentKind.ManagementDispatch": "派驻管理团队",
        "SecondmentKind.FirstBranchSecretary": "第一支部书记", "SecondmentKind.HonoraryPrincipal": "名誉校长",
        "SecondmentKind.ExecutivePrincipal": "执行校长", "SecondmentKind.MutualDispatch": "互派管理干部", "SecondmentKind.Other": "其他",
        "SecondmentOutcome.Returned": "期满返回", "SecondmentOutcome.Recalled": "召回", "SecondmentOutcome.Extended": "延期",
        "SecondmentOutcome.Refused": "未到岗",
        "FundPurpose.ExchangeTraining": "交流培训", "FundPurpose.GroupDevelopment": "集团发展", "FundPurpose.CultureBuilding": "文化建设",
        "FundPurpose.CurriculumDevelopment": "课程建设", "FundPurpose.BackboneMobility": "骨干流动", "FundPurpose.Research": "教研科研",
        "FundPurpose.SiteSharing": "场地共享", "FundPurpose.QualityEvaluation": "质量评价", "FundPurpose.TeamBuilding": "队伍建设",
        "FundPurpose.NewSchoolOperatingSubsidy": "新校运转补助", "FundPurpose.ExpertLectureFee": "专家讲课费",
        "FundPurpose.GroupActivity": "集团活动", "FundPurpose.Routine": "日常运转", "FundPurpose.Award": "奖励", "FundPurpose.Other": "其他",
        "ApprovalAction.FormGroup": "组建集团", "ApprovalAction.AdmitMember": "吸纳成员校", "ApprovalAction.ExitMember": "成员校退出",
        "ApprovalAction.FormSubGroup": "组建子集团", "ApprovalAction.ExceedGroupSize": "超出规模上限",
        "ApprovalAction.AppointFirstBranchSecretary": "选派第一支部书记", "ApprovalAction.PolicyException": "政策例外",
        "ApprovalAction.Other": "其他",
    ]
}
