import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger history`: every event that touched an entity, in order.
enum HistoryCommand: Command {
    static let spec = CommandSpec(
        path: ["history"],
        summary: "Every event that touched a school, group, staff id, allocation, approval or document, with corrections beside what they correct.",
        usage: "history ENTITY [--lang zh|en] [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            CommonOptions.language,
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 1,
        discussion: """
        ENTITY is an id, or a Chinese name or alias (of a school, group or authority), or a 文号;
        an ambiguous name is refused with the ids it could mean.
        """)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        guard let query = arguments.positionals.first else { throw UsageError(message: "missing ENTITY (an id, a name or a 文号)", spec: spec) }
        let path = context.journalPath(arguments)
        let language = try arguments.language(spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        let register = try? PersonalDataRegister.load(path: PersonalDataRegister.path(forJournal: path))
        // Every name, alias and 文号 is a school's, group's, authority's or document's, and the
        // roster (from the checkpoint, with no replay) holds those and their ids. Any other
        // query that looks like an id may be a staff member's, an allocation's, an approval's …,
        // which only a full state knows: the walk folds one anyway, so its events are held
        // until that state confirms the id (a second full fold took a third of the time). A
        // valid checkpoint is read but none is written: a refused query leaves no file behind.
        let policy: StateCheckpoint.Policy = arguments.checkpointPolicy == .ignore ? .ignore : .readOnly
        let roster = try JournalReading.rosterState(path: path, policy: policy).state
        // Shows the events of an entity the roster names.
        func showResolved() throws -> ExitCode {
            let id = try EntityNames.resolve(query, in: roster, path: path)
            var output = StreamingOutput(context.console)
            try walk(path: path, id: id, documentNumber: roster.documents[id]?.payload.docNumber?.normalized,
                     language: language, json: json, register: register, into: &output)
            output.flush()
            return .success
        }
        if EntityNames.isRosterId(query, in: roster) || !PayloadReader.isIdentifier(query) { return try showResolved() }
        var held = StreamingOutput(context.console, holding: true)
        if let state = try walk(path: path, id: query, documentNumber: nil, language: language, json: json, register: register, into: &held),
           EntityNames.isKnownId(query, in: state) {
            held.flush()
            return .success
        }
        // Not an id: a name or alias that happens to look like one, or nothing.
        return try showResolved()
    }

    /// Writes every event that touches `id` (or corrects one that does) to `output`, and
    /// returns the state after the last event; what `output` still holds is left to the caller.
    @discardableResult
    private static func walk(path: String, id: String, documentNumber: String?, language: Language, json: Bool,
                             register: PersonalDataRegister?, into output: inout StreamingOutput) throws -> LedgerState? {
        var touchingSeqs: Set<Int64> = []
        let state = try AuditWalk.walk(path: path, including: { record in
            let corrects: Int64? = if case .entryCorrected(let correction) = record.event { correction.targetSeq } else { nil }
            guard EntityNames.touches(record, id: id, documentNumber: documentNumber) || corrects.map(touchingSeqs.contains) == true
            else { return false }
            touchingSeqs.insert(record.seq)
            return true
        }) { entry in
            if json {
                output.write(String(decoding: CanonicalJSON.encode(entry.json), as: UTF8.self) + "\n")
            } else {
                output.write((output.isEmpty ? "" : "\n") + entry.text(language) { register?.name(of: $0) })
            }
        }
        if output.isEmpty { output.write(language.choose("no events touch \(id)", "没有涉及 \(id) 的事件") + "\n") }
        return state
    }
}
