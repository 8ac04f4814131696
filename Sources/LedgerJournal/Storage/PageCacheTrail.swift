/// Decides which of the bytes a writer has written and fsynced it hands back to the kernel's
/// page cache (`posix_fadvise(POSIX_FADV_DONTNEED)`), keeping the journal's last `keptBytes`
/// cached for the readers that usually follow an append.
///
/// Why: an append never reads its bytes back, yet each one stays cached until memory runs
/// short. A bulk import of 10M events (4 GB) then keeps asking the kernel for fresh pages,
/// and on a virtual machine whose free memory has been returned to the host (free page
/// reporting) each fresh page faults on the host: appends ran 14× slower at 10M events than at
/// 1M on the development VM. Released pages are reused by the next batches instead, as
/// PostgreSQL does with its WAL. Only bytes this writer wrote are released, never earlier parts
/// of the journal, and only once fsynced (clean pages; `DONTNEED` leaves dirty ones anyway).
struct PageCacheTrail: Equatable {
    /// How much of the end of what was written stays cached.
    let keptBytes: Int64
    /// The smallest range worth a system call: releasing goes in steps, not batch by batch.
    let stepBytes: Int64
    /// Released ranges end on a multiple of this: the kernel drops only whole folios (the
    /// cache's pages, up to 2 MiB and aligned to their size), so a range ending inside one
    /// leaves it cached for good, and the next range, starting inside it, cannot drop it either.
    let alignmentBytes: Int64
    /// Where the bytes still cached by this writer start: the offset of its first write, then
    /// the end of the last range released.
    private(set) var releasedUpTo: Int64?

    /// The trail the journal writer uses: the last 64 MiB stay cached (about 160,000 events),
    /// the rest is released 8 MiB at a time, on 2 MiB boundaries (the largest folio).
    static let journalWriter = PageCacheTrail(keptBytes: 64 << 20, stepBytes: 8 << 20, alignmentBytes: 2 << 20)

    /// A trail keeping `keptBytes` and releasing in steps of `stepBytes`, up to multiples of
    /// `alignmentBytes` (all > 0).
    init(keptBytes: Int64, stepBytes: Int64, alignmentBytes: Int64) {
        precondition(keptBytes > 0 && stepBytes > 0 && alignmentBytes > 0, "a page cache trail keeps and releases at least a byte")
        self.keptBytes = keptBytes
        self.stepBytes = stepBytes
        self.alignmentBytes = alignmentBytes
    }

    /// Records that the bytes `written` are on disk (after fsync); returns the range to
    /// release now, if a whole step has fallen behind the kept end.
    mutating func synchronized(_ written: Range<Int64>) -> Range<Int64>? {
        let start = releasedUpTo ?? written.lowerBound
        releasedUpTo = start
        let kept = written.upperBound - keptBytes
        let limit = kept - kept % alignmentBytes
        guard limit - start >= stepBytes else { return nil }
        releasedUpTo = limit
        return start..<limit
    }
}
