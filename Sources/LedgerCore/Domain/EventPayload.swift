/// A typed event payload: one struct per event type of Journal/EVENTS.md, named exactly as
/// the type, with properties named exactly as the JSON members.
public protocol EventPayload: Sendable, Equatable {
    /// The event type as stored in `type`, e.g. `SchoolJoinedGroup`.
    static var eventType: String { get }
    /// The payload schema version this code writes; older versions are upcast when read.
    static var currentVersion: Int64 { get }
    /// The roles that may append this type.
    static var issuerRoles: Set<IssuerRole> { get }
    /// Whether the envelope must carry an `authority` (a document or an approval).
    static var requiresAuthority: Bool { get }

    /// Decodes a payload written at `version` (≤ `currentVersion`), upcasting older shapes.
    /// Must call `reader.finish()` last, and store the provenance it returns.
    init(reading reader: inout PayloadReader, version: Int64) throws(DomainError)

    /// Writes the payload in the current version's shape.
    func write(to writer: inout PayloadWriter)

    /// Documented or synthetic, and what is inferred.
    var provenance: Provenance { get }
}

extension EventPayload {
    /// Most types need no authority in the envelope.
    public static var requiresAuthority: Bool { false }

    /// The payload as a JSON object.
    public var jsonObject: JSONObject {
        var writer = PayloadWriter()
        write(to: &writer)
        writer.provenance(provenance)
        return writer.object
    }

    /// Whether any string value of `jsonObject` (nested ones included; keys are not values) is
    /// exactly `text`, answered without building the object: `history` asks it of every event
    /// of the journal.
    public func mentions(_ text: String) -> Bool {
        var writer = PayloadWriter(seeking: text)
        write(to: &writer)
        writer.provenance(provenance)
        return writer.found
    }
}
