/// Folding one event into the state: structural checks first (the event is refused with a
/// `DomainError` naming the field and value, and the state is unchanged), then the mutation.
extension LedgerState {
    /// Applies `record`, which must carry the next seq.
    ///
    /// In place, without copying the state: every case below makes all its checks before its
    /// first mutation, so a refused event leaves the state unchanged. (Copying the state per
    /// event would copy its largest tables each time: quadratic over a long journal.)
    /// - Throws: `DomainError` when the event contradicts the state (unknown ids, joining
    ///   twice, spending beyond a balance …). Policy rules never throw here.
    public mutating func apply(_ record: DomainEventRecord) throws(DomainError) {
        precondition(record.seq == lastSeq + 1, "events must be applied in seq order")
        if !seals.isEmpty { try refuseIfSealed(record) }
        try mutate(record)
        lastSeq = record.seq
        eventTypes.record(seq: record.seq, typeIndex: record.event.typeIndex)
    }

    /// Checks `record` against the state without applying it (on a copy: for occasional use).
    public func check(_ record: DomainEventRecord) throws(DomainError) {
        var copy = self
        try copy.mutate(record)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private mutating func mutate(_ record: DomainEventRecord) throws(DomainError) {
        let stamp = Stamp(effective: record.effective, seq: record.seq)
        switch record.event {
        case .authorityRegistered(let payload):
            try authorities.requireUnused(payload.authorityId, "data.authorityId", "authority")
            if let parent = payload.parentAuthorityId { try authorities.requireKnown(parent, "data.parentAuthorityId", "authority") }
            authorities.append(AuthorityEntry(payload: payload, stamp: stamp), forNewKey: payload.authorityId)

        case .policyDocumentRegistered(let payload):
            try documents.requireUnused(payload.documentId, "data.documentId", "document")
            if let number = payload.docNumber, let existing = documentsByNumber[number.normalized] {
                throw DomainError(field: "data.docNumber", "\(number.normalized) is already registered as document \"\(existing)\"")
            }
            if let issuer = payload.issuerAuthorityId { try authorities.requireKnown(issuer, "data.issuerAuthorityId", "authority") }
            documents.append(DocumentEntry(payload: payload, stamp: stamp), forNewKey: payload.documentId)
            if let number = payload.docNumber { documentsByNumber[number.normalized] = payload.documentId }

        case .schoolRegistered(let payload):
            try schools.requireUnused(payload.schoolId, "data.schoolId", "school")
            try authorities.requireKnown(payload.administeredBy, "data.administeredBy", "authority")
            if let central = payload.centralSchoolId { try schools.requireKnown(central, "data.centralSchoolId", "school") }
            schools.append(SchoolEntry(payload: payload, stamp: stamp), forNewKey: payload.schoolId)

        case .campusRegistered(let payload):
            try campuses.requireUnused(payload.campusId, "data.campusId", "campus")
            try openSchool(payload.schoolId, "data.schoolId")
            campuses.append(Recorded(payload: payload, stamp: stamp), forNewKey: payload.campusId)

        case .schoolRenamed(let payload):
            try schools.requireKnown(payload.schoolId, "data.schoolId", "school")
            schools[payload.schoolId]?.renames.append(Recorded(payload: payload.nameZh, stamp: stamp))

        case .schoolClosed(let payload):
            try openSchool(payload.schoolId, "data.schoolId")
            if let merged = payload.mergedIntoSchoolId { try openSchool(merged, "data.mergedIntoSchoolId") }
            if let open = openMembershipsBySchool[payload.schoolId]?.first {
                throw DomainError(field: "data.schoolId", "\(payload.schoolId) still has the open membership \"\(memberships.values[Int(open)].membershipId)\"; record its exit first")
            }
            schools[payload.schoolId]?.closed = Recorded(payload: payload.mergedIntoSchoolId, stamp: stamp)

        case .headcountRecorded(let payload):
            try schools.requireKnown(payload.schoolId, "data.schoolId", "school")
            headcounts[payload.schoolId, default: [:]][payload.year] = payload

        case .policyProfileAdopted(let payload):
            for (index, documentId) in payload.sourceDocumentIds.enumerated() {
                try documents.requireKnown(documentId, "data.sourceDocumentIds[\(index)]", "document")
            }
            // The profile document itself must type-check: known rule kinds, typed parameters.
            let profile = try PolicyProfile(payload.profile)
            guard profile.jurisdictionId == payload.jurisdictionId else {
                throw DomainError(field: "data.profile.jurisdiction.id", "the profile is for \"\(profile.jurisdictionId)\", the event for \"\(payload.jurisdictionId)\"")
            }
            let expected = Int64((profiles[payload.profileId]?.count ?? 0) + 1)
            guard payload.version == expected else {
                throw DomainError(field: "data.version", "profile \(payload.profileId) is at version \(expected - 1); the next must be \(expected), found \(payload.version)")
            }
            profiles[payload.profileId, default: []].append(Recorded(payload: payload, stamp: stamp))
            decodedProfiles[payload.profileId, default: []].append(profile)
            if !profile.onAppendRuleIndices.isEmpty { profileVersionsWithOnAppendRules += 1 }
            if !(profileIdsByJurisdiction[payload.jurisdictionId]?.contains(payload.profileId) ?? false) {
                profileIdsByJurisdiction[payload.jurisdictionId, default: []].append(payload.profileId)
            }

        case .approvalRequested(let payload):
            try approvalRows.requireUnused(payload.approvalId, "data.approvalId", "approval")
            let addressedTo = try authorities.requirePosition(of: payload.addressedTo, "data.addressedTo", "authority")
            // An authority's position, or a school's p as −(p + 1) (see `ApprovalRow`).
            guard let requestedBy = authorities.index(forKey: payload.requestedBy) ?? schools.index(forKey: payload.requestedBy).map({ -$0 - 1 }) else {
                throw DomainError(field: "data.requestedBy", "unknown authority or school \"\(payload.requestedBy)\"")
            }
            let group = try payload.groupId.map { group throws(DomainError) in try groups.requirePosition(of: group, "data.groupId", "group") }
            let school = try payload.schoolId.map { school throws(DomainError) in try schools.requirePosition(of: school, "data.schoolId", "school") }
            appendApproval(payload, stamp: stamp, addressedToPosition: addressedTo, requestedByReference: requestedBy,
                           groupPosition: group, schoolPosition: school)

        case .approvalDecided(let payload):
            let approval = try approvalRows.requirePosition(of: payload.approvalId, "data.approvalId", "approval request")
            if approvalRows.values[approval].decision != nil {
                throw DomainError(field: "data.approvalId", "approval \"\(payload.approvalId)\" is already decided")
            }
            let decidedBy = try authorities.requirePosition(of: payload.decidedBy, "data.decidedBy", "authority")
            let document = try payload.documentId.map { document throws(DomainError) in
                try documents.requirePosition(of: document, "data.documentId", "document")
            }
            decideApproval(at: approval, payload, stamp: stamp, decidedByPosition: decidedBy, documentPosition: document)

        case .groupProposed(let payload):
            try groups.requireUnused(payload.groupId, "data.groupId", "group")
            if let lead = payload.proposedLeadSchoolId { try schools.requireKnown(lead, "data.proposedLeadSchoolId", "school") }
            for (index, school) in payload.proposedMemberSchoolIds.enumerated() {
                try schools.requireKnown(school, "data.proposedMemberSchoolIds[\(index)]", "school")
            }
            if let document = payload.documentId { try documents.requireKnown(document, "data.documentId", "document") }
            groups.append(GroupEntry(groupId: payload.groupId, nameZh: payload.nameZh, jurisdictionId: payload.jurisdictionId,
                                     type: payload.type, proposal: payload, proposedStamp: stamp),
                          forNewKey: payload.groupId)

        case .groupEstablished(let payload):
            if let existing = groups[payload.groupId] {
                if existing.isEstablished { throw DomainError(field: "data.groupId", "group \"\(payload.groupId)\" is already established") }
                if existing.status(onDay: nil) == .withdrawn {
                    throw DomainError(field: "data.groupId", "the proposal \"\(payload.groupId)\" was withdrawn")
                }
            }
            if let parent = payload.parentGroupId { try groups.requireKnown(parent, "data.parentGroupId", "group") }
            if let approval = payload.approvalId { try approvalRows.requireKnown(approval, "data.approvalId", "approval") }
            var group = groups[payload.groupId]
                ?? GroupEntry(groupId: payload.groupId, nameZh: payload.nameZh, jurisdictionId: payload.jurisdictionId, type: payload.type)
            group.nameZh = payload.nameZh
            group.type = payload.type
            group.establishment = payload
            group.establishedStamp = stamp
            group.statusChanges.append(GroupEntry.StatusChange(status: payload.status, stamp: stamp))
            groups[payload.groupId] = group

        case .groupStatusChanged(let payload):
            try groups.requireKnown(payload.groupId, "data.groupId", "group")
            let group = groups[payload.groupId]!
            let current = group.status(onDay: nil)
            guard current != payload.status else {
                throw DomainError(field: "data.status", "group \"\(payload.groupId)\" is already \(payload.status.rawValue)")
            }
            if payload.status == .withdrawn && group.isEstablished {
                throw DomainError(field: "data.status", "only a proposal is withdrawn; \"\(payload.groupId)\" is established (dissolve it instead)")
            }
            if payload.status != .withdrawn && !group.isEstablished {
                throw DomainError(field: "data.status", "group \"\(payload.groupId)\" is only proposed; establish it first (or withdraw it)")
            }
            if current == .dissolved || current == .withdrawn {
                throw DomainError(field: "data.status", "group \"\(payload.groupId)\" is \(current!.rawValue); it cannot change status")
            }
            if payload.status == .dissolved, let open = openMemberships(ofGroup: payload.groupId).first {
                throw DomainError(field: "data.status", "group \"\(payload.groupId)\" still has the open membership \"\(open.membershipId)\" (\(open.schoolId)); record the exits first")
            }
            groups[payload.groupId]?.statusChanges.append(GroupEntry.StatusChange(status: payload.status, stamp: stamp))

        case .schoolJoinedGroup(let payload):
            try memberships.requireUnused(payload.membershipId, "data.membershipId", "membership")
            try groups.requireKnown(payload.groupId, "data.groupId", "group")
            let group = groups[payload.groupId]!
            guard group.isEstablished else {
                throw DomainError(field: "data.groupId", "group \"\(payload.groupId)\" is only proposed; record GroupEstablished first")
            }
            if let status = group.status(onDay: nil), status == .dissolved || status == .withdrawn {
                throw DomainError(field: "data.groupId", "group \"\(payload.groupId)\" is \(status.rawValue)")
            }
            try openSchool(payload.schoolId, "data.schoolId")
            if let campus = payload.campusId {
                try campuses.requireKnown(campus, "data.campusId", "campus")
                if campuses[campus]?.payload.schoolId != payload.schoolId {
                    throw DomainError(field: "data.campusId", "campus \"\(campus)\" belongs to \"\(campuses[campus]!.payload.schoolId)\", not \"\(payload.schoolId)\"")
                }
            }
            if let twice = firstOpenMembership(ofGroup: payload.groupId, where: { $0.schoolId == payload.schoolId && $0.campusId == payload.campusId }) {
                throw DomainError(field: "data.schoolId", "\(payload.schoolId) is already a member of \(payload.groupId) (membership \"\(memberships.values[twice].membershipId)\")")
            }
            if payload.role == .lead, let lead = firstOpenMembership(ofGroup: payload.groupId, where: { $0.role(onDay: nil) == .lead }) {
                throw DomainError(field: "data.role", "\(payload.groupId) already has the lead \(memberships.values[lead].schoolId); use GroupLeadChanged")
            }
            if let approval = payload.approvalId { try approvalRows.requireKnown(approval, "data.approvalId", "approval") }
            memberships.append(MembershipEntry(membershipId: payload.membershipId, groupId: payload.groupId,
                                               schoolId: payload.schoolId, campusId: payload.campusId,
                                               roles: [Recorded(payload: payload.role, stamp: stamp)], joined: stamp,
                                               synthetic: payload.provenance.synthetic),
                               forNewKey: payload.membershipId)
            membershipPositionsByGroup[payload.groupId, default: []].append(Int32(memberships.count - 1))
            openMembershipsByGroup[payload.groupId, default: []].append(Int32(memberships.count - 1))
            membershipPositionsBySchool[payload.schoolId, default: []].append(Int32(memberships.count - 1))
            openMembershipsBySchool[payload.schoolId, default: []].append(Int32(memberships.count - 1))

        case .schoolExitedGroup(let payload):
            let position = try memberships.requirePosition(of: payload.membershipId, "data.membershipId", "membership")
            let membership = memberships.values[position]
            guard membership.isOpen else {
                throw DomainError(field: "data.membershipId", "\(membership.schoolId) already left \(membership.groupId) (seq \(membership.exit!.stamp.seq))")
            }
            if membership.role(onDay: nil) == .lead, payload.reason != .groupDissolved,
               let other = firstOpenMembership(ofGroup: membership.groupId, where: { $0.membershipId != membership.membershipId }) {
                throw DomainError(field: "data.membershipId", "\(membership.schoolId) leads \(membership.groupId) while \(memberships.values[other].schoolId) and others remain; change the lead first")
            }
            if let approval = payload.approvalId { try approvalRows.requireKnown(approval, "data.approvalId", "approval") }
            memberships.values[position].exit = Recorded(payload: payload.reason, stamp: stamp)
            Self.remove(Int32(position), under: membership.groupId, from: &openMembershipsByGroup)
            Self.remove(Int32(position), under: membership.schoolId, from: &openMembershipsBySchool)

        case .groupLeadChanged(let payload):
            try groups.requireKnown(payload.groupId, "data.groupId", "group")
            let open = openMemberships(ofGroup: payload.groupId)
            guard let incoming = open.first(where: { $0.schoolId == payload.schoolId }) else {
                throw DomainError(field: "data.schoolId", "\(payload.schoolId) is not a member of \(payload.groupId)")
            }
            if incoming.role(onDay: nil) == .lead {
                throw DomainError(field: "data.schoolId", "\(payload.schoolId) already leads \(payload.groupId)")
            }
            for outgoing in open where outgoing.role(onDay: nil) == .lead {
                memberships[outgoing.membershipId]?.roles.append(Recorded(payload: .member, stamp: stamp))
            }
            memberships[incoming.membershipId]?.roles.append(Recorded(payload: .lead, stamp: stamp))

        default:
            try mutateOther(record, stamp: stamp)
        }
    }

    /// The memberships of a group without an exit, in joining order.
    public func openMemberships(ofGroup groupId: String) -> [MembershipEntry] {
        (openMembershipsByGroup[groupId] ?? []).map { memberships.values[Int($0)] }
    }

    /// Calls `body` with each open membership of the group, in joining order, read in place
    /// (`openMemberships(ofGroup:)` copies each one out).
    public func forEachOpenMembership(ofGroup groupId: String, _ body: (MembershipEntry) throws -> Void) rethrows {
        for position in openMembershipsByGroup[groupId] ?? [] { try body(memberships.values[Int(position)]) }
    }

    /// Removes `position` from the list under `key`, and the key once its list is empty: an
    /// index of open memberships then holds the same keys however the state was built (folded
    /// event by event, or restored from a snapshot, which lists only what is open).
    static func remove(_ position: Int32, under key: String, from index: inout [String: [Int32]]) {
        index[key]?.removeAll { $0 == position }
        if index[key]?.isEmpty == true { index[key] = nil }
    }

    /// The position of the group's first open membership (in joining order) that `matches`,
    /// read in place: the checks on joining and exits used to copy every open membership of
    /// the group, with its roles, for each event.
    mutating func firstOpenMembership(ofGroup groupId: String, where matches: (inout MembershipEntry) -> Bool) -> Int? {
        for position in openMembershipsByGroup[groupId] ?? [] where Self.inPlace(&memberships, Int(position), matches) { return Int(position) }
        return nil
    }

    @discardableResult
    mutating func openSchool(_ id: String, _ field: String) throws(DomainError) -> Int {
        let position = try schools.requirePosition(of: id, field, "school")
        if let closedSeq = Self.inPlace(&schools, position, { $0.closed?.stamp.seq }) {
            throw DomainError(field: field, "school \"\(id)\" was closed (seq \(closedSeq))")
        }
        return position
    }

    /// Reads the entry at `position` where it lies. `table.values[position].field` would copy
    /// the whole entry (hundreds of bytes, retaining each of its strings) to read one field;
    /// an `inout` access does not. Nothing is changed unless `read` changes it.
    static func inPlace<Value, Result>(_ table: inout KeyedTable<Value>, _ position: Int,
                                       _ read: (inout Value) -> Result) -> Result {
        read(&table.values[position])
    }
}

extension EventPayload {
    /// The stored type name of this payload.
    public var typeName: String { Self.eventType }
}
