/// The checks a fold makes on ids, as refusals naming the payload's field.
///
/// Methods of the table rather than of `LedgerState`: a non-mutating method of the state,
/// called from the mutating fold, made the compiler copy the whole state (retaining each of
/// its ~30 tables) for every call, several times per event.
extension KeyedTable {
    /// Refuses `id` when it already has an entry.
    func requireUnused(_ id: String, _ field: String, _ noun: String) throws(DomainError) {
        // By position, not value: `self[id]` would copy the whole entry (retaining each of
        // its strings) only to compare it with nil.
        if index(forKey: id) != nil { throw DomainError(field: field, "\(noun) \"\(id)\" is already registered") }
    }

    /// Refuses `id` when it has no entry.
    func requireKnown(_ id: String, _ field: String, _ noun: String) throws(DomainError) {
        _ = try requirePosition(of: id, field, noun)
    }

    /// The position of a known id's entry, to read and change it in place with one lookup.
    func requirePosition(of id: String, _ field: String, _ noun: String) throws(DomainError) -> Int {
        guard let position = index(forKey: id) else { throw DomainError(field: field, "unknown \(noun) \"\(id)\"") }
        return position
    }
}
