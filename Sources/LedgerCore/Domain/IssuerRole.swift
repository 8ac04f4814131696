/// The roles that may append events (DOMAIN.md §5.1). Auditors and supervisors only read.
public enum IssuerRole: String, CaseIterable, Sendable, BitwiseCopyable {
    case ledgerAdmin = "LedgerAdmin"
    case bureauClerk = "BureauClerk"
    case bureauApprover = "BureauApprover"
    case leadingGroupOffice = "LeadingGroupOffice"
    case financeClerk = "FinanceClerk"
    case coreSchoolClerk = "CoreSchoolClerk"
    case memberSchoolClerk = "MemberSchoolClerk"
    case councilSecretary = "CouncilSecretary"
}
