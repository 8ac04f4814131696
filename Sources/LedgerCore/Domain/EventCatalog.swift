/// Maps a stored event type to its payload struct, checks who may record it, and decodes its
/// payload at the version it was written in (older versions are upcast by the payload's reader).
public enum EventCatalog {
    /// Decodes one kind of payload into a `DomainEvent`.
    typealias Decoder = @Sendable (inout PayloadReader, Int64) throws(DomainError) -> DomainEvent

    /// One entry of the catalogue.
    struct Entry: Sendable {
        let payloadType: any EventPayload.Type
        let decode: Decoder
    }

    /// Every type, by its stored name.
    static let entries: [String: Entry] = {
        var entries: [String: Entry] = [:]
        func add<Payload: EventPayload>(_ type: Payload.Type, _ wrap: @escaping @Sendable (Payload) -> DomainEvent) {
            entries[Payload.eventType] = Entry(payloadType: type) { (reader: inout PayloadReader, version: Int64) throws(DomainError) -> DomainEvent in
                wrap(try Payload(reading: &reader, version: version))
            }
        }
        add(AuthorityRegistered.self, DomainEvent.authorityRegistered)
        add(PolicyDocumentRegistered.self, DomainEvent.policyDocumentRegistered)
        add(SchoolRegistered.self, DomainEvent.schoolRegistered)
        add(CampusRegistered.self, DomainEvent.campusRegistered)
        add(SchoolRenamed.self, DomainEvent.schoolRenamed)
        add(SchoolClosed.self, DomainEvent.schoolClosed)
        add(HeadcountRecorded.self, DomainEvent.headcountRecorded)
        add(PolicyProfileAdopted.self, DomainEvent.policyProfileAdopted)
        add(ApprovalRequested.self, DomainEvent.approvalRequested)
        add(ApprovalDecided.self, DomainEvent.approvalDecided)
        add(GroupProposed.self, DomainEvent.groupProposed)
        add(GroupEstablished.self, DomainEvent.groupEstablished)
        add(GroupStatusChanged.self, DomainEvent.groupStatusChanged)
        add(SchoolJoinedGroup.self, DomainEvent.schoolJoinedGroup)
        add(SchoolExitedGroup.self, DomainEvent.schoolExitedGroup)
        add(GroupLeadChanged.self, DomainEvent.groupLeadChanged)
        add(StaffRegistered.self, DomainEvent.staffRegistered)
        add(StaffCredentialRecorded.self, DomainEvent.staffCredentialRecorded)
        add(SecondmentStarted.self, DomainEvent.secondmentStarted)
        add(SecondmentEnded.self, DomainEvent.secondmentEnded)
        add(FundAllocated.self, DomainEvent.fundAllocated)
        add(FundEarmarked.self, DomainEvent.fundEarmarked)
        add(ExpenditureRecorded.self, DomainEvent.expenditureRecorded)
        add(CostShareApportioned.self, DomainEvent.costShareApportioned)
        add(GroupRoleAssigned.self, DomainEvent.groupRoleAssigned)
        add(GroupRoleEnded.self, DomainEvent.groupRoleEnded)
        add(GroupActivityHeld.self, DomainEvent.groupActivityHeld)
        add(GroupAssessed.self, DomainEvent.groupAssessed)
        add(EntryCorrected.self, DomainEvent.entryCorrected)
        add(PersonalDataErased.self, DomainEvent.personalDataErased)
        add(YearSealed.self, DomainEvent.yearSealed)
        return entries
    }()

    /// The stored names of every type, sorted.
    public static var eventTypes: [String] { entries.keys.sorted() }

    /// The payload struct of a stored type name.
    public static func payloadType(named name: String) -> (any EventPayload.Type)? { entries[name]?.payloadType }

    /// Decodes `draft`'s payload after checking its type, version, issuer role and authority.
    /// - Throws: `DomainError` naming the envelope field (`type`, `v`, `actor.role`, `authority`)
    ///   or the payload field (`data.…`).
    public static func decode(_ draft: EventDraft) throws(DomainError) -> DomainEvent {
        let entry = try checkedEntry(draft)
        var reader = PayloadReader(draft.data)
        return try entry.decode(&reader, draft.version)
    }

    /// Decodes like `decode(_:)`, reading the payload from `checkedData`, bytes that
    /// `JSONParser.checkedCanonicalPrefix(_:limits:)` accepted under `limits` as one object,
    /// instead of from `draft.data`: no JSON tree is built. It decodes the same payload, and
    /// refuses the same drafts, as `decode(_:)` given the object those bytes hold.
    public static func decode(_ draft: EventDraft, checkedData: UnsafeRawBufferPointer, limits: JSONLimits) throws(DomainError) -> DomainEvent {
        let entry = try checkedEntry(draft)
        return try CanonicalMembers.withMembers(ofChecked: checkedData, limits: limits) { (members) throws(DomainError) -> DomainEvent in
            var reader = PayloadReader(members)
            return try entry.decode(&reader, draft.version)
        }
    }

    /// The catalogue entry of `draft`'s type, once its version, issuer and authority are checked.
    private static func checkedEntry(_ draft: EventDraft) throws(DomainError) -> Entry {
        guard let entry = entries[draft.type] else {
            throw DomainError(field: "type", "unknown event type \"\(draft.type)\"; see Journal/EVENTS.md for the \(entries.count) types")
        }
        let payloadType = entry.payloadType
        guard draft.version >= 1, draft.version <= payloadType.currentVersion else {
            throw DomainError(field: "v", "\(draft.type) has schema versions 1–\(payloadType.currentVersion), found \(draft.version)")
        }
        try checkOpaque(draft.actor.id, field: "actor.id")
        try checkOpaque(draft.actor.onBehalfOf, field: "actor.onBehalfOf")
        // The list of allowed roles is built only for an error: every replayed event passes here.
        func allowed() -> String { payloadType.issuerRoles.map(\.rawValue).sorted().joined(separator: ", ") }
        guard let roleText = draft.actor.role else {
            throw DomainError(field: "actor.role", "missing; \(draft.type) may be recorded by \(allowed())")
        }
        guard let role = IssuerRole(rawValue: roleText), payloadType.issuerRoles.contains(role) else {
            throw DomainError(field: "actor.role", "\(roleText) may not record \(draft.type); it may be recorded by \(allowed())")
        }
        if payloadType.requiresAuthority && draft.authority == nil {
            throw DomainError(field: "authority", "\(draft.type) must cite the document (文号) or approval it rests on")
        }
        return entry
    }

    /// Refuses a person's name where an opaque id belongs.
    private static func checkOpaque(_ value: String?, field: String) throws(DomainError) {
        // People appear in the journal only by opaque id: a name written here would sit in the
        // hash chain for ever, beyond the reach of an erasure. Names go in the register.
        guard let value, !PayloadReader.isIdentifier(value) else { return }
        throw DomainError(field: field, "expected an opaque id (lowercase letters, digits and '-'), found \"\(value)\"; names belong in the personal-data register")
    }
}
