import Testing
@testable import LedgerCore

/// `CompactIdSet` holds exactly the ids a `Set<String>` would, whatever their shape: numbered
/// in few families (kept as numbers), with leading zeros, without digits, with too many digits,
/// or in more families than it keeps as numbers (kept as strings).
@Suite("Compact id set")
struct CompactIdSetTests {
    /// Inserts `ids` into both sets, checking each answer against the model's.
    static func expectAgrees(_ ids: [String], _ set: inout CompactIdSet, _ model: inout Set<String>,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        for id in ids {
            #expect(set.contains(id) == model.contains(id), "contains \(id)", sourceLocation: sourceLocation)
            let inserted = set.insert(id)
            #expect(inserted == model.insert(id).inserted, "insert \(id)", sourceLocation: sourceLocation)
            #expect(set.contains(id), "\(id) after inserting it", sourceLocation: sourceLocation)
        }
        #expect(set.count == model.count, sourceLocation: sourceLocation)
    }

    @Test func agreesWithASetOfStringsOnIdsOfEveryShape() {
        var numbers = GeneratedHistory.Generator(state: 7)
        var ids: [String] = []
        let stems = ["sec-", "ex-", "act-", "cs-", "", "ex-2024-", "a"]
        for _ in 0..<20_000 {
            let stem = stems[Int(numbers.next() % UInt64(stems.count))]
            switch numbers.next() % 10 {
            case 0: ids.append(stem + String(format: "%06d", Int(numbers.next() % 5000)))   // leading zeros
            case 1: ids.append(stem + "x\(numbers.next() % 300)y")                           // no trailing digits
            case 2: ids.append(stem + "1234567890123456789\(numbers.next() % 10)")           // 20 digits: too many
            case 3: ids.append(stem + "\(numbers.next())")                                   // sparse, up to 20 digits
            default: ids.append(stem + "\(numbers.next() % 200_000)")                        // dense
            }
        }
        // Repeats of every kind, in another order.
        ids += ids.shuffled(using: &numbers).prefix(5000)
        var set = CompactIdSet()
        var model: Set<String> = []
        Self.expectAgrees(ids, &set, &model)
        for probe in ["sec-", "sec", "sec-0", "sec-00", "-1", "", "0", "00", "ex-2024", "ex-2024-0"] {
            #expect(set.contains(probe) == model.contains(probe), "\(probe)")
        }
    }

    /// The width keeps leading zeros apart, and a stem is every byte before the digits.
    @Test func idsThatDifferOnlyInLeadingZerosOrStemAreDistinct() {
        var set = CompactIdSet()
        let ids = ["a1", "a01", "a001", "1", "01", "a-1", "b1", "a1b1"]
        let firstTimes = ids.map { set.insert($0) }
        let secondTimes = ids.map { set.insert($0) }
        #expect(firstTimes.allSatisfy { $0 } && !secondTimes.contains(true))
        for id in ["a0001", "a", "001", "a-01", "b01", "a1b01", "a1b"] { #expect(!set.contains(id), "\(id)") }
        #expect(set.count == 8)
    }

    /// A chunk becomes a bitmap past 4,096 numbers; numbers at chunk edges stay apart.
    @Test func denseChunksAndChunkEdgesKeepEveryNumber() {
        var set = CompactIdSet()
        var model: Set<String> = []
        let numbers = Array(0..<70_000).map { $0 * 3 } + [65_535, 65_536, 131_071, 131_072, 0, 1 << 40, (1 << 40) + 1]
        Self.expectAgrees(numbers.map { "n\($0)" }, &set, &model)
        for number in [2, 4, 65_534, 131_070, 209_997, 210_000, (1 << 40) + 2] {
            #expect(set.contains("n\(number)") == model.contains("n\(number)"), "n\(number)")
        }
    }

    /// Past `maximumFamilies` stems, ids are kept as strings and still found.
    @Test func moreFamiliesThanItNumbersAreKeptAsStrings() {
        var set = CompactIdSet()
        var model: Set<String> = []
        let ids = (0..<(CompactIdSet.maximumFamilies * 3)).flatMap { family in (0..<20).map { "f\(family)-\($0)" } }
        Self.expectAgrees(ids, &set, &model)
        Self.expectAgrees(ids.reversed(), &set, &model)
    }

    /// Equal sets compare equal however their ids came; a set with one id more does not.
    @Test func equalityIsBySetNotByOrder() {
        var numbers = GeneratedHistory.Generator(state: 11)
        let ids = (0..<6000).map { _ in ["p-", "q", "r-0"][Int(numbers.next() % 3)] + "\(numbers.next() % 9000)" } + ["plain", "f-x"]
        var forward = CompactIdSet()
        var backward = CompactIdSet()
        for id in ids { forward.insert(id) }
        for id in ids.reversed() { backward.insert(id) }
        #expect(forward == backward)
        backward.insert("p-9001")
        #expect(forward != backward)
        #expect(CompactIdSet() == CompactIdSet())
    }
}
