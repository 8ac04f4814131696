/// Equal lists stored once: `shared(_:)` hands back an array already held when an equal one
/// is, so the state's entries share its storage.
///
/// Why: a list in a payload is an allocation of its own (a 32-byte header and the elements,
/// about 64 bytes with malloc's rounding), and most payloads repeat a few lists: every
/// secondment lists what stays with the home school, from six words, so 1.9M secondments of a
/// 10M-event journal held 1.9M copies of a handful of lists.
///
/// Part of the state's storage, not of its value: two states are equal whatever their caches
/// hold.
struct SharedLists<Element: Hashable & Sendable>: Sendable, Equatable {
    private var lists: Set<[Element]> = []

    /// `list`, or the equal list held already.
    mutating func shared(_ list: [Element]) -> [Element] {
        // An empty array allocates nothing: there is nothing to share.
        guard !list.isEmpty else { return list }
        return lists.insert(list).memberAfterInsert
    }

    /// A cache never makes two states differ.
    static func == (left: SharedLists, right: SharedLists) -> Bool { true }
}
