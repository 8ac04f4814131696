import LedgerCore
import Glibc

/// The actor objects a decoding thread has read and checked, each under its exact bytes, so
/// that a replay reads and checks an actor once rather than once a line.
///
/// Why: a journal has few actors (a bureau's clerks and admins: 80 in a million generated
/// events) and every line names one, yet reading the id, matching the role and checking both
/// took about a tenth of the envelope's decoding. An entry is reused only for byte-identical
/// bytes, and reading an actor object is a pure function of its bytes, so a memo changes no
/// result; only actors that read and checked cleanly are kept.
///
/// The bytes an entry covers run from the object's `{` through its first `}`. That is the
/// object's end whenever no string inside holds a `}`; an object with one is never kept
/// (`remember` checks), so a candidate that reaches only that inner `}` matches nothing.
///
/// Not locked: each belongs to one thread at a time (a decoder's serial queue, or a scan's
/// scanning thread), which the scanner arranges.
final class ActorMemo: @unchecked Sendable {
    /// An actor as read and checked, with the role matched to the issuer it names.
    struct Entry {
        var actor: Actor
        var issuer: IssuerRole?
    }

    /// Slots, probed linearly from a hash of the bytes. Entries are never replaced: once no
    /// free slot is within `maxProbes` of an actor's home, that actor is read every time (a
    /// journal with thousands of actors decodes as it did without a memo, only a probe slower).
    static let slotCount = 256
    /// How many slots a lookup or a new entry tries, from the home slot on.
    static let maxProbes = 8
    /// The longest object kept; longer ones are read every time.
    static let maxObjectBytes = 96

    private let keys: UnsafeMutableRawPointer
    private var keyCounts = [Int](repeating: 0, count: ActorMemo.slotCount)
    private var entries = [Entry?](repeating: nil, count: ActorMemo.slotCount)

    init() {
        keys = UnsafeMutableRawPointer.allocate(byteCount: Self.slotCount * Self.maxObjectBytes, alignment: 8)
    }

    deinit {
        keys.deallocate()
    }

    /// The entry kept for the object starting at `start` in `bytes` (at its `{`), with the
    /// index just past the object; nil when none is kept for exactly these bytes.
    func lookup(_ bytes: UnsafeRawBufferPointer, at start: Int) -> (entry: Entry, end: Int)? {
        guard let (home, count) = Self.home(of: bytes, at: start) else { return nil }
        for probe in 0..<Self.maxProbes {
            let slot = (home + probe) & (Self.slotCount - 1)
            // Slots fill from the home on and are never emptied, so an empty one ends the search.
            guard keyCounts[slot] != 0 else { return nil }
            if keyCounts[slot] == count, memcmp(keys + slot * Self.maxObjectBytes, bytes.baseAddress! + start, count) == 0,
               let entry = entries[slot] {
                return (entry, start + count)
            }
        }
        return nil
    }

    /// Keeps `entry` for the object in `bytes[range]`, which was read and checked cleanly,
    /// unless it is too long, a `}` inside it comes before its end (see the type's summary),
    /// or no slot near its home is free.
    func remember(_ entry: Entry, for range: Range<Int>, in bytes: UnsafeRawBufferPointer) {
        guard let (home, count) = Self.home(of: bytes, at: range.lowerBound), count == range.count else { return }
        for probe in 0..<Self.maxProbes {
            let slot = (home + probe) & (Self.slotCount - 1)
            guard keyCounts[slot] == 0 else { continue }
            (keys + slot * Self.maxObjectBytes).copyMemory(from: bytes.baseAddress! + range.lowerBound, byteCount: count)
            keyCounts[slot] = count
            entries[slot] = entry
            return
        }
    }

    /// The home slot and byte count of the candidate object at `start`: through the first
    /// `}`, when that comes within `maxObjectBytes`.
    private static func home(of bytes: UnsafeRawBufferPointer, at start: Int) -> (slot: Int, count: Int)? {
        let available = min(bytes.count - start, maxObjectBytes)
        guard available > 0, let base = bytes.baseAddress,
              let brace = memchr(base + start, Int32(UInt8(ascii: "}")), available)
        else { return nil }
        let count = base.distance(to: UnsafeRawPointer(brace)) - start + 1
        // Eight bytes at least, for the word loads below (the shortest actor object,
        // `{"id":"a"}`, has ten).
        guard count >= 8 else { return nil }
        // Every word of the object (the last one overlapping the one before when the count is
        // not a multiple of eight): actors of one role differ only inside their ids.
        var hash = UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        var offset = 0
        while offset < count {
            let word = (base + start + min(offset, count - 8)).loadUnaligned(as: UInt64.self)
            hash = (hash ^ word) &* 0xA076_1D64_78BD_642F
            hash ^= hash >> 32
            offset += 8
        }
        hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return (Int(truncatingIfNeeded: hash >> 56) & (slotCount - 1), count)
    }
}
