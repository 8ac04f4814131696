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
}
