import LedgerCore

/// The last `recorded` time and `effective` date a decoding thread parsed, each with the exact
/// text it came from, so that a replay parses a text once per run of lines that repeat it.
///
/// Why: every line of a batch carries its batch's recorded time, and neighbouring lines mostly
/// share an effective date, yet parsing them (digits, ranges, the day count of the month) took
/// about a tenth of the envelope's decoding. A value is reused only for byte-identical text
/// (the count included, so `2024-07` never stands for `2024-07-01`), and parsing is a pure
/// function of the text, so a memo changes no result. Text that fails to parse is never kept.
struct EnvelopeMemo {
    /// One remembered text (at most `TextKey.capacity` bytes) and its value.
    struct Slot<Value> {
        private var key = TextKey()
        private var value: Value?

        /// The parse of `text`: the value remembered for exactly this text, or else `parse`'s
        /// result, remembered when there is one (and the text is short enough to key).
        mutating func value(for text: UnsafeRawBufferPointer, parse: (UnsafeRawBufferPointer) -> Value?) -> Value? {
            let candidate = TextKey(text)
            if let value, let candidate, candidate == key { return value }
            guard let parsed = parse(text) else { return nil }
            if let candidate {
                key = candidate
                value = parsed
            }
            return parsed
        }
    }

    /// Up to 24 bytes of text and their count, compared as three words and a count.
    struct TextKey: Equatable {
        static let capacity = 24
        private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        private var count = -1

        init() {}

        init?(_ text: UnsafeRawBufferPointer) {
            guard text.count <= Self.capacity else { return nil }
            count = text.count
            withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: text) }
        }

        static func == (left: TextKey, right: TextKey) -> Bool {
            left.count == right.count && left.words.0 == right.words.0 && left.words.1 == right.words.1 && left.words.2 == right.words.2
        }
    }

    /// The last `recorded` text (20 bytes) and its instant.
    var recorded = Slot<UTCTimestamp>()
    /// The last `effective` text (4, 7 or 10 bytes) and its date.
    var effective = Slot<PartialDate>()
    /// The actors read and checked so far, for a replay's decoder (shared by every copy of
    /// this memo: it is a reference, so a decoder's copy fills the caller's table).
    var actors: ActorMemo?

    /// An empty memo, keeping actors in `actors` when given.
    init(actors: ActorMemo? = nil) {
        self.actors = actors
    }
}
