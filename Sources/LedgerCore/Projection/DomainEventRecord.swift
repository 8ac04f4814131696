/// A recorded event with its typed payload: what projections fold over.
public struct DomainEventRecord: Sendable, Equatable {
    /// The journal seq.
    public var seq: Int64
    /// When the ledger recorded it (transaction time).
    public var recorded: UTCTimestamp
    /// When it takes effect (valid time).
    public var effective: PartialDate
    /// Who recorded it.
    public var actor: Actor
    /// What it rests on.
    public var authority: Authority?
    /// The typed payload.
    public var event: DomainEvent

    /// Creates a record.
    public init(seq: Int64, recorded: UTCTimestamp, effective: PartialDate, actor: Actor, authority: Authority?, event: DomainEvent) {
        self.seq = seq
        self.recorded = recorded
        self.effective = effective
        self.actor = actor
        self.authority = authority
        self.event = event
    }

    /// Decodes a recorded event's payload through the catalogue.
    /// - Throws: `DomainError` when the type, role, authority or payload is refused.
    public init(_ recordedEvent: RecordedEvent) throws(DomainError) {
        self.init(seq: recordedEvent.seq, recorded: recordedEvent.recorded, effective: recordedEvent.effective,
                  actor: recordedEvent.actor, authority: recordedEvent.authority, event: try EventCatalog.decode(recordedEvent.draft))
    }
}
