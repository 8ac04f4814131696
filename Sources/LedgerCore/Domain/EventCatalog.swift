/// Maps a stored event type to its payload struct, checks who may record it, and decodes its
/// payload at the version it was written in (older versions are upcast by the payload's reader).
public enum EventCatalog {
    /// One entry of the catalogue: a type's payload struct, and what every decode checks as
    /// plain values (a replay checks each event against its entry, on two threads at once, and
    /// a set or a closure would be reference-counted there).
    struct Entry: Sendable {
        /// The type's `DomainEvent.typeIndex`.
        let typeIndex: Int
        let payloadType: any EventPayload.Type
        let currentVersion: Int64
        /// The roles that may record the type, one bit each (`IssuerRole.bit`).
        let issuerBits: UInt16
        let requiresAuthority: Bool

        init(typeIndex: Int, payloadType: any EventPayload.Type) {
            self.typeIndex = typeIndex
            self.payloadType = payloadType
            currentVersion = payloadType.currentVersion
            issuerBits = payloadType.issuerRoles.reduce(0) { $0 | $1.bit }
            requiresAuthority = payloadType.requiresAuthority
        }

        /// Decodes a payload of this type written at `version`.
        func decode(_ reader: inout PayloadReader, _ version: Int64) throws(DomainError) -> DomainEvent {
            try DomainEvent.decodePayload(typeIndex: typeIndex, &reader, version: version)
        }
    }

    /// The entries by `DomainEvent.typeIndex`.
    static let entriesByTypeIndex: [Entry] = DomainEvent.payloadTypesByIndex.enumerated().map { Entry(typeIndex: $0.offset, payloadType: $0.element) }

    /// Every type, by its stored name.
    static let entries: [String: Entry] = Dictionary(uniqueKeysWithValues: entriesByTypeIndex.map { ($0.payloadType.eventType, $0) })

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

    /// Decodes like `decode(_:)` an event whose type is known by its index
    /// (`DomainEvent.typeIndex`) and whose envelope parts were read without a draft, reading
    /// the payload from `checkedData`, bytes that `JSONParser.checkedCanonicalPrefix(_:limits:)`
    /// accepted under `limits` as one object: no JSON tree is built. It decodes the same
    /// payload, and refuses the same events, as `decode(_:)` given the object those bytes hold.
    /// `issuer` is the actor's role as an `IssuerRole` (nil when it names none), matched by the
    /// caller from the bytes.
    public static func decode(typeIndex: Int, version: Int64, actor: Actor, issuer: IssuerRole?, authority: Authority?,
                              checkedData: UnsafeRawBufferPointer, limits: JSONLimits) throws(DomainError) -> DomainEvent {
        let entry = entriesByTypeIndex[typeIndex]
        try check(entry, type: DomainEvent.typeNamesByIndex[typeIndex], version: version, actor: actor, issuer: issuer, authority: authority)
        return try decodePayload(entry, version: version, checkedData: checkedData, limits: limits)
    }

    /// Reads `entry`'s payload from checked canonical bytes (no JSON tree is built).
    private static func decodePayload(_ entry: Entry, version: Int64, checkedData: UnsafeRawBufferPointer,
                                      limits: JSONLimits) throws(DomainError) -> DomainEvent {
        try CanonicalMembers.withMembers(ofChecked: checkedData, limits: limits) { (members) throws(DomainError) -> DomainEvent in
            var reader = PayloadReader(members)
            return try entry.decode(&reader, version)
        }
    }

    /// The catalogue entry of `draft`'s type, once its version, issuer and authority are checked.
    private static func checkedEntry(_ draft: EventDraft) throws(DomainError) -> Entry {
        guard let entry = entries[draft.type] else {
            throw DomainError(field: "type", "unknown event type \"\(draft.type)\"; see Journal/EVENTS.md for the \(entries.count) types")
        }
        try check(entry, type: draft.type, version: draft.version, actor: draft.actor,
                  issuer: draft.actor.role.flatMap(IssuerRole.init(rawValue:)), authority: draft.authority)
        return entry
    }

    /// Checks an event of `entry`'s type: its version, issuer and authority. `issuer` is the
    /// actor's role as an `IssuerRole`, nil when it names none.
    private static func check(_ entry: Entry, type: String, version: Int64, actor: Actor, issuer: IssuerRole?,
                              authority: Authority?) throws(DomainError) {
        guard version >= 1, version <= entry.currentVersion else {
            throw DomainError(field: "v", "\(type) has schema versions 1–\(entry.currentVersion), found \(version)")
        }
        try checkOpaque(actor.id, field: "actor.id")
        try checkOpaque(actor.onBehalfOf, field: "actor.onBehalfOf")
        // The list of allowed roles is built only for an error: every replayed event passes here.
        func allowed() -> String { entry.payloadType.issuerRoles.map(\.rawValue).sorted().joined(separator: ", ") }
        guard let roleText = actor.role else {
            throw DomainError(field: "actor.role", "missing; \(type) may be recorded by \(allowed())")
        }
        guard let issuer, entry.issuerBits & issuer.bit != 0 else {
            throw DomainError(field: "actor.role", "\(roleText) may not record \(type); it may be recorded by \(allowed())")
        }
        if entry.requiresAuthority && authority == nil {
            throw DomainError(field: "authority", "\(type) must cite the document (文号) or approval it rests on")
        }
    }

    /// Refuses a person's name where an opaque id belongs.
    private static func checkOpaque(_ value: String?, field: String) throws(DomainError) {
        // People appear in the journal only by opaque id: a name written here would sit in the
        // hash chain for ever, beyond the reach of an erasure. Names go in the register.
        guard let value, !PayloadReader.isIdentifier(value) else { return }
        throw DomainError(field: field, "expected an opaque id (lowercase letters, digits and '-'), found \"\(value)\"; names belong in the personal-data register")
    }
}

extension IssuerRole {
    /// A bit of its own, for the sets of roles checked on every event.
    var bit: UInt16 {
        switch self {
        case .ledgerAdmin: 1 << 0
        case .bureauClerk: 1 << 1
        case .bureauApprover: 1 << 2
        case .leadingGroupOffice: 1 << 3
        case .financeClerk: 1 << 4
        case .coreSchoolClerk: 1 << 5
        case .memberSchoolClerk: 1 << 6
        case .councilSecretary: 1 << 7
        }
    }
}
