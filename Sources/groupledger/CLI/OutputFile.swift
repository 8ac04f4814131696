import Glibc
import LedgerJournal

/// Writing a command's output to a file the user named: never onto the journal or the files
/// kept beside it, and all or nothing (a temporary file, fsynced, then renamed over the target).
enum OutputFile {
    /// Refuses `path` when it is the journal, its personal-data register, its lock or one of its
    /// recovered tails (compared after resolving links and `..`).
    static func refuseJournal(_ path: String, journalPath: String) throws {
        let target = canonical(path)
        let journal = canonical(journalPath)
        let protected = [journal, canonical(PersonalDataRegister.path(forJournal: journalPath))]
        guard !protected.contains(target) && !target.hasPrefix(journal + ".") else {
            throw JournalError(.invalidInput, path: path, field: "--out",
                               message: "refusing to write over the journal or a file kept beside it (\(journalPath)); choose another path")
        }
    }

    /// Writes `bytes` to `path` through `path.tmp-<pid>`, fsynced before the rename, so a reader
    /// never sees half a report and a crash leaves the old file whole.
    static func write(_ bytes: [UInt8], to path: String) throws {
        do { try AtomicFile.replace(path, with: bytes) } catch { throw JournalError(error) }
    }

    /// The absolute path with links resolved; for a file not yet there, its folder's resolved path and its name.
    static func canonical(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let folder = FileDescriptor.parentDirectory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let resolved = realpath(folder.isEmpty ? "." : folder, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + name
    }
}
