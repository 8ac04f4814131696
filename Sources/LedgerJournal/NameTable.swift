import Glibc

/// A short list of names (event types, issuer roles) matched by their UTF-8 bytes to a value,
/// with no string built and nothing reference-counted on the way.
///
/// Why not `[String: Value]` or arrays of byte arrays: both decoding threads of a replay match
/// every line's type and role, and reading a shared array or dictionary retains and releases
/// its buffer, an atomic write to one cache line that the two cores then pass back and forth.
/// Here the names live in memory that no one counts references to, allocated once per table and
/// never freed: tables are made for `static let`s, which live as long as the process.
struct NameTable<Value: BitwiseCopyable>: @unchecked Sendable {
    /// The names' bytes, one after another.
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Where each name starts in `bytes`, and where the last ends (`count + 1` offsets).
    private let starts: UnsafeMutablePointer<Int>
    private let values: UnsafeMutablePointer<Value>
    private let count: Int

    /// A table of `entries`; their names must differ.
    init(_ entries: [(name: String, value: Value)]) {
        let names = entries.map { Array($0.name.utf8) }
        precondition(Set(names).count == names.count, "a name table's names differ")
        count = entries.count
        bytes = .allocate(capacity: max(1, names.reduce(0) { $0 + $1.count }))
        starts = .allocate(capacity: count + 1)
        values = .allocate(capacity: max(1, count))
        var offset = 0
        for (index, name) in names.enumerated() {
            starts[index] = offset
            (bytes + offset).initialize(from: name, count: name.count)
            offset += name.count
            (values + index).initialize(to: entries[index].value)
        }
        starts[count] = offset
    }

    /// The value of the name whose bytes are exactly `name`, or nil.
    func value(named name: UnsafeRawBufferPointer) -> Value? {
        guard let base = name.baseAddress else { return nil }
        for index in 0..<count where starts[index + 1] - starts[index] == name.count {
            if memcmp(bytes + starts[index], base, name.count) == 0 { return values[index] }
        }
        return nil
    }
}
