/// The roster part of the state (authorities, documents, schools, groups, memberships) as a
/// JSON value, and back: what `state`'s groups and schools views read, small enough to be
/// stored in a checkpoint and loaded in milliseconds. Pure; the checkpoint file, its checks
/// against the journal and its rebuilding live in LedgerJournal.
extension LedgerState {
    /// The roster tables as JSON (payloads in their journal form, stamps as `[effective, seq]`).
    public var rosterSnapshot: JSONValue {
        func stamp(_ stamp: Stamp) -> JSONValue { .array([.string(stamp.effective.description), .integer(stamp.seq)]) }
        func recorded(_ value: JSONValue, _ at: Stamp) -> JSONValue { .array([value, .string(at.effective.description), .integer(at.seq)]) }
        func object(_ members: [(String, JSONValue?)]) -> JSONValue {
            .object(JSONObject(uniqueKeysWithValues: members.compactMap { key, value in value.map { (key, $0) } }))
        }
        let authorities = self.authorities.values.sorted { $0.stamp.seq < $1.stamp.seq }
            .map { JSONValue.array([.object($0.payload.jsonObject), stamp($0.stamp)]) }
        let documents = self.documents.values.sorted { $0.stamp.seq < $1.stamp.seq }
            .map { JSONValue.array([.object($0.payload.jsonObject), stamp($0.stamp)]) }
        let schools = self.schools.values.sorted { $0.stamp.seq < $1.stamp.seq }.map { school in
            object([
                ("school", Self.compact(school.payload)), ("stamp", stamp(school.stamp)),
                ("renames", .array(school.renames.map { recorded(.string($0.payload), $0.stamp) })),
                ("closed", school.closed.map { recorded($0.payload.map(JSONValue.string) ?? .null, $0.stamp) }),
            ])
        }
        let groups = self.groups.values.sorted { $0.groupId < $1.groupId }.map { group in
            object([
                ("groupId", .string(group.groupId)), ("nameZh", .string(group.nameZh)), ("jurisdictionId", .string(group.jurisdictionId)),
                ("type", .string(group.type.rawValue)),
                ("proposal", group.proposal.map { .object($0.jsonObject) }), ("proposedStamp", group.proposedStamp.map(stamp)),
                ("establishment", group.establishment.map { .object($0.jsonObject) }), ("establishedStamp", group.establishedStamp.map(stamp)),
                ("statusChanges", .array(group.statusChanges.map { recorded(.string($0.status.rawValue), $0.stamp) })),
            ])
        }
        let memberships = self.memberships.values.sorted { $0.joined.seq < $1.joined.seq }.map { membership in
            object([
                ("membershipId", .string(membership.membershipId)), ("groupId", .string(membership.groupId)),
                ("schoolId", .string(membership.schoolId)), ("campusId", membership.campusId.map(JSONValue.string)),
                ("roles", .array(membership.roles.map { recorded(.string($0.payload.rawValue), $0.stamp) })),
                ("joined", stamp(membership.joined)), ("exit", membership.exit.map { recorded(.string($0.payload.rawValue), $0.stamp) }),
                ("synthetic", .bool(membership.synthetic)),
            ])
        }
        return object([
            ("format", .integer(1)), ("lastSeq", .integer(lastSeq)), ("authorities", .array(authorities)), ("documents", .array(documents)),
            ("schools", .array(schools)), ("groups", .array(groups)), ("memberships", .array(memberships)),
        ])
    }

    /// A state holding only the roster tables of `snapshot` (the other tables empty).
    /// - Throws: `DomainError` naming the member that does not fit (a damaged snapshot).
    public init(rosterSnapshot snapshot: JSONValue) throws(DomainError) {
        self.init()
        let root = try Self.object(snapshot, "snapshot")
        lastSeq = try Self.integer(root["lastSeq"], "lastSeq")
        // Sized up front: growing the tables while loading was a fifth of a cold `state`.
        let schoolCount = (try? Self.array(root["schools"], "schools").count) ?? 0
        let membershipCount = (try? Self.array(root["memberships"], "memberships").count) ?? 0
        schools.reserveCapacity(schoolCount)
        memberships.reserveCapacity(membershipCount)
        membershipsBySchool.reserveCapacity(schoolCount)
        for (index, item) in try Self.array(root["authorities"], "authorities").enumerated() {
            let pair = try Self.array(item, "authorities[\(index)]")
            let payload: AuthorityRegistered = try Self.payload(pair.first, "authorities[\(index)]")
            authorities[payload.authorityId] = AuthorityEntry(payload: payload, stamp: try Self.stamp(pair.last, "authorities[\(index)]"))
        }
        for (index, item) in try Self.array(root["documents"], "documents").enumerated() {
            let pair = try Self.array(item, "documents[\(index)]")
            let payload: PolicyDocumentRegistered = try Self.payload(pair.first, "documents[\(index)]")
            documents[payload.documentId] = DocumentEntry(payload: payload, stamp: try Self.stamp(pair.last, "documents[\(index)]"))
            if let number = payload.docNumber { documentsByNumber[number.normalized] = payload.documentId }
        }
        for (index, item) in try Self.array(root["schools"], "schools").enumerated() {
            let place = "schools[\(index)]"
            let school = try Self.object(item, place)
            let payload = try Self.school(school["school"], place)
            var entry = SchoolEntry(payload: payload, stamp: try Self.stamp(school["stamp"], place))
            entry.renames = try Self.array(school["renames"], place).map { value throws(DomainError) in
                let (name, stamp) = try Self.recorded(value, place)
                guard case .string(let text) = name else { throw DomainError(field: place, "a rename is not a name") }
                return Recorded(payload: text, stamp: stamp)
            }
            if let closed = school["closed"] {
                let (merged, stamp) = try Self.recorded(closed, place)
                entry.closed = Recorded(payload: merged.stringValue, stamp: stamp)
            }
            schools[payload.schoolId] = entry
        }
        for (index, item) in try Self.array(root["groups"], "groups").enumerated() {
            let place = "groups[\(index)]"
            let group = try Self.object(item, place)
            var entry = GroupEntry(groupId: try Self.string(group["groupId"], place), nameZh: try Self.string(group["nameZh"], place),
                                   jurisdictionId: try Self.string(group["jurisdictionId"], place),
                                   type: try Self.word(group["type"], place))
            if group["proposal"] != nil { entry.proposal = try Self.payload(group["proposal"], place) as GroupProposed }
            entry.proposedStamp = try group["proposedStamp"].map { value throws(DomainError) in try Self.stamp(value, place) }
            if group["establishment"] != nil { entry.establishment = try Self.payload(group["establishment"], place) as GroupEstablished }
            entry.establishedStamp = try group["establishedStamp"].map { value throws(DomainError) in try Self.stamp(value, place) }
            entry.statusChanges = try Self.array(group["statusChanges"], place).map { value throws(DomainError) in
                let (status, stamp) = try Self.recorded(value, place)
                return GroupEntry.StatusChange(status: try Self.word(status, place), stamp: stamp)
            }
            groups[entry.groupId] = entry
        }
        for (index, item) in try Self.array(root["memberships"], "memberships").enumerated() {
            let place = "memberships[\(index)]"
            let membership = try Self.object(item, place)
            let roles = try Self.array(membership["roles"], place).map { value throws(DomainError) -> Recorded<MemberRole> in
                let (role, stamp) = try Self.recorded(value, place)
                return Recorded(payload: try Self.word(role, place), stamp: stamp)
            }
            guard !roles.isEmpty else { throw DomainError(field: place, "a membership without a role") }
            var exit: Recorded<ExitReason>?
            if let value = membership["exit"] {
                let (reason, stamp) = try Self.recorded(value, place)
                exit = Recorded(payload: try Self.word(reason, place), stamp: stamp)
            }
            let entry = MembershipEntry(membershipId: try Self.string(membership["membershipId"], place), groupId: try Self.string(membership["groupId"], place),
                                        schoolId: try Self.string(membership["schoolId"], place), campusId: membership["campusId"]?.stringValue,
                                        roles: roles, joined: try Self.stamp(membership["joined"], place), exit: exit,
                                        synthetic: membership["synthetic"] == .bool(true))
            memberships[entry.membershipId] = entry
            membershipsByGroup[entry.groupId, default: []].append(entry.membershipId)
            membershipsBySchool[entry.schoolId, default: []].append(entry.membershipId)
        }
    }

    /// Schools, the most numerous entity, as a positional array rather than a payload object:
    /// `[schoolId, nameZh, aliasesZh, stage, administeredBy, jurisdictionId, centralSchoolId, isCentralSchool, provenance]`.
    /// The snapshot is checked by its hash before use, so the fields are not validated again.
    private static func compact(_ school: SchoolRegistered) -> JSONValue {
        let provenance = school.provenance
        return .array([
            .string(school.schoolId), .string(school.nameZh), .array(school.aliasesZh.map(JSONValue.string)), .string(school.stage.rawValue),
            .string(school.administeredBy), .string(school.jurisdictionId), school.centralSchoolId.map(JSONValue.string) ?? .null,
            school.isCentralSchool.map(JSONValue.bool) ?? .null,
            .array([.bool(provenance.synthetic), .array(provenance.inferred.map(JSONValue.string)),
                    provenance.noteZh.map(JSONValue.string) ?? .null, provenance.adjustmentZh.map(JSONValue.string) ?? .null]),
        ])
    }

    private static func school(_ value: JSONValue?, _ field: String) throws(DomainError) -> SchoolRegistered {
        let items = try array(value, field)
        guard items.count == 9 else { throw DomainError(field: field, "a school is 9 fields") }
        let provenance = try array(items[8], field)
        guard provenance.count == 4 else { throw DomainError(field: field, "a provenance is 4 fields") }
        func strings(_ value: JSONValue) throws(DomainError) -> [String] { try array(value, field).map { item throws(DomainError) in try string(item, field) } }
        var isCentral: Bool?
        if case .bool(let flag) = items[7] { isCentral = flag }
        return SchoolRegistered(schoolId: try string(items[0], field), nameZh: try string(items[1], field), aliasesZh: try strings(items[2]),
                                stage: try word(items[3], field), administeredBy: try string(items[4], field),
                                jurisdictionId: try string(items[5], field), centralSchoolId: items[6].stringValue, isCentralSchool: isCentral,
                                provenance: Provenance(synthetic: provenance[0] == .bool(true), inferred: try strings(provenance[1]),
                                                       noteZh: provenance[2].stringValue, adjustmentZh: provenance[3].stringValue))
    }

    private static func object(_ value: JSONValue?, _ field: String) throws(DomainError) -> JSONObject {
        guard case .object(let object)? = value else { throw DomainError(field: field, "expected an object") }
        return object
    }

    private static func array(_ value: JSONValue?, _ field: String) throws(DomainError) -> [JSONValue] {
        guard case .array(let items)? = value else { throw DomainError(field: field, "expected an array") }
        return items
    }

    private static func string(_ value: JSONValue?, _ field: String) throws(DomainError) -> String {
        guard case .string(let text)? = value else { throw DomainError(field: field, "expected a string") }
        return text
    }

    private static func integer(_ value: JSONValue?, _ field: String) throws(DomainError) -> Int64 {
        guard case .integer(let number)? = value else { throw DomainError(field: field, "expected an integer") }
        return number
    }

    private static func word<Word: Vocabulary>(_ value: JSONValue?, _ field: String) throws(DomainError) -> Word {
        guard let word = Word(rawValue: try string(value, field)) else { throw DomainError(field: field, "unknown \(Word.self)") }
        return word
    }

    private static func date(_ value: JSONValue?, _ field: String) throws(DomainError) -> PartialDate {
        let text = try string(value, field)
        do { return try PartialDate(parsing: text) } catch { throw DomainError(field: field, error.message) }
    }

    private static func stamp(_ value: JSONValue?, _ field: String) throws(DomainError) -> Stamp {
        let pair = try array(value, field)
        guard pair.count == 2 else { throw DomainError(field: field, "a stamp is [effective, seq]") }
        return Stamp(effective: try date(pair[0], field), seq: try integer(pair[1], field))
    }

    private static func recorded(_ value: JSONValue, _ field: String) throws(DomainError) -> (JSONValue, Stamp) {
        let triple = try array(value, field)
        guard triple.count == 3 else { throw DomainError(field: field, "a recorded value is [value, effective, seq]") }
        return (triple[0], Stamp(effective: try date(triple[1], field), seq: try integer(triple[2], field)))
    }

    private static func payload<Payload: EventPayload>(_ value: JSONValue?, _ field: String) throws(DomainError) -> Payload {
        var reader = PayloadReader(try object(value, field), path: field)
        return try Payload(reading: &reader, version: Payload.currentVersion)
    }
}
