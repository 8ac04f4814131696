import Testing
@testable import LedgerCore

/// The state's dense id tables behave as the dictionaries they replaced, and keep the order in
/// which entries were recorded.
@Suite("Keyed tables")
struct KeyedTableTests {
    @Test func entriesAreFoundByIdAndIteratedInInsertionOrder() {
        var table = KeyedTable<Int>()
        for (number, id) in ["s9", "s1", "学校-五", "s3"].enumerated() { table[id] = number * 10 }
        #expect(table.count == 4)
        #expect(table["s1"] == 10)
        #expect(table["学校-五"] == 20)
        #expect(table["s2"] == nil)
        #expect(table.keys == ["s9", "s1", "学校-五", "s3"])
        #expect(table.map(\.value) == [0, 10, 20, 30])
        #expect(table.index(forKey: "s3") == 3)
        #expect(table.index(forKey: "absent") == nil)
    }

    @Test func replacingAnEntryKeepsItsPlace() {
        var table: KeyedTable<String> = ["a": "一", "b": "二"]
        table["a"] = "壹"
        table["c"] = "三"
        table["absent"] = nil
        #expect(table.keys == ["a", "b", "c"])
        #expect(table.values == ["壹", "二", "三"])
        let position = table.index(forKey: "b")!
        table.values[position] += "号"
        #expect(table["b"] == "二号")
    }

    @Test func equalityIgnoresOrderButNotEntries() {
        let forward: KeyedTable<Int> = ["x": 1, "y": 2, "z": 3]
        let backward: KeyedTable<Int> = ["z": 3, "y": 2, "x": 1]
        #expect(forward == backward)
        #expect(forward != ["x": 1, "y": 2, "z": 4])
        #expect(forward != ["x": 1, "y": 2, "w": 3])
        #expect(forward != ["x": 1, "y": 2])
    }

    @Test func reservingRoomChangesNothingVisible() {
        var table = KeyedTable<Int>()
        table.reserveCapacity(1_000)
        #expect(table.capacity >= 1_000)
        #expect(table.isEmpty)
        for number in 0..<1_000 { table["id-\(number)"] = number }
        #expect(table.capacity >= 1_000)
        #expect(table["id-999"] == 999)
        #expect(table.keys.first == "id-0" && table.keys.last == "id-999")
    }

    @Test func theIndexAgreesWithADictionaryThroughEveryGrowth() {
        // Grown one key at a time from empty (the index rebuilds at 8, 16, 32 … keys), with
        // ids of every length around the hash's 8-byte words, Chinese text, and the empty id.
        var table = KeyedTable<Int>()
        var reference: [String: Int] = [:]
        var generator = CanonicalJSONTests.SeededGenerator(seed: 7)
        for number in 0..<5_000 {
            let length = Int(generator.next() % 20)
            var id = String(repeating: "x", count: length) + "-\(number)"
            if number % 97 == 0 { id = "学校\(number)" }
            if number == 4_321 { id = "" }
            table[id] = number
            reference[id] = number
            if number % 500 == 0 {
                for (key, value) in reference { #expect(table[key] == value) }
            }
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table[key] == value && table.keys[table.index(forKey: key)!] == key) }
        for absent in ["x", "-1", "xx-5000", "学校96", "y-1"] { #expect(table[absent] == nil) }
        #expect(table.capacity >= table.count)
    }

    @Test func appendingANewKeyIsFoundLikeOneSetBySubscript() {
        var table = KeyedTable<String>()
        table.reserveCapacity(3)
        table.append("一", forNewKey: "a")
        table["b"] = "二"
        table.append("三", forNewKey: "c")
        #expect(table.keys == ["a", "b", "c"])
        #expect(table["a"] == "一" && table["c"] == "三")
        #expect(table == ["c": "三", "b": "二", "a": "一"])
    }

    #if DEBUG
    /// The caller promises the key is new; a debug build checks the promise.
    @Test func appendingAKeyAlreadyInTheTableStopsADebugBuild() async {
        await #expect(processExitsWith: .failure) {
            var table = KeyedTable<String>()
            table.append("一", forNewKey: "a")
            table.append("二", forNewKey: "a")
        }
    }
    #endif

    /// An entry that holds its own id, as the state's entries do.
    struct NumberedEntry: KeyedEntry, Equatable {
        var id: String
        var number: Int
        var entryKey: String { id }
    }

    @Test func tablesOfEntriesHoldingTheirIdsAgreeWithADictionary() throws {
        // Lookups here compare the entry's own id (KeyedTable+KeyedEntry), not the `keys` array.
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

    /// Such a table finds entries by their own ids, so filing one under another id is refused
    /// in every build.
    @Test func anEntryFiledUnderAnotherIdStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            var table = KeyedTable<NumberedEntry>()
            table.append(NumberedEntry(id: "a", number: 1), forNewKey: "b")
        }
    }

    @Test func theHashDependsOnEveryByte() {
        // Ids differing in one byte, in the first word, the last word or the tail, and in length.
        let ids = ["staff-00000001", "staff-00000002", "ataff-00000001", "staff-000000010", "staff-0000000", "sec-1", "sec-2", "sec-1 "]
        let hashes = Set(ids.map(KeyIndex.hash))
        #expect(hashes.count == ids.count)
    }
}

