/// How much memory the state's tables take, for benchmarks and capacity planning: what a
/// replay of a large journal keeps, table by table.
extension LedgerState {
    /// One table's entry count and estimated size.
    public struct TableSize: Sendable, Equatable {
        /// The table's name (the property's).
        public var name: String
        /// How many entries it holds.
        public var count: Int
        /// Estimated bytes: the table's own storage plus what its entries point to.
        public var estimatedBytes: Int
    }

    /// Each table's count and estimated size, largest first.
    ///
    /// The estimate is the hash table or array storage (capacity × stride) plus the heap bytes
    /// its entries reach (strings longer than 15 UTF-8 bytes, arrays, nested tables), measured
    /// on up to `sampleSize` entries and scaled to the count. It is an estimate: malloc's own
    /// overhead and fragmentation are not seen, which is why benchmarks also print peak RSS.
    /// Lists stored once for many entries (`SharedLists`) are counted once, in a row of their own.
    public func tableSizes(sampleSize: Int = 512) -> [TableSize] {
        let sizer = HeapSizer(sampleSize: sampleSize, sharedStorage: retainedAtHomeLists.storageAddresses)
        // Dense tables (`KeyedTable`), then hash tables: one array literal of both would
        // overload the type checker.
        var sizes: [TableSize] = [
            sizer.table("authorities", authorities), sizer.table("documents", documents),
            sizer.table("schools", schools), sizer.table("campuses", campuses),
            sizer.table("approvals", approvalRows), sizer.table("groups", groups),
            sizer.table("memberships", memberships), sizer.table("staff", staff),
            sizer.table("secondments", secondmentRows), sizer.table("allocations", allocationRows),
            sizer.table("earmarks", earmarkRows), sizer.table("expenditures", expenditureRows),
            sizer.table("costShares", costShareRows), sizer.table("roleAssignments", roleAssignments),
            sizer.table("activities", activityRows), sizer.table("assessments", assessmentRows),
        ]
        sizes += [
            sizer.table("documentsByNumber", documentsByNumber), sizer.table("headcounts", headcounts),
            sizer.table("profiles", profiles), sizer.table("profileIdsByJurisdiction", profileIdsByJurisdiction),
            sizer.table("membershipPositionsByGroup", membershipPositionsByGroup),
            sizer.table("membershipPositionsBySchool", membershipPositionsBySchool),
            sizer.table("openMembershipsByGroup", openMembershipsByGroup),
            sizer.table("openMembershipsBySchool", openMembershipsBySchool),
        ]
        sizes.append(sizer.table("corrected", corrected))
        sizes.append(TableSize(name: "eventTypes", count: eventTypes.count, estimatedBytes: eventTypes.estimatedBytes))
        sizes.append(sizer.array("activityParticipantPositions", activityParticipantPositions))
        sizes.append(sizer.array("costShareSchoolPositions", costShareSchoolPositions))
        sizes.append(sizer.array("costShareAmountsFen", costShareAmountsFen))
        sizes.append(sizer.array("assessorPositions", assessorPositions))
        sizes.append(HeapSizer.internedStrings("assessmentPeriodLabels", assessmentPeriodLabels))
        sizes.append(sizer.table("activityDetails", activityDetails))
        sizes.append(sizer.table("expenditureDetails", expenditureDetails))
        sizes.append(HeapSizer.internedStrings("expenditurePayeeNames", expenditurePayeeNames))
        sizes.append(HeapSizer.internedStrings("secondmentHostNames", secondmentHostNames))
        sizes.append(HeapSizer.internedStrings("approvalTexts", approvalTexts))
        sizes.append(sizer.array("seals", seals))
        sizes.append(HeapSizer.sharedLists("sharedLists", retainedAtHomeLists))
        let historyIdSets = [historyIds.secondments, historyIds.activities, historyIds.expenditures, historyIds.costShares, historyIds.assessments]
        sizes.append(TableSize(name: "historyIds", count: historyIdSets.reduce(0) { $0 + $1.count },
                               estimatedBytes: historyIdSets.reduce(0) { $0 + $1.estimatedBytes }))
        sizes.append(TableSize(name: "openSecondmentStaff", count: openSecondmentStaff.count,
                               estimatedBytes: openSecondmentStaff.bucketCount * MemoryLayout<UInt64>.stride))
        sizes.append(TableSize(name: "erasedSubjects", count: erasedSubjects.count,
                               estimatedBytes: HeapSizer.hashStorageBytes(capacity: erasedSubjects.capacity, stride: MemoryLayout<String>.stride)
                                   + erasedSubjects.reduce(0) { $0 + HeapSizer.stringHeapBytes($1) }))
        return sizes.sorted { ($0.estimatedBytes, $1.name) > ($1.estimatedBytes, $0.name) }
    }
}

/// Estimates heap bytes by walking values with `Mirror` (slow: only a sample of each table).
private struct HeapSizer {
    let sampleSize: Int
    /// The storage of lists held by a `SharedLists`: counted there, not in each entry.
    let sharedStorage: Set<UnsafeRawPointer>

    /// Bytes of a native hash table's storage: header, occupancy bitmap, and the slots.
    static func hashStorageBytes(capacity: Int, stride: Int) -> Int {
        guard capacity > 0 else { return 0 }
        let buckets = 1 << (Int.bitWidth - (capacity * 4 / 3 - 1).leadingZeroBitCount)
        return 64 + buckets / 8 + buckets * stride
    }

    /// A `SharedLists`' set and its lists, each counted once: a header and the elements, as
    /// `heapBytes` counts an array (the elements here hold nothing on the heap).
    static func sharedLists<Element>(_ name: String, _ lists: SharedLists<Element>) -> LedgerState.TableSize {
        LedgerState.TableSize(name: name, count: lists.count,
                              estimatedBytes: hashStorageBytes(capacity: lists.capacity, stride: MemoryLayout<[Element]>.stride)
                                  + lists.count * 32 + lists.elementCount * MemoryLayout<Element>.stride)
    }

    /// An `InternedStrings`: the array of strings (each string's bytes counted once: the
    /// index's keys share their storage) and the index of numbers by string.
    static func internedStrings(_ name: String, _ interned: InternedStrings) -> LedgerState.TableSize {
        LedgerState.TableSize(name: name, count: interned.count,
                              estimatedBytes: 32 + interned.strings.capacity * MemoryLayout<String>.stride
                                  + hashStorageBytes(capacity: interned.indexCapacity, stride: MemoryLayout<String>.stride + MemoryLayout<Int32>.stride)
                                  + interned.strings.reduce(0) { $0 + stringHeapBytes($1) })
    }

    /// Heap bytes of a string: none for a small (inline) one; a header, the bytes and a NUL,
    /// rounded to malloc's 16 bytes, otherwise. Literals are not on the heap but count here.
    static func stringHeapBytes(_ text: String) -> Int {
        let count = text.utf8.count
        return count <= 15 ? 0 : (32 + count + 1 + 15) / 16 * 16
    }

    func table<Value>(_ name: String, _ table: [String: Value]) -> LedgerState.TableSize {
        let storage = Self.hashStorageBytes(capacity: table.capacity, stride: MemoryLayout<String>.stride + MemoryLayout<Value>.stride)
        var sampled = 0
        var sampleHeap = 0
        var keyHeap = 0
        for (key, value) in table {
            keyHeap += Self.stringHeapBytes(key)
            if sampled < sampleSize {
                sampleHeap += heapBytes(of: value)
                sampled += 1
            }
        }
        let heap = sampled == 0 ? 0 : sampleHeap * table.count / sampled
        return LedgerState.TableSize(name: name, count: table.count, estimatedBytes: storage + keyHeap + heap)
    }

    func table<Value>(_ name: String, _ table: KeyedTable<Value>) -> LedgerState.TableSize {
        // The index is one array of 8-byte buckets; the entries (which hold their ids) an array.
        let index = 32 + table.indexBucketCount * MemoryLayout<UInt64>.stride
        let entries = 32 + table.values.capacity * MemoryLayout<Value>.stride
        var sampleHeap = 0
        for value in table.values.prefix(sampleSize) { sampleHeap += heapBytes(of: value) }
        let heap = table.isEmpty ? 0 : sampleHeap * table.count / Swift.min(table.count, sampleSize)
        return LedgerState.TableSize(name: name, count: table.count, estimatedBytes: index + entries + heap)
    }

    func table<Key: FixedWidthInteger, Value>(_ name: String, _ table: [Key: Value]) -> LedgerState.TableSize {
        let storage = Self.hashStorageBytes(capacity: table.capacity, stride: MemoryLayout<Key>.stride + MemoryLayout<Value>.stride)
        var sampleHeap = 0
        for value in table.values.prefix(sampleSize) { sampleHeap += heapBytes(of: value) }
        let heap = table.isEmpty ? 0 : sampleHeap * table.count / Swift.min(table.count, sampleSize)
        return LedgerState.TableSize(name: name, count: table.count, estimatedBytes: storage + heap)
    }

    func array<Element>(_ name: String, _ array: [Element]) -> LedgerState.TableSize {
        var sampleHeap = 0
        for element in array.prefix(sampleSize) { sampleHeap += heapBytes(of: element) }
        let heap = array.isEmpty ? 0 : sampleHeap * array.count / min(array.count, sampleSize)
        return LedgerState.TableSize(name: name, count: array.count, estimatedBytes: 32 + array.capacity * MemoryLayout<Element>.stride + heap)
    }

    /// The stride of the value's dynamic type.
    private static func stride<Value>(of value: Value) -> Int { MemoryLayout<Value>.stride }

    /// Heap bytes reachable from `value` (its inline bytes are its container's).
    private func heapBytes(of value: Any) -> Int {
        if let text = value as? String { return Self.stringHeapBytes(text) }
        if let list = value as? [RetainedAtHome], SharedLists.storageAddress(of: list).map(sharedStorage.contains) == true { return 0 }
        let mirror = Mirror(reflecting: value)
        var total = 0
        switch mirror.displayStyle {
        case .collection?, .set?, .dictionary?:
            // Array-like storage: a header, then the elements inline.
            if let first = mirror.children.first { total += 32 + mirror.children.count * Self.stride(of: first.value) }
        default:
            break
        }
        for child in mirror.children { total += heapBytes(of: child.value) }
        return total
    }
}
