import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger seal`: closes a jurisdiction's year, recording the journal digest it was closed at.
enum SealCommand: Command {
    static let spec = CommandSpec(
        path: ["seal"],
        summary: "Close a jurisdiction's year: later events effective in it are refused unless they are explicit adjustments citing an authority.",
        usage: "seal --jurisdiction ID|NAME --year YYYY [--basis calendar|school-year] ENVELOPE",
        options: [
            .init(name: "--jurisdiction", valueName: "ID|NAME", help: "The jurisdiction whose year closes."),
            .init(name: "--year", valueName: "YYYY", help: "The calendar year, or the year the school year starts in."),
            .init(name: "--basis", valueName: "calendar|school-year", help: "How the year is counted (default calendar)."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0,
        discussion: """
        The seal records the digest (size and root) of the journal just before it; `groupledger
        verify --digest SIZE:ROOT` checks later that the journal still extends it. An event
        effective in the sealed year is then accepted only with "adjustmentZh" (the reason) in
        its data and an authority (--document or --approval), and `report annual` lists it as
        an adjustment.
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        guard let year = try arguments.integer("--year", in: 1900...2100, spec: spec) else { throw UsageError(message: "missing '--year YYYY'", spec: spec) }
        let basis = try arguments.choice("--basis", among: ReportPeriod.Basis.allCases.map(\.rawValue), default: "calendar", spec: spec)
        let query = try EnvelopeOptions.required(arguments, "--jurisdiction", spec: spec)
        let session = try LedgerSession(path: path, clock: try context.clock(spec: spec))
        let jurisdiction = try EntityNames.jurisdiction(query, in: try session.state, path: path)
        let verified = try JournalVerifier.verify(path: path)
        if let problem = JournalReading.error(for: verified.tail, path: path) { throw problem }
        var data = JSONObject()
        data["jurisdictionId"] = .string(jurisdiction)
        data["year"] = .integer(year)
        data["basis"] = .string(basis == "calendar" ? YearSealed.Basis.calendar.rawValue : YearSealed.Basis.schoolYear.rawValue)
        data["journalSize"] = .integer(verified.digest.size)
        data["journalRootHex"] = .string(verified.digest.root.hex)
        let drafts = try EnvelopeOptions.drafts([(type: YearSealed.eventType, data: data)], arguments, spec: spec)
        // The seal names the journal as it was verified: the domain refuses it if anything was
        // appended since (journalSize must be the seal's seq − 1).
        return try EnvelopeOptions.record(drafts, arguments, session: session, context: context, spec: spec)
    }
}
