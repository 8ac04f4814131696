/// Strings stored once each and referred to by a 32-bit number, for a text many entries repeat
/// (an expenditure's payee named in words: a 10M-event journal names one payee in 320k
/// expenditures, and each held the name as a string of its own, 64 bytes on the heap).
///
/// Numbers are given in first-seen order, so two states folded from the same events number
/// their strings alike.
struct InternedStrings: Sendable, Equatable {
    /// The strings, by number.
    private(set) var strings: [String] = []
    /// Numbers by string.
    private var numbers: [String: Int32] = [:]

    /// The number of `text`, given now if it has none yet.
    mutating func number(of text: String) -> Int32 {
        if let number = numbers[text] { return number }
        precondition(strings.count < Int(Int32.max), "at most \(Int32.max) interned strings")
        let number = Int32(strings.count)
        strings.append(text)
        numbers[text] = number
        return number
    }

    /// The string numbered `number`.
    subscript(number: Int32) -> String { strings[Int(number)] }

    /// How many distinct strings are held.
    var count: Int { strings.count }

    /// Strings the number index can hold without growing (for size estimates).
    var indexCapacity: Int { numbers.capacity }
}
