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
    /// (labels and dates in Chinese with `.zh`; `data` stays the stored JSON either way).
    public static func block(_ event: RecordedEvent, language: Language, names: (String) -> String? = { _ in nil }) -> String {
        var text = "seq \(event.seq)  \(event.type) v\(event.version)\n"
        let width = language.labelWidth([.recorded, .effective, .actor, .authority, .data])
        func row(_ label: Label, _ value: String) { text += "  " + DisplayWidth.padded(language.label(label), to: width) + value + "\n" }
        // Stored in UTC; people read Beijing time (JSON output keeps the stored UTC value).
        row(.recorded, language.recorded(event.recorded))
        row(.effective, language.date(event.effective))
        row(.actor, actorText(event.actor, language: language, names: names))
        if let authority = event.authority { row(.authority, authorityText(authority, language: language)) }
        row(.data, String(decoding: CanonicalJSON.encode(.object(event.data)), as: UTF8.self))
        return text
    }

    /// `clerk7 王芳 (BureauClerk) for sy-edu`: the register's name after the id when it has one.
    public static func actorText(_ actor: Actor, language: Language, names: (String) -> String? = { _ in nil }) -> String {
        var text = actor.id
        if let name = names(actor.id) { text += " \(name)" }
        if let role = actor.role { text += " (\(role))" }
        if let onBehalfOf = actor.onBehalfOf { text += language.choose(" for ", "，代表 ") + onBehalfOf }
        return text
    }

    /// `邵教发〔2023〕50号, approval ap-1, clause 五、1.` (`审批 ap-1，条款 五、1.` in Chinese).
    public static func authorityText(_ authority: Authority, language: Language) -> String {
        var parts: [String] = []
        if let document = authority.document { parts.append(document) }
        if let approval = authority.approval { parts.append(language.choose("approval ", "审批 ") + approval) }
        if let clause = authority.clause { parts.append(language.choose("clause ", "条款 ") + clause) }
        return parts.joined(separator: language.choose(", ", "，"))
    }
}
