/// Sealed years: once a jurisdiction's year is closed, an event effective in it must say it is
/// an adjustment (`adjustmentZh`) and cite an authority, so the sealed report stays true and the
/// next one can list what changed.
extension LedgerState {
    /// The seal an event effective on its date would break, if any: a seal of one of the
    /// jurisdictions the event touches whose days contain the event's first day.
    public func seal(breakingFor record: DomainEventRecord) -> Recorded<YearSealed>? {
        switch record.event {
        case .yearSealed, .personalDataErased: return nil  // seals and register erasures are not figures of a year
        default: break
        }
        let day = record.effective.firstDayNumber
        // Asked for every event folded: no array of candidates is built, and the jurisdictions
        // the event touches are worked out only when a seal covers its day.
        var touched: Set<String>?
        for seal in seals where seal.payload.days.contains(day) {
            if touched == nil { touched = jurisdictions(of: record.event) }
            if touched!.contains(seal.payload.jurisdictionId) { return seal }
        }
        return nil
    }

    /// Refuses an event effective in a sealed year unless it is an explicit adjustment.
    func refuseIfSealed(_ record: DomainEventRecord) throws(DomainError) {
        guard let seal = seal(breakingFor: record) else { return }
        let payload = record.event.payload
        if payload.provenance.adjustmentZh != nil && record.authority != nil { return }
        let field = payload.provenance.adjustmentZh == nil ? "data.adjustmentZh" : "authority"
        throw DomainError(field: field, "effective \(record.effective) falls in \(seal.payload.jurisdictionId)'s sealed "
            + (seal.payload.basis == .calendar ? "calendar year \(seal.payload.year)" : "school year \(seal.payload.year)-\(seal.payload.year + 1)")
            + " (sealed at seq \(seal.stamp.seq)); record it as an adjustment: data.adjustmentZh with the reason, and an authority (a 文号 or an approval)")
    }

    /// The jurisdictions an event touches: those of every school, group, authority, document,
    /// membership, staff member, secondment, allocation or earmark its payload names, and any
    /// `jurisdictionId` it states.
    public func jurisdictions(of event: DomainEvent) -> Set<String> {
        var found: Set<String> = []
        func visit(_ value: JSONValue) {
            switch value {
            case .string(let text): if let id = jurisdiction(ofId: text) { found.insert(id) }
            case .array(let items): items.forEach(visit)
            case .object(let object): object.forEach { visit($0.value) }
            default: break
            }
        }
        let object = event.payload.jsonObject
        if let stated = object["jurisdictionId"]?.stringValue { found.insert(stated) }
        visit(.object(object))
        return found
    }

    private func jurisdiction(ofId id: String) -> String? {
        if let school = schools[id] { return school.payload.jurisdictionId }
        if let group = groups[id] { return group.jurisdictionId }
        if let authority = authorities[id] { return authority.payload.jurisdictionId }
        if let document = documents[id] { return document.payload.jurisdictionId }
        if let membership = memberships[id] { return groups[membership.groupId]?.jurisdictionId }
        if let staff = staff[id] { return schools[staff.payload.homeSchoolId]?.payload.jurisdictionId }
        if let secondment = secondments[id] { return schools[secondment.payload.fromSchoolId]?.payload.jurisdictionId }
        if let allocation = allocations[id] { return schools[allocation.payload.toSchoolId]?.payload.jurisdictionId }
        if let earmark = earmarks[id], let allocation = allocations[earmark.payload.allocationId] {
            return schools[allocation.payload.toSchoolId]?.payload.jurisdictionId
        }
        return nil
    }
}
