/// Equal lists stored once: `shared(_:)` hands back an array already held when an equal one
/// is, so the state's entries share its storage.
///
/// Why: a list in a payload is an allocation of its own (a 32-byte header and the elements,
/// about 64 bytes with malloc's rounding), and most payloads repeat a few lists: every
/// secondment lists what stays with the home school, from six words, so 1.9M secondments of a
/// 10M-event journal held 1.9M copies of a handful of lists.
///
/// Not used for activities' participant lists, which also repeat (a group's activities name
/// the same few member schools): sharing them took 96 MB off a 10M-event replay's peak RSS
/// but cost it 5% more CPU, the set's probes missing the cache (about 200k distinct lists),
/// and growth from 1M to 10M events is a target where that much memory is not.
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

    /// How many distinct lists are held.
    var count: Int { lists.count }

    /// The addresses of the held lists' storage (for size estimates: entries sharing a list
    /// do not each own its bytes).
    var storageAddresses: Set<UnsafeRawPointer> { Set(lists.compactMap(Self.storageAddress(of:))) }

    /// Lists the set can hold without growing.
    var capacity: Int { lists.capacity }

    /// Elements in all the held lists together.
    var elementCount: Int { lists.reduce(0) { $0 + $1.count } }

    /// The address of a non-empty list's storage (an empty array owns none).
    static func storageAddress(of list: [Element]) -> UnsafeRawPointer? {
        list.withUnsafeBufferPointer { $0.isEmpty ? nil : $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    /// A cache never makes two states differ.
    static func == (left: SharedLists, right: SharedLists) -> Bool { true }
}
