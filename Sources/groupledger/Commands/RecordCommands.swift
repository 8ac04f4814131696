import LedgerCore
import LedgerJournal

/// The commands that record the common changes with flags; each builds payloads and goes
/// through `EnvelopeOptions.record`, the same checked path as `append`.
protocol RecordCommand: Command {
    /// The payloads the command records, from its own options.
    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)]
    /// The options that name something already in the journal, and so may be given as a
    /// Chinese name, an alias or a 文号 instead of an id.
    static var namedOptions: [String: NamedOption] { get }
}

/// What a record command's option names.
enum NamedOption {
    /// One school, group, authority or document.
    case entity
    /// Several, comma-separated.
    case entities
    /// A jurisdiction (an id, an authority's name, a place).
    case jurisdiction
}

extension RecordCommand {
    static var namedOptions: [String: NamedOption] { [:] }

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        // One session: its state resolves the names and then checks the batch (one replay).
        let session = try LedgerSession(path: path, clock: try context.clock(spec: spec))
        let resolved = try resolvingNames(arguments, in: try session.state, path: path)
        let drafts = try EnvelopeOptions.drafts(try payloads(resolved), resolved, spec: spec)
        return try EnvelopeOptions.record(drafts, resolved, session: session, context: context, spec: spec)
    }

    /// The arguments with names replaced by ids; a value that names nothing is kept as given,
    /// for the domain check to refuse or accept as a new id, and an ambiguous one is refused.
    static func resolvingNames(_ arguments: ParsedArguments, in state: LedgerState, path: String) throws -> ParsedArguments {
        var resolved = arguments
        for (option, kind) in namedOptions.sorted(by: { $0.key < $1.key }) {
            guard let value = arguments.value(option) else { continue }
            switch kind {
            case .entity:
                resolved.replace(option, with: try EntityNames.lookup(value, in: state, path: path, field: option) ?? value)
            case .entities:
                let ids = try EnvelopeOptions.list(arguments, option).map { try EntityNames.lookup($0, in: state, path: path, field: option) ?? $0 }
                resolved.replace(option, with: ids.joined(separator: ","))
            case .jurisdiction:
                resolved.replace(option, with: (try? EntityNames.jurisdiction(value, in: state, path: path)) ?? value)
            }
        }
        return resolved
    }

    static func required(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> String {
        try EnvelopeOptions.required(arguments, name, spec: spec)
    }

    /// An amount option in fen, a whole number (money is never fractional here).
    static func fen(_ arguments: ParsedArguments, _ name: String) throws(UsageError) -> Int64 {
        guard let value = try arguments.integer(name, in: 1...JournalLimits.maxSeq, spec: spec) else {
            throw UsageError(message: "missing '\(name)' (a whole number of fen: 50万元 is 50000000)", spec: spec)
        }
        return value
    }

    static func object(_ members: [(String, String?)], integers: [(String, Int64?)] = [], lists: [(String, [String])] = []) -> JSONObject {
        var pairs: [(String, JSONValue)] = members.compactMap { key, value in value.map { (key, .string($0)) } }
        pairs += integers.compactMap { key, value in value.map { (key, .integer($0)) } }
        pairs += lists.filter { !$0.1.isEmpty }.map { key, values in (key, .array(values.map { .string($0) })) }
        return JSONObject(uniqueKeysWithValues: pairs)
    }
}

/// `groupledger form-group`: a group established with its lead and members, in one batch.
enum FormGroupCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["form-group"], summary: "Record a group established, with its lead and members joining, as one batch.",
        usage: "form-group --group ID --name NAME --jurisdiction ID --type TYPE [--status Pilot|Regular] --lead SCHOOL [--members S1,S2…] ENVELOPE",
        options: [
            .init(name: "--group", valueName: "ID", help: "The group's id."), .init(name: "--name", valueName: "NAME", help: "Its Chinese name."),
            .init(name: "--jurisdiction", valueName: "ID", help: "Its jurisdiction (zh, bs, xp, sy, zy …)."),
            .init(name: "--type", valueName: "TYPE", help: "Tight 紧密型, Alliance 联盟型, Mentoring 帮带型, CoConstruction 共建型, Integrated 一体化."),
            .init(name: "--status", valueName: "STATUS", help: "Pilot (default) or Regular."),
            .init(name: "--parent", valueName: "ID", help: "The parent group of a sub-group."),
            .init(name: "--lead", valueName: "SCHOOL", help: "The lead (core) school."),
            .init(name: "--members", valueName: "S1,S2", help: "Member schools, comma-separated."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "Membership ids are m-<group>-<school>.")

    static let namedOptions: [String: NamedOption] = ["--lead": .entity, "--members": .entities, "--parent": .entity, "--jurisdiction": .jurisdiction]

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        let group = try required(arguments, "--group")
        var events: [(type: String, data: JSONObject)] = [("GroupEstablished", object([
            ("groupId", group), ("nameZh", try required(arguments, "--name")), ("jurisdictionId", try required(arguments, "--jurisdiction")),
            ("type", try required(arguments, "--type")), ("status", arguments.value("--status") ?? "Pilot"), ("parentGroupId", arguments.value("--parent")),
        ]))]
        let lead = try required(arguments, "--lead")
        for (school, role) in [(lead, "Lead")] + EnvelopeOptions.list(arguments, "--members").map({ ($0, "Member") }) {
            events.append(("SchoolJoinedGroup", object([("membershipId", "m-\(group)-\(school)"), ("groupId", group), ("schoolId", school), ("role", role)])))
        }
        return events
    }
}

/// `groupledger join`: a school joins a group.
enum JoinCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["join"], summary: "Record a school (or a campus) joining a group.",
        usage: "join --group ID --school ID [--campus ID] [--member-role Lead|Member|SubGroupCore] [--membership ID] ENVELOPE",
        options: [
            .init(name: "--group", valueName: "ID", help: "The group."), .init(name: "--school", valueName: "ID", help: "The school."),
            .init(name: "--campus", valueName: "ID", help: "The campus, when a campus joins."),
            .init(name: "--member-role", valueName: "ROLE", help: "Lead, Member (default) or SubGroupCore."),
            .init(name: "--membership", valueName: "ID", help: "The membership id (default m-<group>-<school>)."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "")

    static let namedOptions: [String: NamedOption] = ["--group": .entity, "--school": .entity]

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        let group = try required(arguments, "--group")
        let school = try required(arguments, "--school")
        return [("SchoolJoinedGroup", object([
            ("membershipId", arguments.value("--membership") ?? "m-\(group)-\(school)"), ("groupId", group), ("schoolId", school),
            ("campusId", arguments.value("--campus")), ("role", arguments.value("--member-role") ?? "Member"),
            ("approvalId", arguments.value("--approval")),
        ]))]
    }
}

/// `groupledger exit`: a school leaves a group.
enum ExitCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["exit"], summary: "Record a school leaving a group, with the reason.",
        usage: "exit (--membership ID | --group ID --school ID) --reason REASON [--reason-zh TEXT] ENVELOPE",
        options: [
            .init(name: "--membership", valueName: "ID", help: "The membership that ends."),
            .init(name: "--group", valueName: "ID", help: "With --school: the membership m-<group>-<school>."),
            .init(name: "--school", valueName: "ID", help: "See --group."),
            .init(name: "--reason", valueName: "REASON", help: "GoalsAchieved, ConditionsChanged, StrategyAdjusted, PromotedToSubGroupCore, GroupDissolved, Other."),
            .init(name: "--reason-zh", valueName: "TEXT", help: "The reason in the document's words."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "")

    static let namedOptions: [String: NamedOption] = ["--group": .entity, "--school": .entity]

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        var membership = arguments.value("--membership")
        if membership == nil, let group = arguments.value("--group"), let school = arguments.value("--school") {
            membership = "m-\(group)-\(school)"
        }
        guard let membership else { throw UsageError(message: "give --membership, or --group and --school", spec: spec) }
        return [("SchoolExitedGroup", object([
            ("membershipId", membership), ("reason", try required(arguments, "--reason")), ("reasonZh", arguments.value("--reason-zh")),
            ("approvalId", arguments.value("--approval")),
        ]))]
    }
}

/// `groupledger second`: a secondment starts.
enum SecondCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["second"], summary: "Record a staff member's secondment starting (挂职, 交流轮岗, 支教, 跟岗学习 …).",
        usage: "second --secondment ID --staff ID --kind KIND --from SCHOOL (--to SCHOOL | --external-host NAME) --planned-end DATE [--group ID] [--retained A,B] ENVELOPE",
        options: [
            .init(name: "--secondment", valueName: "ID", help: "The secondment's id."), .init(name: "--staff", valueName: "ID", help: "The staff member (opaque id)."),
            .init(name: "--kind", valueName: "KIND", help: "Attachment 挂职, ExchangeRotation 交流轮岗, SupportTeaching 支教, ShadowLearning 跟岗学习 … (Journal/EVENTS.md)."),
            .init(name: "--from", valueName: "SCHOOL", help: "The home school."), .init(name: "--to", valueName: "SCHOOL", help: "The host school."),
            .init(name: "--external-host", valueName: "NAME", help: "A host outside the ledger's schools."),
            .init(name: "--planned-end", valueName: "DATE", help: "When it is planned to end."), .init(name: "--group", valueName: "ID", help: "The group it serves."),
            .init(name: "--retained", valueName: "A,B", help: "What stays with the home unit: Establishment, PersonnelRelations, Payroll, Benefits, IdentityStatus, TitleReview."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "")

    static let namedOptions: [String: NamedOption] = ["--from": .entity, "--to": .entity, "--group": .entity]

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        [("SecondmentStarted", object([
            ("secondmentId", try required(arguments, "--secondment")), ("staffId", try required(arguments, "--staff")),
            ("kind", try required(arguments, "--kind")), ("fromSchoolId", try required(arguments, "--from")), ("toSchoolId", arguments.value("--to")),
            ("toExternalHostZh", arguments.value("--external-host")), ("groupId", arguments.value("--group")),
            ("plannedEnd", try required(arguments, "--planned-end")),
        ], lists: [("retainedAtHome", EnvelopeOptions.list(arguments, "--retained"))]))]
    }
}

/// `groupledger end-secondment`: a secondment ends (or is extended).
enum EndSecondmentCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["end-secondment"], summary: "Record a secondment ending: returned, recalled, extended or refused.",
        usage: "end-secondment --secondment ID --outcome Returned|Recalled|Extended|Refused [--new-planned-end DATE] ENVELOPE",
        options: [
            .init(name: "--secondment", valueName: "ID", help: "The secondment."), .init(name: "--outcome", valueName: "OUTCOME", help: "Returned, Recalled, Extended or Refused."),
            .init(name: "--new-planned-end", valueName: "DATE", help: "For Extended: the new planned end."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "")

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        [("SecondmentEnded", object([
            ("secondmentId", try required(arguments, "--secondment")), ("outcome", try required(arguments, "--outcome")),
            ("newPlannedEnd", arguments.value("--new-planned-end")),
        ]))]
    }
}

/// `groupledger allocate`: money allocated to a school.
enum AllocateCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["allocate"], summary: "Record funds allocated from an authority to a school (for a group's unified use where given).",
        usage: "allocate --allocation ID --fiscal-year YYYY --from AUTHORITY --to SCHOOL [--campus ID] [--group ID] --purpose PURPOSE --amount-fen N [--document-id ID] ENVELOPE",
        options: [
            .init(name: "--allocation", valueName: "ID", help: "The allocation's id."), .init(name: "--fiscal-year", valueName: "YYYY", help: "The fiscal year."),
            .init(name: "--from", valueName: "AUTHORITY", help: "The authority paying."), .init(name: "--to", valueName: "SCHOOL", help: "The school receiving (never a group)."),
            .init(name: "--campus", valueName: "ID", help: "The campus it is for."), .init(name: "--group", valueName: "ID", help: "The group whose unified use it is for (统一调配使用)."),
            .init(name: "--purpose", valueName: "PURPOSE", help: "ExchangeTraining, GroupDevelopment, NewSchoolOperatingSubsidy … (Journal/EVENTS.md)."),
            .init(name: "--amount-fen", valueName: "N", help: "The amount in fen (50万元 = 50000000)."),
            .init(name: "--document-id", valueName: "ID", help: "The registered document it follows."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "")

    static let namedOptions: [String: NamedOption] = ["--from": .entity, "--to": .entity, "--group": .entity]

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        guard let year = try arguments.integer("--fiscal-year", in: 1900...2100, spec: spec) else { throw UsageError(message: "missing '--fiscal-year'", spec: spec) }
        return [("FundAllocated", object([
            ("allocationId", try required(arguments, "--allocation")), ("fromAuthorityId", try required(arguments, "--from")),
            ("toSchoolId", try required(arguments, "--to")), ("toCampusId", arguments.value("--campus")), ("groupId", arguments.value("--group")),
            ("purpose", try required(arguments, "--purpose")), ("documentId", arguments.value("--document-id")),
        ], integers: [("fiscalYear", year), ("amountFen", try fen(arguments, "--amount-fen"))]))]
    }
}

/// `groupledger earmark`: part of an allocation set aside.
enum EarmarkCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["earmark"], summary: "Record part of an allocation earmarked for a purpose (e.g. the 40% new-school reserve).",
        usage: "earmark --earmark ID --allocation ID --amount-fen N --purpose PURPOSE [--beneficiary-school ID] [--beneficiary-campus ID] ENVELOPE",
        options: [
            .init(name: "--earmark", valueName: "ID", help: "The earmark's id."), .init(name: "--allocation", valueName: "ID", help: "The allocation it comes from."),
            .init(name: "--amount-fen", valueName: "N", help: "The amount in fen."), .init(name: "--purpose", valueName: "PURPOSE", help: "What it is for."),
            .init(name: "--beneficiary-school", valueName: "ID", help: "The school it is for."), .init(name: "--beneficiary-campus", valueName: "ID", help: "The campus it is for."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "")

    static let namedOptions: [String: NamedOption] = ["--beneficiary-school": .entity]

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        [("FundEarmarked", object([
            ("earmarkId", try required(arguments, "--earmark")), ("allocationId", try required(arguments, "--allocation")),
            ("purpose", try required(arguments, "--purpose")), ("beneficiarySchoolId", arguments.value("--beneficiary-school")),
            ("beneficiaryCampusId", arguments.value("--beneficiary-campus")),
        ], integers: [("amountFen", try fen(arguments, "--amount-fen"))]))]
    }
}

/// `groupledger spend`: an expenditure.
enum SpendCommand: RecordCommand {
    static let spec = CommandSpec(
        path: ["spend"], summary: "Record an expenditure and the allocation or earmark that funds it.",
        usage: "spend --expenditure ID --payer SCHOOL --category CATEGORY --amount-fen N [--allocation ID | --earmark ID] [--payee-school ID | --payee NAME] ENVELOPE",
        options: [
            .init(name: "--expenditure", valueName: "ID", help: "The expenditure's id."), .init(name: "--payer", valueName: "SCHOOL", help: "The school paying."),
            .init(name: "--category", valueName: "CATEGORY", help: "ExchangeTraining, ExpertLectureFee, GroupActivity … (Journal/EVENTS.md)."),
            .init(name: "--amount-fen", valueName: "N", help: "The amount in fen."), .init(name: "--allocation", valueName: "ID", help: "The allocation it is paid from."),
            .init(name: "--earmark", valueName: "ID", help: "The earmark it is paid from."), .init(name: "--payee-school", valueName: "ID", help: "A school paid."),
            .init(name: "--payee", valueName: "NAME", help: "A payee outside the ledger, by name."),
        ] + EnvelopeOptions.options,
        maxPositionals: 0, discussion: "Without --allocation or --earmark the school pays from its own budget.")

    static let namedOptions: [String: NamedOption] = ["--payer": .entity, "--payee-school": .entity]

    static func payloads(_ arguments: ParsedArguments) throws -> [(type: String, data: JSONObject)] {
        [("ExpenditureRecorded", object([
            ("expenditureId", try required(arguments, "--expenditure")), ("payerSchoolId", try required(arguments, "--payer")),
            ("category", try required(arguments, "--category")), ("allocationId", arguments.value("--allocation")),
            ("earmarkId", arguments.value("--earmark")), ("payeeSchoolId", arguments.value("--payee-school")), ("payeeZh", arguments.value("--payee")),
        ], integers: [("amountFen", try fen(arguments, "--amount-fen"))]))]
    }
}
