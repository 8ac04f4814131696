public import LedgerCore

/// Renders recorded events as plain text blocks for people, one block per event.
public enum EventText {
    /// A block like:
    /// ```
    /// seq 14  SchoolJoinedGroup v1
    ///   recorded   2025-01-10 10:05:00 Beijing time (UTC+8)
    ///   effective  2024-09-01
    ///   actor      clerk7 (BureauClerk) for sy-edu
    ///   authority  邵教发〔2023〕50号
    ///   data       {"groupId":"sy-g1",…}
    /// ```
    public static func block(_ event: RecordedEvent, names: (String) -> String? = { _ in nil }) -> String {
        var text = "seq \(event.seq)  \(event.type) v\(event.version)\n"
        // Stored in UTC; people read Beijing time (JSON output keeps the stored UTC value).
        text += "  recorded   \(Language.en.recorded(event.recorded))\n"
        text += "  effective  \(event.effective)\n"
        text += "  actor      \(actorText(event.actor, names: names))\n"
        if let authority = event.authority { text += "  authority  \(authorityText(authority))\n" }
        text += "  data       \(String(decoding: CanonicalJSON.encode(.object(event.data)), as: UTF8.self))\n"
        return text
    }

    /// `clerk7 王芳 (BureauClerk) for sy-edu`: the register's name after the id when it has one.
    public static func actorText(_ actor: Actor, names: (String) -> String? = { _ in nil }) -> String {
        var text = actor.id
        if let name = names(actor.id) { text += " \(name)" }
        if let role = actor.role { text += " (\(role))" }
        if let onBehalfOf = actor.onBehalfOf { text += " for \(onBehalfOf)" }
        return text
    }

    /// `邵教发〔2023〕50号, approval ap-1, clause 五、1.`.
    public static func authorityText(_ authority: Authority) -> String {
        var parts: [String] = []
        if let document = authority.document { parts.append(document) }
        if let approval = authority.approval { parts.append("approval \(approval)") }
        if let clause = authority.clause { parts.append("clause \(clause)") }
        return parts.joined(separator: ", ")
    }
}
