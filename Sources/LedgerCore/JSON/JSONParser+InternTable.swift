#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONParser {
    /// A per-thread cache of short strings recently produced by the parser.
    ///
    /// Journal lines repeat the same keys and many of the same short values line after line, and
    /// creating a Swift String (validation, then building it) costs several times more than finding
    /// the identical bytes here. Only strings whose bytes are exactly their text (no escapes, already
    /// validated and NFC) are looked up, so a hit returns precisely the String that would have been
    /// created. The table is per thread so it needs no locking; a parse never suspends, so it
    /// cannot migrate between threads while using it.
    final class InternTable {
        /// Longest string cached; longer ones are rarely repeated keys or enumeration values.
        static let maximumLength = 32
        private static let setBits = 7
        private static let slotCount = 2 << setBits

        private struct Entry {
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            var length = -1
            var string = ""
        }

        private let entries: UnsafeMutablePointer<Entry>

        private init() {
            entries = UnsafeMutablePointer<Entry>.allocate(capacity: InternTable.slotCount)
            entries.initialize(repeating: Entry(), count: InternTable.slotCount)
        }

        deinit {
            entries.deinitialize(count: InternTable.slotCount)
            entries.deallocate()
        }

        /// The String for `count` (at most `maximumLength`) validated bytes at `start`;
        /// `end` bounds the readable memory, since short strings are read in whole words.
        @inline(__always)
        func string(at start: UnsafePointer<UInt8>, count: Int, end: UnsafePointer<UInt8>) -> String {
            let words = InternTable.words(at: start, count: count, end: end)
            let first = slot(words, count)
            let second = first + 1
            if first.pointee.length == count && sameWords(first.pointee.words, words) {
                return first.pointee.string
            }
            if second.pointee.length == count && sameWords(second.pointee.words, words) {
                return second.pointee.string
            }
            let string = JSONParser.Engine.makeString(start, count: count)
            swap(&first.pointee, &second.pointee)
            first.pointee.words = words
            first.pointee.length = count
            first.pointee.string = string
            return string
        }

        /// The cached String for these bytes, if the table holds one; nothing is inserted. A hit
        /// is safe for unvalidated input: only validated strings are ever inserted.
        @inline(__always)
        func cachedString(at start: UnsafePointer<UInt8>, count: Int, end: UnsafePointer<UInt8>) -> String? {
            let words = InternTable.words(at: start, count: count, end: end)
            let first = slot(words, count)
            if first.pointee.length == count && sameWords(first.pointee.words, words) { return first.pointee.string }
            let second = first + 1
            if second.pointee.length == count && sameWords(second.pointee.words, words) { return second.pointee.string }
            return nil
        }

        /// The first entry of the two-way set for these words.
        @inline(__always)
        private func slot(_ words: (UInt64, UInt64, UInt64, UInt64), _ count: Int) -> UnsafeMutablePointer<Entry> {
            // Independent multiplies (they run in parallel) and one final mix; the top bits pick a set.
            var hash = (words.0 &* 0x9E37_79B9_7F4A_7C15) ^ (words.1 &* 0xBF58_476D_1CE4_E5B9)
                ^ ((words.2 ^ (words.3 &<< 1) ^ UInt64(truncatingIfNeeded: count)) &* 0x94D0_49BB_1331_11EB)
            hash ^= hash &>> 32
            hash = hash &* 0xBF58_476D_1CE4_E5B9
            // Two-way sets: a string evicted by a colliding one survives one more round in the second way.
            return entries + Int(truncatingIfNeeded: hash &>> (64 - InternTable.setBits)) &* 2
        }

        /// The string's bytes packed into four little-endian words, zero beyond `count`.
        @inline(__always)
        private static func words(at start: UnsafePointer<UInt8>, count: Int, end: UnsafePointer<UInt8>) -> (UInt64, UInt64, UInt64, UInt64) {
            if end - start >= 32 {
                // Whole-word loads straight from the input, with the bytes beyond the string masked
                // off; most keys fit in one word, so that case skips the rest.
                let raw = UnsafeRawPointer(start)
                let first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
                if count <= 8 {
                    return (first & InternTable.lowBytesMask(count), 0, 0, 0)
                } else if count <= 16 {
                    let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                    return (first, second & InternTable.lowBytesMask(count &- 8), 0, 0)
                } else {
                    let second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                    let third = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
                    let fourth = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
                    return (
                        first, second,
                        third & InternTable.lowBytesMask(count &- 16),
                        count <= 24 ? 0 : fourth & InternTable.lowBytesMask(count &- 24)
                    )
                }
            } else {
                var packed: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
                withUnsafeMutableBytes(of: &packed) { target in
                    target.copyMemory(from: UnsafeRawBufferPointer(start: start, count: count))
                }
                return (
                    UInt64(littleEndian: packed.0), UInt64(littleEndian: packed.1),
                    UInt64(littleEndian: packed.2), UInt64(littleEndian: packed.3)
                )
            }
        }

        /// Keeps the first `count` (0...8) bytes of a little-endian word.
        @inline(__always)
        private static func lowBytesMask(_ count: Int) -> UInt64 {
            count >= 8 ? ~0 : (1 &<< UInt64(truncatingIfNeeded: count &* 8)) &- 1
        }

        /// The calling thread's table, created on first use and released when the thread exits.
        static var current: InternTable {
            if let existing = pthread_getspecific(threadKey) {
                return Unmanaged<InternTable>.fromOpaque(existing).takeUnretainedValue()
            }
            let table = InternTable()
            pthread_setspecific(threadKey, Unmanaged.passRetained(table).toOpaque())
            return table
        }

        private static let threadKey: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key) { pointer in
                // Optional on Glibc, non-optional on Darwin; the binding accepts both.
                let table: UnsafeMutableRawPointer? = pointer
                if let table {
                    Unmanaged<InternTable>.fromOpaque(table).release()
                }
            }
            return key
        }()
    }
}

@inline(__always)
private func sameWords(_ left: (UInt64, UInt64, UInt64, UInt64), _ right: (UInt64, UInt64, UInt64, UInt64)) -> Bool {
    ((left.0 ^ right.0) | (left.1 ^ right.1) | (left.2 ^ right.2) | (left.3 ^ right.3)) == 0
}
