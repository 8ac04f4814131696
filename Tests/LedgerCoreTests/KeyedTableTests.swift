import Testing
@testable import LedgerCore

/// The state's dense id tables behave as the dictionaries they replaced, and keep the order in
/// which entries were recorded.
@Suite("Keyed tables")
struct KeyedTableTests {
    /// An entry that holds its own id, as the state's entries do.
    struct NumberedEntry: KeyedEntry, Equatable {
        var id: String
        var number: Int
        var entryKey: String { id }
    }

    /// A table of `NumberedEntry`s from (id, number) pairs, in order.
    static func table(_ pairs: KeyValuePairs<String, Int>) -> KeyedTable<NumberedEntry> {
        var table = KeyedTable<NumberedEntry>()
        for (id, number) in pairs { table[id] = NumberedEntry(id: id, number: number) }
        return table
    }

    @Test func entriesAreFoundByIdAndIteratedInInsertionOrder() {
        var table = KeyedTable<NumberedEntry>()
        for (number, id) in ["s9", "s1", "学校-五", "s3"].enumerated() { table[id] = NumberedEntry(id: id, number: number * 10) }
        #expect(table.count == 4)
        #expect(table["s1"]?.number == 10)
        #expect(table["学校-五"]?.number == 20)
        #expect(table["s2"] == nil)
        #expect(table.keys == ["s9", "s1", "学校-五", "s3"])
        #expect(table.map(\.key) == ["s9", "s1", "学校-五", "s3"])
        #expect(table.map(\.value.number) == [0, 10, 20, 30])
        #expect(table.index(forKey: "s3") == 3)
        #expect(table.index(forKey: "absent") == nil)
    }

    @Test func replacingAnEntryKeepsItsPlace() {
        var table: KeyedTable<NumberedEntry> = ["a": NumberedEntry(id: "a", number: 1), "b": NumberedEntry(id: "b", number: 2)]
        table["a"] = NumberedEntry(id: "a", number: 11)
        table["c"] = NumberedEntry(id: "c", number: 3)
        table["absent"] = nil
        #expect(table.keys == ["a", "b", "c"])
        #expect(table.values.map(\.number) == [11, 2, 3])
        let position = table.index(forKey: "b")!
        table.values[position].number += 20
        #expect(table["b"]?.number == 22)
    }

    @Test func equalityIgnoresOrderButNotEntries() {
        let forward = Self.table(["x": 1, "y": 2, "z": 3])
        let backward = Self.table(["z": 3, "y": 2, "x": 1])
        #expect(forward == backward)
        #expect(forward != Self.table(["x": 1, "y": 2, "z": 4]))
        #expect(forward != Self.table(["x": 1, "y": 2, "w": 3]))
        #expect(forward != Self.table(["x": 1, "y": 2]))
    }

    @Test func reservingRoomChangesNothingVisible() {
        var table = KeyedTable<NumberedEntry>()
        table.reserveCapacity(1_000)
        #expect(table.capacity >= 1_000)
        #expect(table.isEmpty)
        for number in 0..<1_000 { table["id-\(number)"] = NumberedEntry(id: "id-\(number)", number: number) }
        #expect(table.capacity >= 1_000)
        #expect(table["id-999"]?.number == 999)
        #expect(table.keys.first == "id-0" && table.keys.last == "id-999")
        // Reserving more once full rehashes every id the index holds.
        table.reserveCapacity(5_000)
        #expect(table.capacity >= 5_000)
        for number in [0, 1, 500, 999] { #expect(table["id-\(number)"]?.number == number) }
        #expect(table["id-1000"] == nil)
    }

    @Test func theIndexAgreesWithADictionaryThroughEveryGrowth() {
        // Grown one key at a time from empty (the index rebuilds at 8, 16, 32 … keys), with
        // ids of every length around the hash's 8-byte words, Chinese text, and the empty id.
        var table = KeyedTable<NumberedEntry>()
        var reference: [String: Int] = [:]
        var generator = CanonicalJSONTests.SeededGenerator(seed: 7)
        for number in 0..<5_000 {
            let length = Int(generator.next() % 20)
            var id = String(repeating: "x", count: length) + "-\(number)"
            if number % 97 == 0 { id = "学校\(number)" }
            if number == 4_321 { id = "" }
            table[id] = NumberedEntry(id: id, number: number)
            reference[id] = number
            if number % 500 == 0 {
                for (key, value) in reference { #expect(table[key]?.number == value) }
            }
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table[key]?.number == value && table.values[table.index(forKey: key)!].id == key) }
        for absent in ["x", "-1", "xx-5000", "学校96", "y-1"] { #expect(table[absent] == nil) }
        #expect(table.capacity >= table.count)
    }

    @Test func appendingANewKeyIsFoundLikeOneSetBySubscript() {
        var table = KeyedTable<NumberedEntry>()
        table.reserveCapacity(3)
        table.append(NumberedEntry(id: "a", number: 1), forNewKey: "a")
        table["b"] = NumberedEntry(id: "b", number: 2)
        table.append(NumberedEntry(id: "c", number: 3), forNewKey: "c")
        #expect(table.keys == ["a", "b", "c"])
        #expect(table["a"]?.number == 1 && table["c"]?.number == 3)
        #expect(table == Self.table(["c": 3, "b": 2, "a": 1]))
    }

    #if DEBUG
    /// The caller promises the key is new; a debug build checks the promise.
    @Test func appendingAKeyAlreadyInTheTableStopsADebugBuild() async {
        await #expect(processExitsWith: .failure) {
            var table = KeyedTable<NumberedEntry>()
            table.append(NumberedEntry(id: "a", number: 1), forNewKey: "a")
            table.append(NumberedEntry(id: "a", number: 2), forNewKey: "a")
        }
    }
    #endif

    @Test func tablesOfEntriesHoldingTheirIdsAgreeWithADictionary() throws {
        // The checks a fold makes (requireUnused, requirePosition, requireKnown) on the same ids.
        var table = KeyedTable<NumberedEntry>()
        var reference: [String: Int] = [:]
        var generator = CanonicalJSONTests.SeededGenerator(seed: 11)
        for number in 0..<5_000 {
            var id = String(repeating: "y", count: Int(generator.next() % 20)) + "-\(number)"
            if number % 89 == 0 { id = "校区\(number)" }
            if number % 2 == 0 {
                try table.requireUnused(id, "data.id", "entry")
                table.append(NumberedEntry(id: id, number: number), forNewKey: id)
            } else {
                table[id] = NumberedEntry(id: id, number: number)
            }
            reference[id] = number
        }
        #expect(table.count == reference.count)
        for (key, number) in reference {
            let position = try table.requirePosition(of: key, "data.id", "entry")
            #expect(table.values[position] == NumberedEntry(id: key, number: number) && table.keys[position] == key)
            #expect(table[key]?.number == number && table.index(forKey: key) == position)
            #expect(throws: DomainError.self) { try table.requireUnused(key, "data.id", "entry") }
        }
        for absent in ["y", "-1", "yy-5000", "校区88", "z-1"] {
            #expect(table[absent] == nil && table.index(forKey: absent) == nil)
            #expect(throws: DomainError.self) { try table.requireKnown(absent, "data.id", "entry") }
        }
    }

    /// A table finds entries by their own ids, so filing one under another id is refused in
    /// every build, by `append` and by the subscript alike.
    @Test func anEntryFiledUnderAnotherIdStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var table = KeyedTable<NumberedEntry>()
            table.append(NumberedEntry(id: "a", number: 1), forNewKey: "b")
        }
        await #expect(processExitsWith: .failure) {
            var table = KeyedTable<NumberedEntry>()
            table["b"] = NumberedEntry(id: "a", number: 1)
        }
        await #expect(processExitsWith: .failure) {
            var table = Self.table(["a": 1])
            table["a"] = NumberedEntry(id: "b", number: 2)
        }
    }

    @Test func theHashDependsOnEveryByte() {
        // Ids differing in one byte, in the first word, the last word or the tail, and in length.
        let ids = ["staff-00000001", "staff-00000002", "ataff-00000001", "staff-000000010", "staff-0000000", "sec-1", "sec-2", "sec-1 "]
        let hashes = Set(ids.map(KeyIndex.hash))
        #expect(hashes.count == ids.count)
    }
}

