import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger history`: every event that touched an entity, in order.
enum HistoryCommand: Command {
    static let spec = CommandSpec(
        path: ["history"],
        summary: "Every event that touched a school, group, staff id, allocation, approval or document, with corrections beside what they correct.",
        usage: "history ENTITY [--lang zh|en] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--lang", valueName: "zh|en", help: "Labels and dates of text output (default zh)."),
            CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 1,
        discussion: """
        ENTITY is an id, or a Chinese name or alias (of a school, group or authority), or a 文号;
        an ambiguous name is refused with the ids it could mean.
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let query = arguments.positionals.first else { throw UsageError(message: "missing ENTITY (an id, a name or a 文号)", spec: spec) }
        let path = context.journalPath(arguments)
        let language = Language(rawValue: try arguments.choice("--lang", among: ["zh", "en"], default: "zh", spec: spec)) ?? .zh
        let json = try arguments.wantsJSON(spec: spec)
        // The folded state is needed only to resolve the name; it is released before the walk,
        // which folds its own, so a large journal costs one state in memory, not two.
        let (id, documentNumber) = try { () throws -> (String, String?) in
            let state = try JournalReading.state(path: path)
            let id = try EntityNames.resolve(query, in: state, path: path)
            return (id, state.documents[id]?.payload.docNumber?.normalized)
        }()
        let register = try? PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: path))
        var touchingSeqs: Set<Int64> = []
        var output = StreamingOutput(context.console)
        try AuditWalk.walk(path: path) { entry in
            let corrects: Int64? = if case .entryCorrected(let correction) = entry.record.event { correction.targetSeq } else { nil }
            guard EntityNames.touches(entry.record, id: id, documentNumber: documentNumber) || corrects.map(touchingSeqs.contains) == true else { return }
            touchingSeqs.insert(entry.record.seq)
            if json {
                output.write(String(decoding: CanonicalJSON.encode(entry.json), as: UTF8.self) + "\n")
            } else {
                output.write((output.isEmpty ? "" : "\n") + entry.text(language) { register?.name(of: $0) })
            }
        }
        if output.isEmpty { output.write("no events touch \(id)\n") }
        output.flush()
        return .success
    }
}

/// Finding an entity by id, name, alias or 文号, and the events that mention it.
enum EntityNames {
    /// The id `query` names: itself if it is an id in the state, else the one school, group,
    /// authority or document whose name, alias or 文号 it is.
    static func resolve(_ query: String, in state: LedgerState, path: String) throws -> String {
        let known = state.schools[query] != nil || state.groups[query] != nil || state.authorities[query] != nil || state.documents[query] != nil
            || state.staff[query] != nil || state.allocations[query] != nil || state.approvals[query] != nil || state.memberships[query] != nil
            || state.secondments[query] != nil || state.earmarks[query] != nil
        if known { return query }
        let text = TextNormalization.nfc(query)
        var matches: [(id: String, what: String)] = []
        for school in state.schools.values where school.payload.nameZh == text || school.payload.aliasesZh.contains(text)
            || school.renames.contains(where: { $0.payload == text }) {
            matches.append((school.payload.schoolId, "school"))
        }
        for group in state.groups.values where group.nameZh == text { matches.append((group.groupId, "group")) }
        for authority in state.authorities.values where authority.payload.nameZh == text || authority.payload.aliasesZh.contains(text) {
            matches.append((authority.payload.authorityId, "authority"))
        }
        if let number = try? DocumentNumber(parsing: text, field: "ENTITY"), let document = state.documentsByNumber[number.normalized] {
            matches.append((document, "document"))
        }
        guard !matches.isEmpty else {
            throw JournalError(.outOfRange, path: path, message: "nothing is registered as \"\(query)\" (not an id, name, alias or 文号)")
        }
        guard matches.count == 1 else {
            let list = matches.sorted { $0.id < $1.id }.map { "\($0.id) (\($0.what))" }.joined(separator: ", ")
            throw JournalError(.outOfRange, path: path, message: "\"\(query)\" is ambiguous: it names \(list); give one of the ids")
        }
        return matches[0].id
    }

    /// Whether `record` mentions `id` in its payload or its authority (a document by id or 文号).
    /// Whether the event names `id` anywhere in its payload, or rests on it as its document
    /// (by id or by `documentNumber`, the 文号 of the document `id`) or approval.
    static func touches(_ record: DomainEventRecord, id: String, documentNumber: String?) -> Bool {
        if let document = record.authority?.document {
            if document == id || (documentNumber != nil && documentNumber == document) { return true }
        }
        if record.authority?.approval == id { return true }
        return mentions(.object(record.event.payload.jsonObject), id)
    }

    private static func mentions(_ value: JSONValue, _ id: String) -> Bool {
        switch value {
        case .string(let text): return text == id
        case .array(let items): return items.contains { mentions($0, id) }
        case .object(let object): return object.contains { mentions($0.value, id) }
        default: return false
        }
    }
}
