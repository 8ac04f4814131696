/// An event as a caller submits it: everything except what the ledger assigns when appending
/// (`seq`, `recorded`, `batch`, `prev`).
public struct EventDraft: Equatable, Sendable {
    /// The event type, UpperCamelCase in the past tense, e.g. `SchoolJoinedGroup`.
    public var type: String
    /// The payload schema version (`v`).
    public var version: Int64
    /// When the fact takes effect (valid time), possibly partial.
    public var effective: PartialDate
    /// Who recorded it.
    public var actor: Actor
    /// What it rests on, where the type requires or allows one.
    public var authority: Authority?
    /// The type's payload.
    public var data: JSONObject

    /// Creates a draft. Call `validate()` (or decode through `init(fields:)`) before appending.
    public init(type: String, version: Int64, effective: PartialDate, actor: Actor, authority: Authority? = nil, data: JSONObject) {
        self.type = type
        self.version = version
        self.effective = effective
        self.actor = actor
        self.authority = authority
        self.data = data
    }
}

/// An event as the journal holds it: a draft plus the seq and recorded time the ledger gave it.
public struct RecordedEvent: Equatable, Sendable {
    /// Position in the journal, 1-based and gap-free; equal to the line number.
    public var seq: Int64
    /// When the ledger appended it (transaction time, UTC).
    public var recorded: UTCTimestamp
    /// The submitted content.
    public var draft: EventDraft

    /// Creates a recorded event.
    public init(seq: Int64, recorded: UTCTimestamp, draft: EventDraft) {
        self.seq = seq
        self.recorded = recorded
        self.draft = draft
    }

    /// The event type.
    public var type: String { draft.type }
    /// The payload schema version.
    public var version: Int64 { draft.version }
    /// When the fact takes effect.
    public var effective: PartialDate { draft.effective }
    /// Who recorded it.
    public var actor: Actor { draft.actor }
    /// What it rests on.
    public var authority: Authority? { draft.authority }
    /// The payload.
    public var data: JSONObject { draft.data }
}
