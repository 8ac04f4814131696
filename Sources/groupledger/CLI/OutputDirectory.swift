import Glibc
import LedgerJournal

/// Where a command may write a folder of output files (`export --out`): a new directory, an
/// empty one, or one holding only an earlier run's files of the same names, which are
/// replaced. Never the journal's own folder, never a directory with other files in it, and
/// never a file that is the journal (or its register) under another name, so no output can
/// overwrite or sit among the records it was made from.
enum OutputDirectory {
    /// Checks `directory` before anything is read or written.
    /// - Parameter fileNames: the names the command writes into the directory.
    /// - Throws: `JournalError` (field `option`) naming what is in the way.
    static func check(_ directory: String, fileNames: Set<String>, journalPath: String, option: String) throws(JournalError) {
        func refuse(_ message: String) -> JournalError {
            JournalError(.invalidInput, path: directory, field: option, message: message + "; choose a new or empty directory")
        }
        var status = stat()
        let exists = stat(directory, &status) == 0
        if exists && status.st_mode & S_IFMT != S_IFDIR {
            let isJournal = sameFile(directory, journalPath)
            throw refuse(isJournal ? "refusing to write over the journal" : "refusing to write over a file that is not a directory")
        }
        let journalFolder = resolved(FileDescriptor.parentDirectory(of: journalPath))
        if let journalFolder, resolved(directory) == journalFolder {
            throw refuse("refusing to write into the journal's folder")
        }
        guard exists, let entries = names(in: directory) else { return }
        let register = PersonalDataRegister.path(forJournal: journalPath)
        for name in entries.sorted() {
            let path = directory + "/" + name
            guard fileNames.contains(name) else {
                throw refuse("refusing to write into a directory that holds other files (\(name))")
            }
            var link = stat()
            if lstat(path, &link) == 0 && (link.st_mode & S_IFMT != S_IFREG || sameFile(path, journalPath) || sameFile(path, register)) {
                throw refuse("refusing to replace \(name): it is not a file of an earlier run (a link, a folder, or the journal itself)")
            }
        }
    }

    /// The canonical absolute path of an existing file or directory; for a path that does not
    /// exist yet, its resolved parent followed by its last component.
    private static func resolved(_ path: String) -> String? {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return resolved(FileDescriptor.parentDirectory(of: path)).map { $0 == "/" ? "/" + name : $0 + "/" + name }
    }

    /// Whether two paths name the same file (device and inode), following links.
    private static func sameFile(_ first: String, _ second: String) -> Bool {
        var one = stat()
        var two = stat()
        guard stat(first, &one) == 0, stat(second, &two) == 0 else { return false }
        return one.st_dev == two.st_dev && one.st_ino == two.st_ino
    }

    /// The entries of a directory, without `.` and `..`; nil when it cannot be read.
    private static func names(in directory: String) -> [String]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var result: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { result.append(name) }
        }
        return result
    }
}
