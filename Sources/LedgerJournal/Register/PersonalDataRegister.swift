import Glibc
public import LedgerCore

/// Names and other personal details of staff and actors, kept beside the journal and outside
/// its hash chain, so one person's details can be erased without breaking verification. Events
/// name people only by opaque id; outputs look the id up here and show the id when absent.
///
/// The file is JSON Lines, one subject per line in id order: `{"nameZh": …, "subjectId": …, …}`.
/// Every change rewrites it to a temporary file, fsyncs it, renames it over the old one and
/// fsyncs the directory, so a crash leaves the old or the new register, never a mix. Changes
/// go through `update(path:waitMilliseconds:_:)`, which holds an exclusive lock on the
/// register's folder from reading to saving, so concurrent changes are applied one after the
/// other and none is lost (an erasure overwritten by a concurrent change would bring the
/// erased details back).
public struct PersonalDataRegister: Sendable {
    /// The register's path.
    public let path: String
    /// Entries by subject id; each holds at least `nameZh`.
    public private(set) var entries: [String: JSONObject]

    /// The register beside `journalPath`: `Journal/ledger.jsonl` → `Journal/ledger.register.jsonl`.
    public static func path(forJournal journalPath: String) -> String {
        journalPath.hasSuffix(".jsonl") ? String(journalPath.dropLast(6)) + ".register.jsonl" : journalPath + ".register.jsonl"
    }

    /// Loads the register (empty when the file does not exist).
    /// - Throws: `JournalError` naming the line of a malformed entry.
    public static func load(path: String) throws -> PersonalDataRegister {
        guard FileDescriptor.exists(path) else { return PersonalDataRegister(path: path, entries: [:]) }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForReading(path) } catch { throw JournalError(error) }
        defer { file.close() }
        var entries: [String: JSONObject] = [:]
        try LineReader(file: file).forEachLine { slice in
            guard slice.byteCount > 0 else { return true }
            let value: JSONValue
            do { value = try JSONParser.parseInput(slice.bytes) } catch {
                throw JournalError(.invalidInput, path: path, lineNumber: slice.lineNumber, byteOffset: slice.byteOffset, message: "\(error)")
            }
            guard let object = value.objectValue, let subject = object["subjectId"]?.stringValue else {
                throw JournalError(.invalidInput, path: path, lineNumber: slice.lineNumber, field: "subjectId", message: "expected an object with a subjectId")
            }
            entries[subject] = object
            return true
        }
        return PersonalDataRegister(path: path, entries: entries)
    }

    /// Loads the register under an exclusive lock on its folder, lets `change` modify it (each
    /// `put` and `erase` saves durably), and releases the lock.
    /// - Throws: `JournalError.Code.locked` when another process holds the lock for longer than
    ///   `waitMilliseconds`, or what loading and `change` throw.
    public static func update<Result>(path: String, waitMilliseconds: Int = 10_000,
                                      _ change: (inout PersonalDataRegister) throws -> Result) throws -> Result {
        let folder = FileDescriptor.parentDirectory(of: path)
        let descriptor = retryingOnInterrupt { open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw JournalError(SystemCallError(call: "open", path: folder, errorNumber: errno)) }
        let lock = FileDescriptor(rawValue: descriptor, path: folder)
        defer { lock.close() }
        do {
            try JournalLock.acquireExclusive(lock, displayPath: path, waitMilliseconds: waitMilliseconds)
        } catch {
            guard error.code == .locked else { throw error }
            throw JournalError(.locked, path: path,
                               message: "another process is changing the personal-data register (its lock was still held after \(waitMilliseconds) ms); try again")
        }
        defer { lock.unlock() }
        var register = try load(path: path)
        return try change(&register)
    }

    /// The name to show for `id`: the registered name, or nil.
    public func name(of id: String) -> String? { entries[id]?["nameZh"]?.stringValue }

    /// Adds or replaces a subject's details (`nameZh` required), then saves durably.
    public mutating func put(subjectId: String, details: JSONObject) throws {
        guard PayloadReader.isIdentifier(subjectId) else {
            throw JournalError(.invalidInput, path: path, field: "subjectId", message: "expected an opaque id of lowercase letters, digits and '-', found \"\(subjectId)\"")
        }
        guard let name = details["nameZh"]?.stringValue, !name.isEmpty else {
            throw JournalError(.invalidInput, path: path, field: "nameZh", message: "a register entry needs a name")
        }
        var entry = details
        entry["subjectId"] = .string(subjectId)
        var next = entries
        next[subjectId] = entry
        try Self.save(next, to: path)
        entries = next
    }

    /// Removes a subject's details and saves durably. Returns whether there was an entry.
    @discardableResult
    public mutating func erase(subjectId: String) throws -> Bool {
        guard entries[subjectId] != nil else { return false }
        var next = entries
        next[subjectId] = nil
        try Self.save(next, to: path)
        entries = next
        return true
    }

    private static func save(_ entries: [String: JSONObject], to path: String) throws {
        var bytes: [UInt8] = []
        for subject in entries.keys.sorted() {
            CanonicalJSON.encode(.object(entries[subject]!), into: &bytes)
            bytes.append(0x0A)
        }
        let temporary = path + ".tmp"
        unlink(temporary)
        do {
            let file = try FileDescriptor.createExclusive(temporary)
            defer { file.close() }
            try file.writeAll(bytes, at: 0)
            try file.synchronize()
        } catch {
            unlink(temporary)
            throw JournalError(error)
        }
        guard rename(temporary, path) == 0 else {
            let failure = SystemCallError(call: "rename", path: path, errorNumber: errno)
            unlink(temporary)
            throw JournalError(failure)
        }
        do { try FileDescriptor.synchronizeDirectory(containing: path) } catch { throw JournalError(error) }
    }
}
