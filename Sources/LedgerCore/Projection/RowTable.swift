/// A row a state table keeps in place of the entry it stands for: ids of other entities as
/// positions in their tables, repeated text by number. Read back as the entry through a
/// `RowTable`, so readers see the entries they always had.
public protocol CompactRow: KeyedEntry {
    /// What the row refers into to be read back (tables, interned text).
    associatedtype Context: Sendable
    /// The entry it stands for.
    associatedtype Entry
    /// The entry, built from the row and what it refers to.
    func entry(in context: Context) -> Entry
}

/// A read-only view of a table of compact rows that gives each row back as its entry, built
/// when read.
public struct RowTable<Row: CompactRow>: Sendable {
    /// The rows.
    let rows: KeyedTable<Row>
    /// What the rows refer into.
    let context: Row.Context

    /// How many entries there are.
    public var count: Int { rows.count }
    /// Whether there are none.
    public var isEmpty: Bool { rows.count == 0 }
    /// The entries' ids, in the order they were recorded.
    public var keys: [String] { rows.keys }

    /// The entry with this id.
    public subscript(id: String) -> Row.Entry? {
        rows.index(forKey: id).map { values[$0] }
    }

    /// The entries in the order they were recorded (positions are 0-based).
    public var values: Values { Values(table: self) }

    /// The entries in table order, each built when read.
    public struct Values: RandomAccessCollection, Sendable {
        let table: RowTable
        public var startIndex: Int { 0 }
        public var endIndex: Int { table.rows.count }

        /// The entry at `position` in the table.
        public subscript(position: Int) -> Row.Entry {
            table.rows.values[position].entry(in: table.context)
        }
    }
}
