import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger funds trace`: allocation → earmarks → expenditures → beneficiaries.
enum FundsTraceCommand: Command {
    static let spec = CommandSpec(
        path: ["funds", "trace"],
        summary: "Trace money from an allocation through earmarks to expenditures, with balances and the authority of each step.",
        usage: "funds trace (--allocation ID | --group ID [--year YYYY]) [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--allocation", valueName: "ID", help: "One allocation."),
            .init(name: "--group", valueName: "ID|NAME", help: "Every allocation for a group's unified use (an id or its Chinese name)."),
            .init(name: "--year", valueName: "YYYY", help: "With --group: only that fiscal year."),
            CommonOptions.language, CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: "With --format json: one object per allocation (JSON lines), amounts in integer fen; the fields are listed in the README.")

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        guard arguments.value("--allocation") != nil || arguments.value("--group") != nil else {
            throw UsageError(message: "give --allocation ID, or --group ID with an optional --year", spec: spec)
        }
        let json = try arguments.wantsJSON(spec: spec)
        let language = try arguments.language(spec: spec)
        let year = try arguments.integer("--year", in: 1900...2100, spec: spec).map(Int.init)
        var authorities: [Int64: Authority] = [:]
        try JournalReading.replayDomain(path: path) { record in
            switch record.event {
            case .fundAllocated, .fundEarmarked, .expenditureRecorded:
                if let authority = record.authority { authorities[record.seq] = authority }
            default: break
            }
        }
        let state = try JournalReading.state(path: path)
        let group = try arguments.value("--group").map { try EntityNames.resolve($0, in: state, path: path) }
        let allocations = FundsTraceText.allocations(state, allocationId: arguments.value("--allocation"), groupId: group, year: year)
        if json {
            let values = FundsTraceJSON.values(allocations, state: state, authorities: authorities)
            context.console.out(values.map { String(decoding: CanonicalJSON.encode($0), as: UTF8.self) + "\n" }.joined())
            if values.isEmpty { context.console.error("no allocations match\n") }
        } else {
            context.console.out(FundsTraceText.text(allocations, state: state, authorities: authorities, language: language))
        }
        return allocations.isEmpty ? .failure : .success
    }
}
