import LedgerCore
import LedgerJournal

/// Finding an entity by id, name, alias or 文号, and the events that mention it.
enum EntityNames {
    /// The id `query` names: itself if it is an id in the state, else the one school, group,
    /// authority or document whose name, alias or 文号 it is.
    static func resolve(_ query: String, in state: LedgerState, path: String) throws -> String {
        guard let id = try lookup(query, in: state, path: path) else {
            throw JournalError(.outOfRange, path: path, message: "nothing is registered as \"\(query)\" (not an id, name, alias or 文号)")
        }
        return id
    }

    /// Like `resolve`, but nil when `query` names nothing (so a record command can pass an id
    /// that is new, or unknown, on to the domain check, which names the field it refuses).
    static func lookup(_ query: String, in state: LedgerState, path: String, field: String? = nil) throws -> String? {
        if isKnownId(query, in: state) { return query }
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
        guard matches.count <= 1 else {
            let list = matches.sorted { $0.id < $1.id }.map { "\($0.id) (\($0.what))" }.joined(separator: ", ")
            throw JournalError(.outOfRange, path: path, field: field, message: "\"\(query)\" is ambiguous: it names \(list); give one of the ids")
        }
        return matches.first?.id
    }

    /// Whether `query` is the id of an entity of `state` (of those `lookup` finds by id).
    static func isKnownId(_ query: String, in state: LedgerState) -> Bool {
        isRosterId(query, in: state) || state.staff[query] != nil || state.allocations[query] != nil || state.approvals[query] != nil
            || state.isSecondmentRecorded(query) || state.earmarks[query] != nil
    }

    /// Whether `query` is the id of a school, group, authority, document or membership: the
    /// entities a roster state (a checkpoint's) holds, with every name, alias and 文号.
    static func isRosterId(_ query: String, in state: LedgerState) -> Bool {
        state.schools[query] != nil || state.groups[query] != nil || state.authorities[query] != nil || state.documents[query] != nil
            || state.memberships[query] != nil
    }

    /// The jurisdiction `query` names: a jurisdiction id (`zh`), or an authority's name or alias
    /// (`湛河区教育体育局`), or a place its authorities' names contain (`湛河区`); refused, with the
    /// candidates, when it fits more than one.
    static func jurisdiction(_ query: String, in state: LedgerState, path: String) throws -> String {
        let known = Set(state.authorities.values.map(\.payload.jurisdictionId)).union(state.groups.values.map(\.jurisdictionId))
        if known.contains(query) { return query }
        let text = TextNormalization.nfc(query)
        let authorities = state.authorities.values.sorted { $0.payload.authorityId < $1.payload.authorityId }
        var candidates = authorities.filter { $0.payload.nameZh == text || $0.payload.aliasesZh.contains(text) }
        if candidates.isEmpty, text.count >= 2 {
            candidates = authorities.filter { $0.payload.nameZh.contains(text) || $0.payload.aliasesZh.contains { $0.contains(text) } }
        }
        var byJurisdiction: [String: String] = [:]
        for authority in candidates where byJurisdiction[authority.payload.jurisdictionId] == nil {
            byJurisdiction[authority.payload.jurisdictionId] = authority.payload.nameZh
        }
        guard !byJurisdiction.isEmpty else {
            throw JournalError(.outOfRange, path: path, field: "--jurisdiction",
                               message: "no jurisdiction \"\(query)\" (known: \(known.sorted().joined(separator: ", ")); an authority's name also works)")
        }
        guard byJurisdiction.count == 1 else {
            let list = byJurisdiction.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            throw JournalError(.outOfRange, path: path, field: "--jurisdiction", message: "\"\(query)\" is ambiguous: it fits \(list); give one of the ids")
        }
        return byJurisdiction.keys.first!
    }

    /// Whether the event names `id` anywhere in its payload, or rests on it as its document
    /// (by id or by `documentNumber`, the 文号 of the document `id`) or approval.
    static func touches(_ record: DomainEventRecord, id: String, documentNumber: String?) -> Bool {
        if let document = record.authority?.document {
            if document == id || (documentNumber != nil && documentNumber == document) { return true }
        }
        if record.authority?.approval == id { return true }
        return record.event.payload.mentions(id)
    }
}
