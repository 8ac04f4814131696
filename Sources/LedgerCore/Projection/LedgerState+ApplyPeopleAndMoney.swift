/// Folding people, money, governance, corrections and erasures into the state.
extension LedgerState {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    mutating func mutateOther(_ record: DomainEventRecord, stamp: Stamp) throws(DomainError) {
        switch record.event {
        case .staffRegistered(let payload):
            try unused(payload.staffId, in: staff, "data.staffId", "staff member")
            try openSchool(payload.homeSchoolId, "data.homeSchoolId")
            staff[payload.staffId] = StaffEntry(payload: payload, stamp: stamp)

        case .staffCredentialRecorded(let payload):
            let member = try index(of: payload.staffId, in: staff, "data.staffId", "staff member")
            staff.values[member].credentials.append(payload)

        case .secondmentStarted(let payload):
            try unused(payload.secondmentId, in: secondments, "data.secondmentId", "secondment")
            try known(payload.staffId, in: staff, "data.staffId", "staff member")
            try openSchool(payload.fromSchoolId, "data.fromSchoolId")
            if let destination = payload.toSchoolId { try openSchool(destination, "data.toSchoolId") }
            if let group = payload.groupId { try known(group, in: groups, "data.groupId", "group") }
            if let open = openSecondmentByStaff[payload.staffId] {
                throw DomainError(field: "data.staffId", "\(payload.staffId) is already on secondment \"\(open)\"")
            }
            secondments[payload.secondmentId] = SecondmentEntry(payload: payload, stamp: stamp)
            openSecondmentByStaff[payload.staffId] = payload.secondmentId

        case .secondmentEnded(let payload):
            // By index: one lookup, and the entry is read and changed in place, not copied.
            let secondment = try index(of: payload.secondmentId, in: secondments, "data.secondmentId", "secondment")
            guard Self.inPlace(&secondments, secondment, { $0.isOpen }) else {
                throw DomainError(field: "data.secondmentId", "secondment \"\(payload.secondmentId)\" has already ended")
            }
            secondments.values[secondment].ending = payload
            secondments.values[secondment].endStamp = stamp
            if payload.outcome != .extended {
                openSecondmentByStaff[Self.inPlace(&secondments, secondment, { $0.payload.staffId })] = nil
            }

        case .fundAllocated(let payload):
            try unused(payload.allocationId, in: allocations, "data.allocationId", "allocation")
            try known(payload.fromAuthorityId, in: authorities, "data.fromAuthorityId", "authority")
            try openSchool(payload.toSchoolId, "data.toSchoolId")
            if let campus = payload.toCampusId {
                try known(campus, in: campuses, "data.toCampusId", "campus")
                if campuses[campus]?.payload.schoolId != payload.toSchoolId {
                    throw DomainError(field: "data.toCampusId", "campus \"\(campus)\" does not belong to \"\(payload.toSchoolId)\"")
                }
            }
            if let group = payload.groupId { try known(group, in: groups, "data.groupId", "group") }
            if let document = payload.documentId { try known(document, in: documents, "data.documentId", "document") }
            allocations[payload.allocationId] = AllocationEntry(payload: payload, stamp: stamp)

        case .fundEarmarked(let payload):
            try unused(payload.earmarkId, in: earmarks, "data.earmarkId", "earmark")
            let allocation = try index(of: payload.allocationId, in: allocations, "data.allocationId", "allocation")
            if let school = payload.beneficiarySchoolId { try known(school, in: schools, "data.beneficiarySchoolId", "school") }
            if let campus = payload.beneficiaryCampusId { try known(campus, in: campuses, "data.beneficiaryCampusId", "campus") }
            let available = Self.inPlace(&allocations, allocation, { $0.availableFen })
            guard payload.amountFen <= available else {
                throw DomainError(field: "data.amountFen", "earmarking \(payload.amountFen) fen exceeds the \(available) fen still free in allocation \"\(payload.allocationId)\"")
            }
            allocations.values[allocation].earmarkedFen += payload.amountFen
            earmarks[payload.earmarkId] = EarmarkEntry(payload: payload, stamp: stamp)

        case .expenditureRecorded(let payload):
            try unused(payload.expenditureId, in: expenditures, "data.expenditureId", "expenditure")
            try known(payload.payerSchoolId, in: schools, "data.payerSchoolId", "school")
            if let payee = payload.payeeSchoolId { try known(payee, in: schools, "data.payeeSchoolId", "school") }
            if let allocationId = payload.allocationId {
                let allocation = try index(of: allocationId, in: allocations, "data.allocationId", "allocation")
                let available = Self.inPlace(&allocations, allocation, { $0.availableFen })
                guard payload.amountFen <= available else {
                    throw DomainError(field: "data.amountFen", "spending \(payload.amountFen) fen exceeds the \(available) fen left in allocation \"\(allocationId)\" (earmarked money is spent through its earmark)")
                }
                allocations.values[allocation].spentFen += payload.amountFen
            } else if let earmarkId = payload.earmarkId {
                let earmark = try index(of: earmarkId, in: earmarks, "data.earmarkId", "earmark")
                let available = Self.inPlace(&earmarks, earmark, { $0.availableFen })
                guard payload.amountFen <= available else {
                    throw DomainError(field: "data.amountFen", "spending \(payload.amountFen) fen exceeds the \(available) fen left in earmark \"\(earmarkId)\"")
                }
                earmarks.values[earmark].spentFen += payload.amountFen
            }
            expenditures[payload.expenditureId] = Recorded(payload: payload, stamp: stamp)

        case .costShareApportioned(let payload):
            try unused(payload.costShareId, in: costShares, "data.costShareId", "cost share")
            try known(payload.groupId, in: groups, "data.groupId", "group")
            try known(payload.disbursingSchoolId, in: schools, "data.disbursingSchoolId", "school")
            var seen: Set<String> = []
            var sum: Int64 = 0
            for (index, share) in payload.shares.enumerated() {
                try known(share.schoolId, in: schools, "data.shares[\(index)].schoolId", "school")
                guard seen.insert(share.schoolId).inserted else {
                    throw DomainError(field: "data.shares[\(index)].schoolId", "\(share.schoolId) has two shares")
                }
                let (total, overflow) = sum.addingReportingOverflow(share.amountFen)
                guard !overflow else { throw DomainError(field: "data.shares", "the shares overflow") }
                sum = total
            }
            guard sum == payload.totalFen else {
                throw DomainError(field: "data.shares", "the shares add up to \(sum) fen, not the total \(payload.totalFen) fen")
            }
            costShares[payload.costShareId] = Recorded(payload: payload, stamp: stamp)

        case .groupRoleAssigned(let payload):
            try unused(payload.assignmentId, in: roleAssignments, "data.assignmentId", "role assignment")
            try known(payload.groupId, in: groups, "data.groupId", "group")
            try known(payload.staffId, in: staff, "data.staffId", "staff member")
            roleAssignments[payload.assignmentId] = RoleAssignmentEntry(payload: payload, stamp: stamp)

        case .groupRoleEnded(let payload):
            try known(payload.assignmentId, in: roleAssignments, "data.assignmentId", "role assignment")
            if roleAssignments[payload.assignmentId]?.ended != nil {
                throw DomainError(field: "data.assignmentId", "role assignment \"\(payload.assignmentId)\" has already ended")
            }
            roleAssignments[payload.assignmentId]?.ended = stamp

        case .groupActivityHeld(let payload):
            try unused(payload.activityId, in: activities, "data.activityId", "activity")
            try known(payload.groupId, in: groups, "data.groupId", "group")
            try known(payload.hostSchoolId, in: schools, "data.hostSchoolId", "school")
            for (index, school) in payload.participantSchoolIds.enumerated() {
                try known(school, in: schools, "data.participantSchoolIds[\(index)]", "school")
            }
            activities[payload.activityId] = Recorded(payload: payload, stamp: stamp)

        case .groupAssessed(let payload):
            try unused(payload.assessmentId, in: assessments, "data.assessmentId", "assessment")
            try known(payload.groupId, in: groups, "data.groupId", "group")
            for (index, authority) in payload.assessedBy.enumerated() {
                try known(authority, in: authorities, "data.assessedBy[\(index)]", "authority")
            }
            assessments[payload.assessmentId] = Recorded(payload: payload, stamp: stamp)

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
