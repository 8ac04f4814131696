/// The closed vocabularies of the payloads (Journal/EVENTS.md § Enumerations). Raw values are
/// what the journal stores; case names are the same words in lowerCamelCase.

/// A vocabulary of the payloads: stored as its raw value.
public protocol Vocabulary: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension Vocabulary {
    /// The word whose raw value is the UTF-8 `bytes`, or nil: `init(rawValue:)` without first
    /// building a String from them (a replay reads a word or more from every payload, and a
    /// word over 15 bytes, as most are, is a heap allocation as a String).
    init?(utf8 bytes: UnsafeRawBufferPointer) {
        for word in Self.allCases {
            var name = word.rawValue
            let matches = name.withUTF8 { nameBytes in
                nameBytes.count == bytes.count
                    && (nameBytes.isEmpty || ShortByteComparison.equal(nameBytes.baseAddress!, bytes.baseAddress!, count: nameBytes.count))
            }
            if matches {
                self = word
                return
            }
        }
        return nil
    }
}

/// The kind of body an authority is.
public enum AuthorityKind: String, Vocabulary {
    case educationBureau = "EducationBureau"
    case government = "Government"
    case partyCommittee = "PartyCommittee"
    case partyLeadershipGroup = "PartyLeadershipGroup"
    case leadingGroup = "LeadingGroup"
    case leadingGroupOffice = "LeadingGroupOffice"
    case taskForce = "TaskForce"
    case financeBureau = "FinanceBureau"
    case hrssBureau = "HRSSBureau"
    case orgDepartment = "OrgDepartment"
    case staffingOffice = "StaffingOffice"
    case inspectionOffice = "InspectionOffice"
    case bureauSection = "BureauSection"
    case other = "Other"
}

/// The administrative level of an authority.
public enum AuthorityLevel: String, Vocabulary {
    case province = "Province"
    case city = "City"
    case county = "County"
    case district = "District"
}

/// What kind of document a policy document is.
public enum DocumentKind: String, Vocabulary {
    case notice = "Notice"
    case implementationPlan = "ImplementationPlan"
    case implementationMeasures = "ImplementationMeasures"
    case workPlan = "WorkPlan"
    case opinions = "Opinions"
    case agreement = "Agreement"
    case other = "Other"
}

/// The stage a school teaches.
public enum SchoolStage: String, Vocabulary {
    case primary = "Primary"
    case juniorMiddle = "JuniorMiddle"
    case seniorHigh = "SeniorHigh"
    case nineYear = "NineYear"
    case complete = "Complete"
    case unknown = "Unknown"
}

/// A group's type: 紧密型 Tight, 联盟型 Alliance, 帮带型 Mentoring, 共建型 CoConstruction, 一体化 Integrated.
public enum GroupType: String, Vocabulary {
    case tight = "Tight"
    case alliance = "Alliance"
    case mentoring = "Mentoring"
    case coConstruction = "CoConstruction"
    case integrated = "Integrated"
}

/// A group's status; `Proposed` until it is established.
public enum GroupStatus: String, Vocabulary {
    case proposed = "Proposed"
    case pilot = "Pilot"
    case regular = "Regular"
    case suspended = "Suspended"
    case dissolved = "Dissolved"
    case withdrawn = "Withdrawn"
}

/// A school's role in a group: Lead (核心校/牵头校), Member (成员校), SubGroupCore.
public enum MemberRole: String, Vocabulary {
    case lead = "Lead"
    case member = "Member"
    case subGroupCore = "SubGroupCore"
}

/// Why a school left a group.
public enum ExitReason: String, Vocabulary {
    case goalsAchieved = "GoalsAchieved"
    case conditionsChanged = "ConditionsChanged"
    case strategyAdjusted = "StrategyAdjusted"
    case promotedToSubGroupCore = "PromotedToSubGroupCore"
    case groupDissolved = "GroupDissolved"
    case other = "Other"
}

/// What an approval is asked for.
public enum ApprovalAction: String, Vocabulary {
    case formGroup = "FormGroup"
    case admitMember = "AdmitMember"
    case exitMember = "ExitMember"
    case formSubGroup = "FormSubGroup"
    case exceedGroupSize = "ExceedGroupSize"
    case appointFirstBranchSecretary = "AppointFirstBranchSecretary"
    case policyException = "PolicyException"
    case other = "Other"
}

/// How an approval was decided; Filed is 备案.
public enum ApprovalDecision: String, Vocabulary {
    case granted = "Granted"
    case denied = "Denied"
    case conditional = "Conditional"
    case filed = "Filed"
}

/// A staff member's post at the home school.
public enum StaffPost: String, Vocabulary {
    case teacher = "Teacher"
    case middleManager = "MiddleManager"
    case principal = "Principal"
    case vicePrincipal = "VicePrincipal"
    case partySecretary = "PartySecretary"
    case deputySecretary = "DeputySecretary"
    case other = "Other"
}

/// A teacher's credential: 骨干教师 BackboneTeacher, 教坛新星 RisingStarTeacher, 学科带头人 SubjectLeader, 特级教师 SpecialGradeTeacher, 名师 RenownedTeacher, 后备干部 ReserveCadre.
public enum Credential: String, Vocabulary {
    case backboneTeacher = "BackboneTeacher"
    case risingStarTeacher = "RisingStarTeacher"
    case subjectLeader = "SubjectLeader"
    case specialGradeTeacher = "SpecialGradeTeacher"
    case renownedTeacher = "RenownedTeacher"
    case reserveCadre = "ReserveCadre"
    case other = "Other"
}

/// The level that granted a credential.
public enum CredentialLevel: String, Vocabulary {
    case school = "School"
    case district = "District"
    case county = "County"
    case city = "City"
    case province = "Province"
}

/// A kind of staff movement: 挂职 Attachment, 校际交流 InterSchoolExchange, 交流轮岗 ExchangeRotation, 支教 SupportTeaching, 跟岗学习 ShadowLearning, 跟岗锻炼 ShadowTraining, 任职锻炼 PostTraining, 管理团队选派 ManagementDispatch, 第一支部书记 FirstBranchSecretary, 名誉校长 HonoraryPrincipal, 执行校长 ExecutivePrincipal, 师资互派 MutualDispatch.
public enum SecondmentKind: String, Vocabulary {
    case attachment = "Attachment"
    case interSchoolExchange = "InterSchoolExchange"
    case exchangeRotation = "ExchangeRotation"
    case supportTeaching = "SupportTeaching"
    case shadowLearning = "ShadowLearning"
    case shadowTraining = "ShadowTraining"
    case postTraining = "PostTraining"
    case managementDispatch = "ManagementDispatch"
    case firstBranchSecretary = "FirstBranchSecretary"
    case honoraryPrincipal = "HonoraryPrincipal"
    case executivePrincipal = "ExecutivePrincipal"
    case mutualDispatch = "MutualDispatch"
    case other = "Other"
}

/// What stays with the home unit during a secondment: 编制, 人事关系, 工资关系, 福利待遇, 身份性质, 职称评审.
public enum RetainedAtHome: String, Vocabulary {
    case establishment = "Establishment"
    case personnelRelations = "PersonnelRelations"
    case payroll = "Payroll"
    case benefits = "Benefits"
    case identityStatus = "IdentityStatus"
    case titleReview = "TitleReview"
}

/// How a secondment ended.
public enum SecondmentOutcome: String, Vocabulary {
    case returned = "Returned"
    case recalled = "Recalled"
    case extended = "Extended"
    case refused = "Refused"
}

/// What money is for; also an expenditure's category.
public enum FundPurpose: String, Vocabulary {
    case exchangeTraining = "ExchangeTraining"
    case groupDevelopment = "GroupDevelopment"
    case cultureBuilding = "CultureBuilding"
    case curriculumDevelopment = "CurriculumDevelopment"
    case backboneMobility = "BackboneMobility"
    case research = "Research"
    case siteSharing = "SiteSharing"
    case qualityEvaluation = "QualityEvaluation"
    case teamBuilding = "TeamBuilding"
    case newSchoolOperatingSubsidy = "NewSchoolOperatingSubsidy"
    case expertLectureFee = "ExpertLectureFee"
    case groupActivity = "GroupActivity"
    case routine = "Routine"
    case award = "Award"
    case other = "Other"
}

/// A governance role in a group: 理事长 CouncilChair, 副理事长 CouncilViceChair, 理事 CouncilMember, 秘书长 CouncilSecretaryGeneral, 集团校长 GroupPrincipal, 分校校长 BranchPrincipal, 视导员 InspectorAdviser.
public enum GroupRole: String, Vocabulary {
    case councilChair = "CouncilChair"
    case councilViceChair = "CouncilViceChair"
    case councilMember = "CouncilMember"
    case councilSecretaryGeneral = "CouncilSecretaryGeneral"
    case groupPrincipal = "GroupPrincipal"
    case groupVicePrincipal = "GroupVicePrincipal"
    case branchPrincipal = "BranchPrincipal"
    case inspectorAdviser = "InspectorAdviser"
    case other = "Other"
}

/// A kind of group activity: 工作例会, 联席会议, 会商, 校长办公会, 集团培训, 课堂交流展示, 名师送教, 跟班听课, 集团内评价, 教学常规视导, 学校管理研讨, 联合教学质量检测分析, 讲座.
public enum ActivityKind: String, Vocabulary {
    case workMeeting = "WorkMeeting"
    case jointMeeting = "JointMeeting"
    case preYearConsultation = "PreYearConsultation"
    case principalOfficeMeeting = "PrincipalOfficeMeeting"
    case groupTraining = "GroupTraining"
    case subjectTraining = "SubjectTraining"
    case classroomShowcase = "ClassroomShowcase"
    case famousTeacherOutreach = "FamousTeacherOutreach"
    case classObservationDay = "ClassObservationDay"
    case internalEvaluation = "InternalEvaluation"
    case teachingRoutineInspection = "TeachingRoutineInspection"
    case managementSeminar = "ManagementSeminar"
    case jointQualityAnalysis = "JointQualityAnalysis"
    case expertLecture = "ExpertLecture"
    case other = "Other"
}

/// The outcome of a group assessment.
public enum AssessmentOutcome: String, Vocabulary {
    case excellent = "Excellent"
    case good = "Good"
    case pass = "Pass"
    case fail = "Fail"
    case other = "Other"
}

/// How a correction treats its target: voided, or superseded by a replacement.
public enum CorrectionMode: String, Vocabulary {
    case void = "Void"
    case supersede = "Supersede"
}
