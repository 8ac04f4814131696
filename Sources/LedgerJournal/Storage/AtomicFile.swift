import Glibc

/// Replacing a file whole: written to `<path>.tmp-<pid>`, fsynced, then renamed over `path`,
/// so a reader sees the old file or the new one, never half of one, and a crash leaves the
/// old file whole. (The rename itself is durable once the folder is fsynced; a lost rename
/// only means the old file is read, which derived files and reports can afford.)
public enum AtomicFile {
    /// Replaces `path` with `bytes`; on failure the temporary file is removed and `path` is untouched.
    public static func replace(_ path: String, with bytes: [UInt8]) throws(SystemCallError) {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            var writer = try SequentialFileWriter(creating: temporary)
            try writer.write(bytes)
            try writer.finish()
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let number = errno
            unlink(temporary)
            throw SystemCallError(call: "rename", path: path, errorNumber: number)
        }
    }
}
