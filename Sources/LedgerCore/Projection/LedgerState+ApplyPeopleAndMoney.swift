/// Folding people, money, governance, corrections and erasures into the state.
extension LedgerState {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func mutateOther(_ record: DomainEventRecord, stamp: Stamp) throws(DomainError) {
        switch record.event {
        case .staffRegistered(let payload):
            try staff.requireUnused(payload.staffId, "data.staffId", "staff member")
            try openSchool(payload.homeSchoolId, "data.homeSchoolId")
            staff.append(StaffEntry(payload: payload, stamp: stamp), forNewKey: payload.staffId)

        case .staffCredentialRecorded(let payload):
            let member = try staff.requirePosition(of: payload.staffId, "data.staffId", "staff member")
            staff.values[member].credentials.append(payload)

        case .secondmentStarted(let payload):
            // A full state's ids are in its table, a live one's in `historyIds` (the other is empty).
            try secondmentRows.requireUnused(payload.secondmentId, "data.secondmentId", "secondment")
            try historyIds.secondments.requireUnused(payload.secondmentId, "data.secondmentId", "secondment")
            let member = try staff.requirePosition(of: payload.staffId, "data.staffId", "staff member")
            let home = try openSchool(payload.fromSchoolId, "data.fromSchoolId")
            var host: Int?
            if let destination = payload.toSchoolId { host = try openSchool(destination, "data.toSchoolId") }
            var group: Int?
            if let groupId = payload.groupId { group = try groups.requirePosition(of: groupId, "data.groupId", "group") }
            if let open = Self.inPlace(&staff, member, { $0.openSecondmentId }) {
                throw DomainError(field: "data.staffId", "\(payload.staffId) is already on secondment \"\(open)\"")
            }
            staff.values[member].openSecondmentId = payload.secondmentId
            appendSecondment(payload, stamp: stamp, staffPosition: member, fromSchoolPosition: home, toSchoolPosition: host, groupPosition: group)

        case .secondmentEnded(let payload):
            if retention == .live {
                try endLiveSecondment(payload)
                break
            }
            // By index: one lookup, and the entry is read and changed in place, not copied.
            let secondment = try secondmentRows.requirePosition(of: payload.secondmentId, "data.secondmentId", "secondment")
            guard Self.inPlace(&secondmentRows, secondment, { $0.isOpen }) else {
                throw DomainError(field: "data.secondmentId", "secondment \"\(payload.secondmentId)\" has already ended")
            }
            // Its staff member was known when it started, and entries are never removed.
            let member = Int(Self.inPlace(&secondmentRows, secondment, { $0.staffPosition }))
            secondmentRows.values[secondment].end = SecondmentEntry.End(stamp: stamp, provenance: payload.provenance,
                                                                         newPlannedEnd: payload.newPlannedEnd, outcome: payload.outcome)
            if payload.outcome != .extended { staff.values[member].openSecondmentId = nil }

        case .fundAllocated(let payload):
            try allocationRows.requireUnused(payload.allocationId, "data.allocationId", "allocation")
            let authority = try authorities.requirePosition(of: payload.fromAuthorityId, "data.fromAuthorityId", "authority")
            let school = try openSchool(payload.toSchoolId, "data.toSchoolId")
            var campusPosition: Int?
            if let campus = payload.toCampusId {
                let position = try campuses.requirePosition(of: campus, "data.toCampusId", "campus")
                if campuses.values[position].payload.schoolId != payload.toSchoolId {
                    throw DomainError(field: "data.toCampusId", "campus \"\(campus)\" does not belong to \"\(payload.toSchoolId)\"")
                }
                campusPosition = position
            }
            let group = try payload.groupId.map { group throws(DomainError) in try groups.requirePosition(of: group, "data.groupId", "group") }
            let document = try payload.documentId.map { document throws(DomainError) in
                try documents.requirePosition(of: document, "data.documentId", "document")
            }
            appendAllocation(payload, stamp: stamp, fromAuthorityPosition: authority, toSchoolPosition: school,
                             toCampusPosition: campusPosition, groupPosition: group, documentPosition: document)

        case .fundEarmarked(let payload):
            try earmarkRows.requireUnused(payload.earmarkId, "data.earmarkId", "earmark")
            let allocation = try allocationRows.requirePosition(of: payload.allocationId, "data.allocationId", "allocation")
            let school = try payload.beneficiarySchoolId.map { school throws(DomainError) in
                try schools.requirePosition(of: school, "data.beneficiarySchoolId", "school")
            }
            let campus = try payload.beneficiaryCampusId.map { campus throws(DomainError) in
                try campuses.requirePosition(of: campus, "data.beneficiaryCampusId", "campus")
            }
            let available = Self.inPlace(&allocationRows, allocation, { $0.availableFen })
            guard payload.amountFen <= available else {
                throw DomainError(field: "data.amountFen", "earmarking \(payload.amountFen) fen exceeds the \(available) fen still free in allocation \"\(payload.allocationId)\"")
            }
            allocationRows.values[allocation].earmarkedFen += payload.amountFen
            appendEarmark(payload, stamp: stamp, allocationPosition: allocation, beneficiarySchoolPosition: school,
                          beneficiaryCampusPosition: campus)

        case .expenditureRecorded(let payload):
            try expenditureRows.requireUnused(payload.expenditureId, "data.expenditureId", "expenditure")
            try historyIds.expenditures.requireUnused(payload.expenditureId, "data.expenditureId", "expenditure")
            let payer = try schools.requirePosition(of: payload.payerSchoolId, "data.payerSchoolId", "school")
            var payee: Int?
            if let payeeId = payload.payeeSchoolId { payee = try schools.requirePosition(of: payeeId, "data.payeeSchoolId", "school") }
            var source = ExpenditureSource.ownBudget
            if let allocationId = payload.allocationId {
                let allocation = try allocationRows.requirePosition(of: allocationId, "data.allocationId", "allocation")
                let available = Self.inPlace(&allocationRows, allocation, { $0.availableFen })
                guard payload.amountFen <= available else {
                    throw DomainError(field: "data.amountFen", "spending \(payload.amountFen) fen exceeds the \(available) fen left in allocation \"\(allocationId)\" (earmarked money is spent through its earmark)")
                }
                allocationRows.values[allocation].spentFen += payload.amountFen
                source = .allocation(position: allocation)
            } else if let earmarkId = payload.earmarkId {
                let earmark = try earmarkRows.requirePosition(of: earmarkId, "data.earmarkId", "earmark")
                let available = Self.inPlace(&earmarkRows, earmark, { $0.availableFen })
                guard payload.amountFen <= available else {
                    throw DomainError(field: "data.amountFen", "spending \(payload.amountFen) fen exceeds the \(available) fen left in earmark \"\(earmarkId)\"")
                }
                earmarkRows.values[earmark].spentFen += payload.amountFen
                source = .earmark(position: earmark)
            }
            appendExpenditure(payload, stamp: stamp, payerSchoolPosition: payer, payeeSchoolPosition: payee, source: source)

        case .costShareApportioned(let payload):
            try costShareRows.requireUnused(payload.costShareId, "data.costShareId", "cost share")
            try historyIds.costShares.requireUnused(payload.costShareId, "data.costShareId", "cost share")
            let group = try groups.requirePosition(of: payload.groupId, "data.groupId", "group")
            let disbursing = try schools.requirePosition(of: payload.disbursingSchoolId, "data.disbursingSchoolId", "school")
            var shareSchools: [Int32] = []
            shareSchools.reserveCapacity(payload.shares.count)
            var seen: Set<Int32> = []
            var sum: Int64 = 0
            for (index, share) in payload.shares.enumerated() {
                let school = Int32(try schools.requirePosition(of: share.schoolId, "data.shares[\(index)].schoolId", "school"))
                shareSchools.append(school)
                guard seen.insert(school).inserted else {
                    throw DomainError(field: "data.shares[\(index)].schoolId", "\(share.schoolId) has two shares")
                }
                let (total, overflow) = sum.addingReportingOverflow(share.amountFen)
                guard !overflow else { throw DomainError(field: "data.shares", "the shares overflow") }
                sum = total
            }
            guard sum == payload.totalFen else {
                throw DomainError(field: "data.shares", "the shares add up to \(sum) fen, not the total \(payload.totalFen) fen")
            }
            appendCostShare(payload, stamp: stamp, groupPosition: group, disbursingSchoolPosition: disbursing, shareSchoolPositions: shareSchools)

        case .groupRoleAssigned(let payload):
            try roleAssignments.requireUnused(payload.assignmentId, "data.assignmentId", "role assignment")
            try groups.requireKnown(payload.groupId, "data.groupId", "group")
            try staff.requireKnown(payload.staffId, "data.staffId", "staff member")
            roleAssignments.append(RoleAssignmentEntry(payload: payload, stamp: stamp), forNewKey: payload.assignmentId)

        case .groupRoleEnded(let payload):
            try roleAssignments.requireKnown(payload.assignmentId, "data.assignmentId", "role assignment")
            if roleAssignments[payload.assignmentId]?.ended != nil {
                throw DomainError(field: "data.assignmentId", "role assignment \"\(payload.assignmentId)\" has already ended")
            }
            roleAssignments[payload.assignmentId]?.ended = stamp

        case .groupActivityHeld(let payload):
            try activityRows.requireUnused(payload.activityId, "data.activityId", "activity")
            try historyIds.activities.requireUnused(payload.activityId, "data.activityId", "activity")
            let group = try groups.requirePosition(of: payload.groupId, "data.groupId", "group")
            let host = try schools.requirePosition(of: payload.hostSchoolId, "data.hostSchoolId", "school")
            // Filed as they are checked (no list of their own to allocate), and taken back if one
            // is refused: a refused event leaves the state unchanged.
            let participantsStart = activityParticipantPositions.count
            do {
                for (index, school) in payload.participantSchoolIds.enumerated() {
                    activityParticipantPositions.append(Int32(try schools.requirePosition(of: school, "data.participantSchoolIds[\(index)]", "school")))
                }
            } catch {
                activityParticipantPositions.removeSubrange(participantsStart...)
                throw error
            }
            appendActivity(payload, stamp: stamp, groupPosition: group, hostSchoolPosition: host)

        case .groupAssessed(let payload):
            try assessmentRows.requireUnused(payload.assessmentId, "data.assessmentId", "assessment")
            try historyIds.assessments.requireUnused(payload.assessmentId, "data.assessmentId", "assessment")
            let group = try groups.requirePosition(of: payload.groupId, "data.groupId", "group")
            var assessors: [Int32] = []
            assessors.reserveCapacity(payload.assessedBy.count)
            for (index, authority) in payload.assessedBy.enumerated() {
                assessors.append(Int32(try authorities.requirePosition(of: authority, "data.assessedBy[\(index)]", "authority")))
            }
            appendAssessment(payload, stamp: stamp, groupPosition: group, assessorPositions: assessors)

        case .entryCorrected(let payload):
            guard payload.targetSeq < record.seq, payload.targetSeq >= 1 else {
                throw DomainError(field: "data.targetSeq", "seq \(payload.targetSeq) is not an earlier event (this is seq \(record.seq))")
            }
            let targetType = eventType(ofSeq: payload.targetSeq)
            guard targetType != EntryCorrected.eventType else {
                throw DomainError(field: "data.targetSeq", "seq \(payload.targetSeq) is itself a correction; correct the original")
            }
            if let by = corrected[payload.targetSeq] {
                throw DomainError(field: "data.targetSeq", "seq \(payload.targetSeq) was already corrected by seq \(by)")
            }
            if let replacement = payload.replacement {
                guard let type = EventCatalog.payloadType(named: targetType) else {
                    throw DomainError(field: "data.replacement", "seq \(payload.targetSeq) has an unknown type")
                }
                var reader = PayloadReader(replacement, path: "data.replacement")
                _ = try type.init(reading: &reader, version: type.currentVersion)
            }
            // The effect on the state is applied by the Projector, which replays with the
            // correction in place; here the correction is only validated and remembered.
            corrected[payload.targetSeq] = record.seq

        case .personalDataErased(let payload):
            erasedSubjects.insert(payload.subjectId)

        case .yearSealed(let payload):
            guard authorities.values.contains(where: { $0.payload.jurisdictionId == payload.jurisdictionId }) else {
                throw DomainError(field: "data.jurisdictionId", "no authority of jurisdiction \"\(payload.jurisdictionId)\" is registered")
            }
            if let earlier = seals.first(where: { $0.payload.jurisdictionId == payload.jurisdictionId && $0.payload.year == payload.year
                && $0.payload.basis == payload.basis }) {
                throw DomainError(field: "data.year", "\(payload.jurisdictionId) \(payload.year) was already sealed at seq \(earlier.stamp.seq)")
            }
            guard payload.journalSize == record.seq - 1 else {
                throw DomainError(field: "data.journalSize", "a seal records the journal just before it: expected \(record.seq - 1), found \(payload.journalSize)")
            }
            seals.append(Recorded(payload: payload, stamp: stamp))

        default:
            preconditionFailure("mutateOther called with \(record.event.typeName)")
        }
    }
}
