/// An exact set of ids that keeps numbered ids (`sec-1234567`, `ex-2024-0012`) in a few bits
/// each: what a state keeps of the ids of history it does not hold (see `LedgerState.Retention`),
/// so that a repeated id is still refused.
///
/// Why not a `Set<String>`: the history of a 10M-event journal has 5.5M ids (secondments,
/// activities, expenditures, cost shares, assessments), and a set of strings takes about 32
/// bytes each, 180 MB. Ids that a system issues are numbered: a stem and a decimal number. An id
/// here is split into its stem, the width of its trailing digits and their value; ids of one
/// stem and width share a `NumberSet`, in which a number takes one bit of a 65,536-bit chunk
/// where they are dense and two bytes where they are sparse (as Roaring bitmaps do). The split
/// is exact (the stem is every byte before the digits, the width keeps leading zeros), so a
/// number stands for one id and back. Ids with no trailing digits, more than 18 of them, or a
/// stem beyond the first `maximumFamilies`, are kept as strings.
///
/// Ids are compared by their UTF-8 bytes, as `KeyIndex` compares them: ids are identifiers
/// (ASCII), for which byte equality is string equality.
public struct CompactIdSet: Sendable {
    /// Numbered ids by family (stem and width), in the order each family was first seen.
    private var families: [Family] = []
    /// Ids that are not numbered, or whose family came after the first `maximumFamilies`.
    private var others: Set<String> = []
    /// How many ids the set holds.
    public private(set) var count = 0

    /// Families are found by a scan (a handful per kind of id); past this many, ids are kept as
    /// strings, so a journal of ids with ever new stems costs what a set of strings does.
    static let maximumFamilies = 16

    /// An empty set.
    public init() {}

    /// Ids of one stem and digit count, and the numbers they end with.
    private struct Family: Sendable, Equatable {
        var stem: [UInt8]
        var width: Int
        var numbers = NumberSet()
    }

    /// An id split into its stem (every byte before its trailing digits) and its number.
    private struct Split {
        var stemEnd: Int
        var width: Int
        var number: UInt64
    }

    /// Whether the set holds `id`.
    public func contains(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { bytes -> Bool in
            guard let split = Self.split(bytes), let family = familyIndex(bytes, split) else { return others.contains(String(decoding: bytes, as: UTF8.self)) }
            return families[family].numbers.contains(split.number)
        }
    }

    /// Adds `id`; false when the set already held it.
    @discardableResult
    public mutating func insert(_ id: String) -> Bool {
        var id = id
        let inserted = id.withUTF8 { bytes -> Bool in
            guard let split = Self.split(bytes) else { return others.insert(String(decoding: bytes, as: UTF8.self)).inserted }
            if let family = familyIndex(bytes, split) { return families[family].numbers.insert(split.number) }
            guard families.count < Self.maximumFamilies else { return others.insert(String(decoding: bytes, as: UTF8.self)).inserted }
            var family = Family(stem: Array(bytes[..<split.stemEnd]), width: split.width)
            _ = family.numbers.insert(split.number)
            families.append(family)
            return true
        }
        if inserted { count += 1 }
        return inserted
    }

    /// The split of a numbered id, or nil when it has no trailing digits or more than 18 (a
    /// number of 18 digits fits in 64 bits).
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> Split? {
        var start = bytes.count
        while start > 0, bytes[start - 1] &- UInt8(ascii: "0") < 10 { start -= 1 }
        let width = bytes.count - start
        guard width > 0, width <= 18 else { return nil }
        var number: UInt64 = 0
        for byte in bytes[start...] { number = number * 10 + UInt64(byte &- UInt8(ascii: "0")) }
        return Split(stemEnd: start, width: width, number: number)
    }

    /// The index in `families` of the id's family, if it has one.
    private func familyIndex(_ bytes: UnsafeBufferPointer<UInt8>, _ split: Split) -> Int? {
        let stem = UnsafeBufferPointer(rebasing: bytes[..<split.stemEnd])
        return families.firstIndex { $0.width == split.width && $0.stem.elementsEqual(stem) }
    }
}

extension CompactIdSet: Equatable {
    /// The same ids, however they were added.
    public static func == (lhs: CompactIdSet, rhs: CompactIdSet) -> Bool {
        guard lhs.count == rhs.count, lhs.families.count == rhs.families.count, lhs.others == rhs.others else { return false }
        return lhs.families.allSatisfy { family in rhs.families.contains(family) }
    }
}

extension CompactIdSet {
    /// Estimated bytes of the set's storage (for size estimates).
    public var estimatedBytes: Int {
        families.reduce(64) { $0 + 64 + $1.stem.count + $1.numbers.estimatedBytes } + others.capacity * 32
            + others.reduce(0) { $0 + ($1.utf8.count > 15 ? 32 + $1.utf8.count : 0) }
    }
}

/// A set of 64-bit numbers in chunks of 65,536: a chunk of up to 4,096 numbers is a sorted array
/// of their low 16 bits (2 bytes each), a fuller one a bitmap (8 KB, a bit each): never more
/// than 2 bytes a number, and an eighth of a byte where numbers are dense.
struct NumberSet: Sendable, Equatable {
    /// Chunks by the numbers' high 48 bits.
    private var chunks: [UInt64: Chunk] = [:]

    /// The numbers of one chunk: sorted low bits until the chunk holds `sortedLimit`, then a bitmap.
    struct Chunk: Sendable, Equatable {
        var sorted: [UInt16] = []
        var bits: [UInt64] = []

        /// Past this many numbers, a bitmap is smaller than the sorted array.
        static let sortedLimit = 4096

        func contains(_ low: UInt16) -> Bool {
            if !bits.isEmpty { return bits[Int(low >> 6)] & (1 << UInt64(low & 63)) != 0 }
            let index = insertionIndex(of: low)
            return index < sorted.count && sorted[index] == low
        }

        mutating func insert(_ low: UInt16) -> Bool {
            if !bits.isEmpty {
                let word = Int(low >> 6)
                let bit: UInt64 = 1 << UInt64(low & 63)
                guard bits[word] & bit == 0 else { return false }
                bits[word] |= bit
                return true
            }
            let index = insertionIndex(of: low)
            if index < sorted.count && sorted[index] == low { return false }
            if sorted.count < Self.sortedLimit {
                sorted.insert(low, at: index)
                return true
            }
            // Full: becomes a bitmap (which it stays; equal sets still compare equal, as a chunk
            // becomes a bitmap at the same count however its numbers came).
            bits = [UInt64](repeating: 0, count: 1024)
            for number in sorted { bits[Int(number >> 6)] |= 1 << UInt64(number & 63) }
            sorted = []
            bits[Int(low >> 6)] |= 1 << UInt64(low & 63)
            return true
        }

        /// The first index in `sorted` whose number is not below `low`.
        private func insertionIndex(of low: UInt16) -> Int {
            var lower = 0
            var upper = sorted.count
            while lower < upper {
                let middle = (lower + upper) / 2
                if sorted[middle] < low { lower = middle + 1 } else { upper = middle }
            }
            return lower
        }

        var estimatedBytes: Int { 32 + (bits.isEmpty ? sorted.capacity * 2 : bits.capacity * 8) }
    }

    func contains(_ number: UInt64) -> Bool {
        chunks[number >> 16]?.contains(UInt16(truncatingIfNeeded: number)) ?? false
    }

    /// Adds `number`; false when it was already there.
    mutating func insert(_ number: UInt64) -> Bool {
        chunks[number >> 16, default: Chunk()].insert(UInt16(truncatingIfNeeded: number))
    }

    var estimatedBytes: Int { chunks.capacity * 48 + chunks.values.reduce(0) { $0 + $1.estimatedBytes } }
}
