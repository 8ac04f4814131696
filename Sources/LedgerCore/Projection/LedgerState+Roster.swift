/// The roster part of the state (authorities, documents, schools, groups, memberships) as a
/// JSON value, and back: what `state`'s groups and schools views read, small enough to be
/// stored in a checkpoint and loaded in milliseconds. Pure; the checkpoint file, its checks
/// against the journal and its rebuilding live in LedgerJournal.
extension LedgerState {
    /// The snapshot's format number: 2 is positional arrays throughout, read without a JSON tree.
    static let rosterSnapshotFormat: Int64 = 2

    /// The encoded roster snapshot and where its second half starts.
    public struct RosterSnapshot: Sendable {
        /// Canonical JSON: `[format, lastSeq, authorities, documents, schools, groups, memberships]`.
        public var bytes: [UInt8]
        /// The offset of the groups section: the bytes before it (less the comma) and from it
        /// are decoded on two threads.
        public var secondHalfOffset: Int

        /// A snapshot's bytes and the offset of its second half.
        public init(bytes: [UInt8], secondHalfOffset: Int) {
            self.bytes = bytes
            self.secondHalfOffset = secondHalfOffset
        }
    }

    /// The roster tables, encoded; see `rosterSnapshot` for the layout.
    public var encodedRosterSnapshot: RosterSnapshot {
        guard case .array(let sections) = rosterSnapshot else { preconditionFailure("the snapshot is an array") }
        // Canonical JSON joins array elements with bare commas, so the sections' encodings
        // concatenated this way are exactly `CanonicalJSON.encode(rosterSnapshot)`.
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        var secondHalfOffset = 0
        for (index, section) in sections.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            if index == 5 { secondHalfOffset = bytes.count }
            bytes += CanonicalJSON.encode(section)
        }
        bytes.append(UInt8(ascii: "]"))
        return RosterSnapshot(bytes: bytes, secondHalfOffset: secondHalfOffset)
    }

    /// The roster tables as JSON, positional to keep it small and quick to read:
    /// `[format, lastSeq, authorities, documents, schools, groups, memberships]`, where a stamp
    /// is `[effective, seq]` and a recorded value `[value, effective, seq]`; payloads that are
    /// few (authorities, documents, group plans) keep their journal form.
    var rosterSnapshot: JSONValue {
        func stamp(_ stamp: Stamp) -> JSONValue { .array([.string(stamp.effective.description), .integer(stamp.seq)]) }
        func recorded(_ value: JSONValue, _ at: Stamp) -> JSONValue { .array([value, .string(at.effective.description), .integer(at.seq)]) }
        func optional(_ value: JSONValue?) -> JSONValue { value ?? .null }
        let authorities = self.authorities.values.sorted { $0.stamp.seq < $1.stamp.seq }
            .map { JSONValue.array([.object($0.payload.jsonObject), stamp($0.stamp)]) }
        let documents = self.documents.values.sorted { $0.stamp.seq < $1.stamp.seq }
            .map { JSONValue.array([.object($0.payload.jsonObject), stamp($0.stamp)]) }
        let schools = self.schools.values.sorted { $0.stamp.seq < $1.stamp.seq }.map { school in
            JSONValue.array([
                Self.compact(school.payload), stamp(school.stamp),
                .array(school.renames.map { recorded(.string($0.payload), $0.stamp) }),
                optional(school.closed.map { recorded($0.payload.map(JSONValue.string) ?? .null, $0.stamp) }),
            ])
        }
        let groups = self.groups.values.sorted { $0.groupId < $1.groupId }.map { group in
            JSONValue.array([
                .string(group.groupId), .string(group.nameZh), .string(group.jurisdictionId), .string(group.type.rawValue),
                optional(group.proposal.map { .object($0.jsonObject) }), optional(group.proposedStamp.map(stamp)),
                optional(group.establishment.map { .object($0.jsonObject) }), optional(group.establishedStamp.map(stamp)),
                .array(group.statusChanges.map { recorded(.string($0.status.rawValue), $0.stamp) }),
            ])
        }
        let memberships = self.memberships.values.sorted { $0.joined.seq < $1.joined.seq }.map { membership in
            JSONValue.array([
                .string(membership.membershipId), .string(membership.groupId), .string(membership.schoolId),
                optional(membership.campusId.map(JSONValue.string)),
                .array(membership.roles.map { recorded(.string($0.payload.rawValue), $0.stamp) }),
                stamp(membership.joined), optional(membership.exit.map { recorded(.string($0.payload.rawValue), $0.stamp) }),
                .bool(membership.synthetic),
            ])
        }
        return .array([
            .integer(Self.rosterSnapshotFormat), .integer(lastSeq), .array(authorities), .array(documents),
            .array(schools), .array(groups), .array(memberships),
        ])
    }

    /// The first half of a roster snapshot: authorities, documents and schools.
    public struct RosterFirstHalf: Sendable {
        var lastSeq: Int64 = 0
        var authorities: KeyedTable<AuthorityEntry> = [:]
        var documents: KeyedTable<DocumentEntry> = [:]
        var documentsByNumber: [String: String] = [:]
        var schools: KeyedTable<SchoolEntry> = [:]

        /// Decodes the bytes before `secondHalfOffset` (which must end with the comma before it).
        /// - Throws: `DomainError` naming the byte where the snapshot does not fit.
        public init(snapshot bytes: UnsafeRawBufferPointer, secondHalfOffset: Int) throws(DomainError) {
            var reader = RosterSnapshotReader(bytes)
            try reader.expect(UInt8(ascii: "["), "'['")
            guard try reader.integer() == LedgerState.rosterSnapshotFormat else {
                throw DomainError(field: "snapshot", "not format \(LedgerState.rosterSnapshotFormat)")
            }
            try reader.comma()
            lastSeq = try reader.integer()
            try reader.comma()
            for entry in try reader.array({ reader throws(DomainError) in try LedgerState.readPayloadEntry(&reader, "authorities") as AuthorityEntry }) {
                authorities[entry.payload.authorityId] = entry
            }
            try reader.comma()
            for entry in try reader.array({ reader throws(DomainError) in try LedgerState.readPayloadEntry(&reader, "documents") as DocumentEntry }) {
                documents[entry.payload.documentId] = entry
                if let number = entry.payload.docNumber { documentsByNumber[number.normalized] = entry.payload.documentId }
            }
            try reader.comma()
            let list = try reader.array(LedgerState.readSchool)
            // Sized up front: growing the table while loading was a fifth of a cold `state`.
            schools.reserveCapacity(list.count)
            for school in list { schools[school.payload.schoolId] = school }
            try reader.comma()
            guard reader.index == secondHalfOffset else { throw reader.failure("the second half of the snapshot (at byte \(secondHalfOffset))") }
        }
    }

    /// The second half of a roster snapshot: groups and memberships.
    public struct RosterSecondHalf: Sendable {
        var groups: KeyedTable<GroupEntry> = [:]
        var memberships: KeyedTable<MembershipEntry> = [:]
        var membershipPositionsByGroup: [String: [Int32]] = [:]
        var openMembershipsByGroup: [String: [Int32]] = [:]
        var membershipPositionsBySchool: [String: [Int32]] = [:]
        var openMembershipsBySchool: [String: [Int32]] = [:]

        /// Decodes the bytes from `secondHalfOffset` to the end.
        /// - Throws: `DomainError` naming the byte where the snapshot does not fit.
        public init(snapshot bytes: UnsafeRawBufferPointer, secondHalfOffset: Int) throws(DomainError) {
            var reader = RosterSnapshotReader(bytes, at: secondHalfOffset)
            for group in try reader.array(LedgerState.readGroup) { groups[group.groupId] = group }
            try reader.comma()
            let list = try reader.array(LedgerState.readMembership)
            memberships.reserveCapacity(list.count)
            for entry in list {
                memberships[entry.membershipId] = entry
                membershipPositionsByGroup[entry.groupId, default: []].append(Int32(memberships.count - 1))
                if entry.isOpen { openMembershipsByGroup[entry.groupId, default: []].append(Int32(memberships.count - 1)) }
                membershipPositionsBySchool[entry.schoolId, default: []].append(Int32(memberships.count - 1))
                if entry.isOpen { openMembershipsBySchool[entry.schoolId, default: []].append(Int32(memberships.count - 1)) }
            }
            try reader.expect(UInt8(ascii: "]"), "the end of the snapshot")
            guard reader.isAtEnd else { throw reader.failure("the end of the snapshot") }
        }
    }

    /// A state holding only the roster tables (the other tables empty), from the two halves of
    /// a snapshot, which the caller may decode on two threads.
    public init(_ first: RosterFirstHalf, _ second: RosterSecondHalf) {
        self.init()
        lastSeq = first.lastSeq
        authorities = first.authorities
        documents = first.documents
        documentsByNumber = first.documentsByNumber
        schools = first.schools
        groups = second.groups
        memberships = second.memberships
        membershipPositionsByGroup = second.membershipPositionsByGroup
        openMembershipsByGroup = second.openMembershipsByGroup
        membershipPositionsBySchool = second.membershipPositionsBySchool
        openMembershipsBySchool = second.openMembershipsBySchool
    }

    /// A state holding only the roster tables of a snapshot, decoded on this thread.
    public init(rosterSnapshot snapshot: RosterSnapshot) throws(DomainError) {
        let result = snapshot.bytes.withUnsafeBytes { bytes in
            Result { () throws(DomainError) -> LedgerState in
                LedgerState(try RosterFirstHalf(snapshot: bytes, secondHalfOffset: snapshot.secondHalfOffset),
                            try RosterSecondHalf(snapshot: bytes, secondHalfOffset: snapshot.secondHalfOffset))
            }
        }
        try self = result.get()
    }

    /// A table entry written as `[payload, stamp]`.
    fileprivate protocol PayloadEntry {
        associatedtype Payload: EventPayload
        init(payload: Payload, stamp: Stamp)
    }

    private static func readPayloadEntry<Entry: PayloadEntry>(_ reader: inout RosterSnapshotReader, _ field: String) throws(DomainError) -> Entry {
        try reader.expect(UInt8(ascii: "["), "'['")
        let payload: Entry.Payload = try reader.payload(field)
        try reader.comma()
        let stamp = try readStamp(&reader)
        try reader.expect(UInt8(ascii: "]"), "']'")
        return Entry(payload: payload, stamp: stamp)
    }

    private static func readStamp(_ reader: inout RosterSnapshotReader) throws(DomainError) -> Stamp {
        try reader.expect(UInt8(ascii: "["), "a stamp")
        let effective = try reader.date()
        try reader.comma()
        let seq = try reader.integer()
        try reader.expect(UInt8(ascii: "]"), "']'")
        return Stamp(effective: effective, seq: seq)
    }

    /// `[value, effective, seq]`.
    private static func readRecorded<Value>(_ reader: inout RosterSnapshotReader,
                                            _ value: (inout RosterSnapshotReader) throws(DomainError) -> Value) throws(DomainError) -> Recorded<Value> {
        try reader.expect(UInt8(ascii: "["), "a recorded value")
        let payload = try value(&reader)
        try reader.comma()
        let effective = try reader.date()
        try reader.comma()
        let seq = try reader.integer()
        try reader.expect(UInt8(ascii: "]"), "']'")
        return Recorded(payload: payload, stamp: Stamp(effective: effective, seq: seq))
    }

    private static func readSchool(_ reader: inout RosterSnapshotReader) throws(DomainError) -> SchoolEntry {
        try reader.expect(UInt8(ascii: "["), "a school")
        // [schoolId, nameZh, aliasesZh, stage, administeredBy, jurisdictionId, centralSchoolId, isCentralSchool, provenance]
        try reader.expect(UInt8(ascii: "["), "a school's fields")
        let schoolId = try reader.string(); try reader.comma()
        let nameZh = try reader.string(); try reader.comma()
        let aliases = try reader.array { reader throws(DomainError) in try reader.string() }; try reader.comma()
        let stage: SchoolStage = try reader.word(); try reader.comma()
        let administeredBy = try reader.string(); try reader.comma()
        let jurisdictionId = try reader.string(); try reader.comma()
        let centralSchoolId = try reader.optional { reader throws(DomainError) in try reader.string() }; try reader.comma()
        let isCentral = try reader.optional { reader throws(DomainError) in try reader.bool() }; try reader.comma()
        try reader.expect(UInt8(ascii: "["), "a provenance")
        let synthetic = try reader.bool(); try reader.comma()
        let inferred = try reader.array { reader throws(DomainError) in try reader.string() }; try reader.comma()
        let noteZh = try reader.optional { reader throws(DomainError) in try reader.string() }; try reader.comma()
        let adjustmentZh = try reader.optional { reader throws(DomainError) in try reader.string() }
        try reader.expect(UInt8(ascii: "]"), "']'")
        try reader.expect(UInt8(ascii: "]"), "']'")
        let payload = SchoolRegistered(schoolId: schoolId, nameZh: nameZh, aliasesZh: aliases, stage: stage, administeredBy: administeredBy,
                                       jurisdictionId: jurisdictionId, centralSchoolId: centralSchoolId, isCentralSchool: isCentral,
                                       provenance: Provenance(synthetic: synthetic, inferred: inferred, noteZh: noteZh, adjustmentZh: adjustmentZh))
        try reader.comma()
        var entry = SchoolEntry(payload: payload, stamp: try readStamp(&reader))
        try reader.comma()
        entry.renames = try reader.array { reader throws(DomainError) in try readRecorded(&reader) { reader throws(DomainError) in try reader.string() } }
        try reader.comma()
        entry.closed = try reader.optional { reader throws(DomainError) in
            try readRecorded(&reader) { reader throws(DomainError) in try reader.optional { reader throws(DomainError) in try reader.string() } }
        }
        try reader.expect(UInt8(ascii: "]"), "']'")
        return entry
    }

    private static func readGroup(_ reader: inout RosterSnapshotReader) throws(DomainError) -> GroupEntry {
        try reader.expect(UInt8(ascii: "["), "a group")
        let groupId = try reader.string(); try reader.comma()
        let nameZh = try reader.string(); try reader.comma()
        let jurisdictionId = try reader.string(); try reader.comma()
        var entry = GroupEntry(groupId: groupId, nameZh: nameZh, jurisdictionId: jurisdictionId, type: try reader.word())
        try reader.comma()
        entry.proposal = try reader.optional { reader throws(DomainError) in try reader.payload("groups.proposal") as GroupProposed }
        try reader.comma()
        entry.proposedStamp = try reader.optional(readStamp)
        try reader.comma()
        entry.establishment = try reader.optional { reader throws(DomainError) in try reader.payload("groups.establishment") as GroupEstablished }
        try reader.comma()
        entry.establishedStamp = try reader.optional(readStamp)
        try reader.comma()
        entry.statusChanges = try reader.array { reader throws(DomainError) in
            let recorded: Recorded<GroupStatus> = try readRecorded(&reader) { reader throws(DomainError) in try reader.word() }
            return GroupEntry.StatusChange(status: recorded.payload, stamp: recorded.stamp)
        }
        try reader.expect(UInt8(ascii: "]"), "']'")
        return entry
    }

    private static func readMembership(_ reader: inout RosterSnapshotReader) throws(DomainError) -> MembershipEntry {
        try reader.expect(UInt8(ascii: "["), "a membership")
        let membershipId = try reader.string(); try reader.comma()
        let groupId = try reader.string(); try reader.comma()
        let schoolId = try reader.string(); try reader.comma()
        let campusId = try reader.optional { reader throws(DomainError) in try reader.string() }; try reader.comma()
        let roles = try reader.array { reader throws(DomainError) -> Recorded<MemberRole> in
            try readRecorded(&reader) { reader throws(DomainError) in try reader.word() }
        }
        guard !roles.isEmpty else { throw reader.failure("a membership with a role") }
        try reader.comma()
        let joined = try readStamp(&reader); try reader.comma()
        let exit = try reader.optional { reader throws(DomainError) -> Recorded<ExitReason> in
            try readRecorded(&reader) { reader throws(DomainError) in try reader.word() }
        }
        try reader.comma()
        let synthetic = try reader.bool()
        try reader.expect(UInt8(ascii: "]"), "']'")
        return MembershipEntry(membershipId: membershipId, groupId: groupId, schoolId: schoolId, campusId: campusId,
                               roles: roles, joined: joined, exit: exit, synthetic: synthetic)
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
}

extension LedgerState.AuthorityEntry: LedgerState.PayloadEntry {}
extension LedgerState.DocumentEntry: LedgerState.PayloadEntry {}
