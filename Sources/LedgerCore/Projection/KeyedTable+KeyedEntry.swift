/// Lookups in tables whose entries hold their own ids (see `KeyedEntry`): the id found through
/// the hash index is compared with the entry's, not with the table's `keys` array, so a lookup
/// of a known id touches the index and the entry, not a third place. Where the entry type is
/// known, these overloads are chosen over the general ones, with the same results.
extension KeyedTable where Value: KeyedEntry {
    /// The position of `key`'s entry in `values`, if it has one.
    // Inlinable so that callers in other modules (reports, the CLI) get it specialized for
    // their entry type: unspecialized, reading `entryKey` copied the whole entry.
    @inlinable
    public func index(forKey key: String) -> Int? {
        positions.position(of: key) { values[$0].entryKey == key }
    }

    /// The entry recorded under `key`, if any.
    @inlinable
    public subscript(key: String) -> Value? {
        guard let position = index(forKey: key) else { return nil }
        return values[position]
    }

    /// Adds an entry under `key`, which must be the entry's own id and not yet in the table.
    public mutating func append(_ value: Value, forNewKey key: String) {
        precondition(value.entryKey == key, "an entry is filed under its own id: \(value.entryKey), not \(key)")
        appendUnchecked(value, forNewKey: key)
    }

    /// Refuses `id` when it already has an entry.
    func requireUnused(_ id: String, _ field: String, _ noun: String) throws(DomainError) {
        try Self.refuseIfFound(index(forKey: id), id, field, noun)
    }

    /// Refuses `id` when it has no entry.
    func requireKnown(_ id: String, _ field: String, _ noun: String) throws(DomainError) {
        _ = try requirePosition(of: id, field, noun)
    }

    /// The position of a known id's entry, to read and change it in place with one lookup.
    func requirePosition(of id: String, _ field: String, _ noun: String) throws(DomainError) -> Int {
        try Self.requireFound(index(forKey: id), id, field, noun)
    }
}
