import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger report annual`: the year's summary per jurisdiction and group, with a
/// compliance matrix, in CSV, JSON, Markdown or HTML.
enum ReportAnnualCommand: Command {
    static let spec = CommandSpec(
        path: ["report", "annual"],
        summary: "Write the annual summary: per group members, joins and exits, secondments, rotation, funds and a compliance matrix; per jurisdiction groups, coverage and plan.",
        usage: "report annual --year YYYY [--basis calendar|school-year] [--jurisdiction ID|NAME] [--group ID|NAME] --format csv|json|md|html [--out PATH] [--no-bom] [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH]",
        options: [
            .init(name: "--year", valueName: "YYYY", help: "The calendar year, or the year the school year starts in."),
            .init(name: "--basis", valueName: "calendar|school-year", help: "Count the year from 1 January (default) or from 1 September."),
            .init(name: "--jurisdiction", valueName: "ID|NAME", help: "Only this jurisdiction (an id, an authority's name, or a place such as 湛河区)."),
            .init(name: "--group", valueName: "ID|NAME", help: "Only this group (an id or its Chinese name)."),
            .init(name: "--format", valueName: "csv|json|md|html", help: "The output format (required)."),
            .init(name: "--out", valueName: "PATH", help: "Write to this file (refused if it is the journal or beside it under the journal's name); default stdout."),
            .init(name: "--no-bom", valueName: nil, help: "CSV without the UTF-8 byte order mark (Excel and WPS need it to read Chinese; scripts may not)."),
            CommonOptions.language, CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal,
        ],
        maxPositionals: 0,
        discussion: """
        Every figure lists the seqs of the events it rests on (`groupledger explain` and
        `groupledger history` give them in full), and the report states the journal digest it was
        computed from, so a printed report can be checked later with `groupledger verify --digest`.
        Money is computed in integer fen and printed in yuan with two decimals (and 万元).
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        guard let year = try arguments.integer("--year", in: 1900...2100, spec: spec) else { throw UsageError(message: "missing '--year YYYY'", spec: spec) }
        let basis = ReportPeriod.Basis(rawValue: try arguments.choice("--basis", among: ReportPeriod.Basis.allCases.map(\.rawValue), default: "calendar",
                                                                      spec: spec)) ?? .calendar
        guard arguments.value("--format") != nil else { throw UsageError(message: "missing '--format csv|json|md|html'", spec: spec) }
        let format = try arguments.choice("--format", among: ["csv", "json", "md", "html"], default: "csv", spec: spec)
        let language = try arguments.language(spec: spec)
        let period = ReportPeriod(year: Int(year), basis: basis)
        let outPath = arguments.value("--out")
        if let outPath { try OutputFile.refuseJournal(outPath, journalPath: path) }
        let read = try JournalReading.annualInputs(path: path, startDay: period.startDay, endDay: period.endDay, schoolYear: Int(year))
        let verified = read.verification
        if let problem = JournalReading.error(for: verified.tail, path: path), problem.code != .tornTail { throw problem }
        let jurisdiction = try arguments.value("--jurisdiction").map { try EntityNames.jurisdiction($0, in: read.state, path: path) }
        let group = try arguments.value("--group").map { try EntityNames.resolve($0, in: read.state, path: path) }
        if let group, read.state.groups[group] == nil {
            throw JournalError(.outOfRange, path: path, field: "--group", message: "\"\(group)\" is not a group")
        }
        let inputs = AnnualReport.Inputs(state: read.state, onAppendFindings: read.onAppendFindings, periodicFindings: read.periodicFindings,
                                         authorities: read.authorities, adjustments: read.adjustments)
        let report = AnnualReport.build(inputs, period: period, digest: .init(size: verified.digest.size, rootHex: verified.digest.root.hex),
                                        jurisdictionId: jurisdiction, groupId: group)
        let text: String
        switch format {
        case "json": text = String(decoding: CanonicalJSON.encode(report.json), as: UTF8.self) + "\n"
        case "md": text = report.markdown(language)
        case "html": text = report.html(language)
        default: text = report.csv(language, byteOrderMark: !arguments.flag("--no-bom"))
        }
        if let outPath {
            try OutputFile.write(Array(text.utf8), to: outPath)
            context.console.error("wrote \(outPath) (\(report.jurisdictions.count) jurisdiction(s), \(report.jurisdictions.map(\.groups.count).reduce(0, +)) group(s), digest \(verified.digest))\n")
        } else {
            context.console.out(text)
        }
        return .success
    }
}
