import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger state`: every group and school as of an effective date, as the ledger knew it.
enum StateCommand: Command {
    static let spec = CommandSpec(
        path: ["state"],
        summary: "Show every group (proposed ones too) and every school with its memberships, as of a date.",
        usage: "state [--as-of DATE] [--known-at SEQ|TIME] [--group ID | --school ID] [--jurisdiction ID|NAME] [--view V1,V2] [--facts all|documented|synthetic] [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--as-of", valueName: "DATE", help: "Effective date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day). Default: everything recorded."),
            .init(name: "--known-at", valueName: "SEQ|TIME", help: "What the ledger knew: up to a seq, or up to a recorded UTC time (YYYY-MM-DDTHH:MM:SSZ)."),
            .init(name: "--group", valueName: "ID|NAME", help: "Only this group (an id or its Chinese name)."),
            .init(name: "--school", valueName: "ID|NAME", help: "Only this school (an id, its Chinese name or an alias)."),
            .init(name: "--jurisdiction", valueName: "ID|NAME", help: "Only this jurisdiction's groups: an id (zh, bs, xp, sy, zy …), an authority's name, or a place (湛河区)."),
            .init(name: "--view", valueName: "V1,V2", help: "What to show: groups, schools (the default), secondments, funds, approvals."),
            .init(name: "--facts", valueName: "all|documented|synthetic", help: "Documented facts, synthetic ones (made up for demonstration), or all (default)."),
            CommonOptions.language,
            CommonOptions.noCheckpoint, CommonOptions.readOnly,
            CommonOptions.journal,
            CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: """
        The two time axes are independent: --as-of picks the date facts take effect (valid
        time), --known-at picks how much of the journal is read (transaction time), so a
        backdated entry or a correction shows on one axis and not the other.
        """
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let json = try arguments.wantsJSON(spec: spec)
        let language = try arguments.language(spec: spec)
        var asOf: PartialDate?
        if let text = arguments.value("--as-of") {
            do {
                asOf = try PartialDate(parsing: text)
            } catch {
                throw UsageError(message: "the value '\(text)' is invalid for '--as-of': \(error.message)", spec: spec)
            }
        }
        let day = asOf?.firstDayNumber
        let knownAt = try parseKnownAt(arguments.value("--known-at"))
        let facts = LedgerState.FactFilter(rawValue: try arguments.choice("--facts", among: LedgerState.FactFilter.allCases.map(\.rawValue),
                                                                          default: "all", spec: spec)) ?? .all
        let chosen = EnvelopeOptions.list(arguments, "--view")
        for view in chosen where !["groups", "schools", "secondments", "funds", "approvals"].contains(view) {
            throw UsageError(message: "the value '\(view)' is invalid for '--view': expected groups, schools, secondments, funds or approvals", spec: spec)
        }
        let shown = Set(chosen.isEmpty ? ["groups", "schools"] : chosen)
        // The groups and schools views of the latest record read only the roster, which a valid
        // checkpoint holds; anything else folds the journal.
        // (Without history views, a fold keeps no history: see `LedgerState.Retention`.)
        let rosterOnly = shown.isSubset(of: ["groups", "schools"])
        let state: LedgerState
        if case .latest = knownAt, rosterOnly {
            state = try JournalReading.rosterState(path: path, policy: arguments.checkpointPolicy).state
        } else {
            state = try JournalReading.state(path: path, knownAt: knownAt, retention: rosterOnly ? .live : .full)
        }
        let jurisdiction = try arguments.value("--jurisdiction").map { try EntityNames.jurisdiction($0, in: state, path: path) }
        var views = state.groups(onDay: day, jurisdictionId: jurisdiction, facts: facts)
        // Ids, Chinese names, aliases and 文号 are all accepted; an ambiguous name is refused with its ids.
        if let group = try arguments.value("--group").map({ try EntityNames.resolve($0, in: state, path: path) }) {
            views = views.filter { $0.group.groupId == group }
            if views.isEmpty { throw JournalError(.outOfRange, path: path, field: "--group", message: "no group \"\(group)\" as of \(Language.en.asOf(asOf))") }
        }
        let school = try arguments.value("--school").map { try EntityNames.resolve($0, in: state, path: path) }
        if let school, state.schools[school] == nil {
            throw JournalError(.outOfRange, path: path, field: "--school", message: "no school \"\(school)\" is registered")
        }
        if json {
            StateJSON.encode(views: school == nil ? views : [], state: state, day: day, onlySchool: school, jurisdictionId: jurisdiction) {
                context.console.out(bytes: $0)
            }
        } else {
            let register = try? PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: path))
            var sections: [String] = []
            if shown.contains("groups") && school == nil { sections.append(StateText.groups(views, state: state, asOf: asOf, language: language)) }
            if shown.contains("schools") && arguments.value("--group") == nil {
                sections.append(StateText.schools(state, day: day, asOf: asOf, language: language, only: school, jurisdictionId: jurisdiction))
            }
            if shown.contains("secondments") {
                sections.append(StateText.secondments(state, day: day, asOf: asOf, language: language, facts: facts) { register?.name(of: $0) })
            }
            if shown.contains("funds") { sections.append(StateText.funds(state, language: language, facts: facts)) }
            if shown.contains("approvals") { sections.append(StateText.approvals(state, language: language, facts: facts)) }
            context.console.out(sections.joined(separator: "\n"))
        }
        KeptUntilExit.keep(state)
        return .success
    }

    private static func parseKnownAt(_ text: String?) throws(UsageError) -> KnownAt {
        guard let text else { return .latest }
        if let seq = Int64(text), seq >= 0 { return .seq(seq) }
        do {
            return .recorded(try UTCTimestamp(parsing: text))
        } catch {
            throw UsageError(message: "the value '\(text)' is invalid for '--known-at': expected a seq or a UTC time YYYY-MM-DDTHH:MM:SSZ", spec: spec)
        }
    }
}
