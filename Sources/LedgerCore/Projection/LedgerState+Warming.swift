/// Bringing the state's memory that an upcoming event's fold will read into the CPU's cache
/// (see `LookupHints`). Reads only; no answer depends on it.
extension LedgerState {
    /// Appends to `addresses` where the lookups of `hints`' ids will read: their hash buckets,
    /// or (`entries`) the entries those buckets most likely name, which needs the buckets (warm
    /// them a few events earlier). Nothing is read from the addresses here: reading them in
    /// one tight loop (`readEach`) puts all their cache misses in flight at once, where a read
    /// after each computation let only a few overlap.
    ///
    /// The addresses point into the tables' storage: read them before the state next changes.
    public func appendWarmingAddresses(for hints: LookupHints, entries: Bool, to addresses: inout [UnsafeRawPointer]) {
        for index in 0..<hints.count {
            let (table, hash) = hints[index]
            if entries {
                guard let (first, last) = entryAddresses(table, hash: hash) else { continue }
                addresses.append(first)
                // 64-byte cache lines: one read per line the entry spans at its ends.
                if UInt(bitPattern: first) >> 6 != UInt(bitPattern: last) >> 6 { addresses.append(last) }
            } else if let address = bucketAddress(table, hash: hash) {
                addresses.append(address)
            }
        }
    }

    /// Reads a byte at each address and returns their sum, which the caller must pass to
    /// `keepWarmingLoads` (loads whose results are unused are removed by the optimizer).
    public static func readEach(_ addresses: [UnsafeRawPointer]) -> UInt64 {
        var sum: UInt64 = 0
        for address in addresses { sum &+= UInt64(address.load(as: UInt8.self)) }
        return sum
    }

    /// Consumes the values the warming reads returned, so that the loads are kept: not
    /// optimized, so the optimizer cannot prove it ignores its argument and drop the loads.
    @inline(never) @_optimize(none)
    public static func keepWarmingLoads(_ read: UInt64) {
        _ = read
    }

    @inline(__always)
    private func bucketAddress(_ table: LookupHints.Table, hash: UInt64) -> UnsafeRawPointer? {
        switch table {
        case .schools: schools.bucketAddress(hash: hash)
        case .groups: groups.bucketAddress(hash: hash)
        case .staff: staff.bucketAddress(hash: hash)
        // A live state finds an open secondment's staff member through its own index.
        case .secondments: retention == .live ? openSecondmentStaff.bucketAddress(hash: hash) : secondmentRows.bucketAddress(hash: hash)
        case .activities: activityRows.bucketAddress(hash: hash)
        case .expenditures: expenditureRows.bucketAddress(hash: hash)
        case .allocations: allocationRows.bucketAddress(hash: hash)
        case .earmarks: earmarkRows.bucketAddress(hash: hash)
        case .approvals: approvalRows.bucketAddress(hash: hash)
        case .roleAssignments: roleAssignments.bucketAddress(hash: hash)
        case .costShares: costShareRows.bucketAddress(hash: hash)
        case .assessments: assessmentRows.bucketAddress(hash: hash)
        case .memberships: memberships.bucketAddress(hash: hash)
        }
    }

    @inline(__always)
    private func entryAddresses(_ table: LookupHints.Table, hash: UInt64) -> (first: UnsafeRawPointer, last: UnsafeRawPointer)? {
        switch table {
        case .schools: schools.entryAddresses(hash: hash)
        case .groups: groups.entryAddresses(hash: hash)
        case .staff: staff.entryAddresses(hash: hash)
        case .secondments:
            retention == .live ? staff.entryAddresses(position: openSecondmentStaff.candidatePosition(ofHash: hash))
                : secondmentRows.entryAddresses(hash: hash)
        case .activities: activityRows.entryAddresses(hash: hash)
        case .expenditures: expenditureRows.entryAddresses(hash: hash)
        case .allocations: allocationRows.entryAddresses(hash: hash)
        case .earmarks: earmarkRows.entryAddresses(hash: hash)
        case .approvals: approvalRows.entryAddresses(hash: hash)
        case .roleAssignments: roleAssignments.entryAddresses(hash: hash)
        case .costShares: costShareRows.entryAddresses(hash: hash)
        case .assessments: assessmentRows.entryAddresses(hash: hash)
        case .memberships: memberships.entryAddresses(hash: hash)
        }
    }
}
