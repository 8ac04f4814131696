import Foundation
import Glibc
import Testing
import LedgerJournal

/// What the tool must never do to the records it keeps: write an export over or among them,
/// create files others can read, or copy the personal-data register into the journal.
/// (CSV formula injection and HTML escaping belong with the reports.)
@Suite("Security: output paths, file modes, personal data")
struct SecurityTests {
    /// A scratch folder holding a copy of the shipped journal; returns its bytes.
    static func withShippedJournal(_ scratch: Scratch, at name: String = "Journal/ledger.jsonl") throws -> Data {
        let shipped = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Journal/ledger.jsonl"))
        try shipped.write(to: URL(fileURLWithPath: scratch.path + "/" + name))
        return shipped
    }

    @Test func exportRefusesTheJournalsFolderTheJournalAndFoldersWithOtherFiles() throws {
        let scratch = Scratch()
        let journal = try Self.withShippedJournal(scratch)
        try scratch.write("keep me\n", to: "Journal/notes.txt")
        try FileManager.default.createDirectory(atPath: scratch.path + "/other", withIntermediateDirectories: true)
        try scratch.write("mine\n", to: "other/notes.txt")
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/link", withDestinationPath: "Journal")
        try FileManager.default.createDirectory(atPath: scratch.path + "/linked", withIntermediateDirectories: true)
        #expect(link(scratch.path + "/Journal/ledger.jsonl", scratch.path + "/linked/events.jsonl") == 0)
        let refusals: [(out: String, message: String)] = [
            ("Journal", "refusing to write into the journal's folder"),
            ("Journal/", "refusing to write into the journal's folder"),
            ("other/../Journal", "refusing to write into the journal's folder"),
            ("link", "refusing to write into the journal's folder"),
            ("Journal/ledger.jsonl", "refusing to write over the journal"),
            ("other/notes.txt", "refusing to write over a file that is not a directory"),
            ("other", "refusing to write into a directory that holds other files (notes.txt)"),
            ("linked", "refusing to replace events.jsonl: it is not a file of an earlier run (a link, a folder, or the journal itself)"),
        ]
        for (out, message) in refusals {
            let result = try CLI.run(["export", "--jurisdiction", "sy", "--out", out], in: scratch.path)
            #expect(result.status == 1, "--out \(out)")
            #expect(result.standardError == "groupledger: error: \(out): --out: \(message); choose a new or empty directory\n")
            #expect(result.standardOutput == "")
        }
        #expect(try scratch.bytes("Journal/ledger.jsonl") == journal)
        #expect(try scratch.text("Journal/notes.txt") == "keep me\n")
        #expect(try scratch.text("other/notes.txt") == "mine\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/Journal").sorted() == ["ledger.jsonl", "notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/linked") == ["events.jsonl"])

        // A journal whose own name is a packet file's, and --out its folder.
        try FileManager.default.createDirectory(atPath: scratch.path + "/plain", withIntermediateDirectories: true)
        let plain = try Self.withShippedJournal(scratch, at: "plain/events.jsonl")
        let inItsFolder = try CLI.run(["export", "--jurisdiction", "sy", "--out", "plain", "--journal", "plain/events.jsonl"], in: scratch.path)
        #expect(inItsFolder.status == 1)
        #expect(inItsFolder.standardError == "groupledger: error: plain: --out: refusing to write into the journal's folder; choose a new or empty directory\n")
        #expect(try scratch.bytes("plain/events.jsonl") == plain)

        // A new directory works, and so does an earlier packet's, which is replaced by the same files.
        #expect(try CLI.run(["export", "--jurisdiction", "sy", "--out", "packet"], in: scratch.path).status == 0)
        let first = try scratch.bytes("packet/events.jsonl")
        #expect(try CLI.run(["export", "--jurisdiction", "sy", "--out", "packet"], in: scratch.path).status == 0)
        #expect(try scratch.bytes("packet/events.jsonl") == first)
        #expect(try scratch.bytes("Journal/ledger.jsonl") == journal)
    }

    /// Runs the CLI with umask 000, so only the tool's own modes decide what others may read.
    static func runWithOpenUmask(_ arguments: [String], in directory: String, input: String? = nil) throws -> CLIResult {
        let previous = umask(0)
        defer { umask(previous) }
        return try CLI.run(arguments, in: directory, input: input)
    }

    static func mode(_ path: String) -> mode_t {
        var status = stat()
        guard stat(path, &status) == 0 else { return 0 }
        return status.st_mode & 0o777
    }

    @Test func everyFileTheToolCreatesIsMode0640AndFoldersAre0750() throws {
        let scratch = Scratch()
        let journal = scratch.path + "/Journal/ledger.jsonl"
        // The child inherits the umask at launch: an open one must not widen what the tool creates.
        #expect(try Self.runWithOpenUmask(["append"], in: scratch.path, input: Events.lines(0..<3)).status == 0)
        #expect(Self.mode(journal) == 0o640)
        #expect(try Self.runWithOpenUmask(["register", "put", "--subject", "staff-1", "--name", "张三"], in: scratch.path).status == 0)
        #expect(Self.mode(scratch.path + "/Journal/ledger.register.jsonl") == 0o640)
        // A torn tail moved aside by recover.
        let handle = try #require(FileHandle(forWritingAtPath: journal))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Events.line(3).utf8.prefix(40)))
        try handle.close()
        let recovered = try Self.runWithOpenUmask(["recover"], in: scratch.path)
        #expect(recovered.status == 0)
        let torn = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/Journal").first { $0.contains(".torn-") })
        #expect(Self.mode(scratch.path + "/Journal/" + torn) == 0o640)
        #expect(Self.mode(journal) == 0o640)
        // An audit packet: the folder 0750, every file 0640.
        let shipped = scratch.path + "/shipped.jsonl"
        _ = try Self.withShippedJournal(scratch, at: "shipped.jsonl")
        #expect(try Self.runWithOpenUmask(["export", "--jurisdiction", "sy", "--out", "packet", "--journal", shipped], in: scratch.path).status == 0)
        #expect(Self.mode(scratch.path + "/packet") == 0o750)
        let packetFiles = try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/packet").sorted()
        #expect(packetFiles == ["README.txt", "digest.json", "events.jsonl", "proofs.jsonl", "verify_journal.py"])
        for name in packetFiles { #expect(Self.mode(scratch.path + "/packet/" + name) == 0o640, "\(name)") }
        // Nothing temporary is left beside the journal.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/Journal").sorted()
                == ["ledger.jsonl", "ledger.register.jsonl", torn].sorted())
    }

    @Test func theRegistersPersonalDataNeverReachesTheJournal() throws {
        let scratch = Scratch()
        let journal = try Self.withShippedJournal(scratch)
        let put = try CLI.run(["register", "put", "--subject", "staff-bs-0001", "--name", "张三丰", "--detail", "phone=13800000000,post=教导主任"],
                              in: scratch.path)
        #expect(put.status == 0)
        #expect(try scratch.bytes("Journal/ledger.jsonl") == journal, "register put must not touch the journal")
        let register = try scratch.text("Journal/ledger.register.jsonl")
        #expect(register.contains("张三丰") && register.contains("13800000000"))
        // Reading commands may show the name, but only from the register.
        #expect(try CLI.run(["history", "staff-bs-0001"], in: scratch.path).status == 0)
        let erase = try CLI.run(["register", "erase", "--subject", "staff-bs-0001", "--effective", "2025-06-01", "--actor", "admin1",
                                 "--as", "LedgerAdmin", "--document", "蚌教〔2023〕1号"], in: scratch.path)
        #expect(erase.status == 0, "\(erase.standardError)")
        let after = try scratch.text("Journal/ledger.jsonl")
        let added = try #require(after.split(separator: "\n").last)
        #expect(added.contains(#""type":"PersonalDataErased""#) && added.contains(#""subjectId":"staff-bs-0001""#))
        for secret in ["张三丰", "13800000000", "教导主任"] {
            #expect(!after.contains(secret), "\(secret) reached the journal")
            #expect(!(try scratch.text("Journal/ledger.register.jsonl")).contains(secret), "\(secret) is still in the register")
        }
        #expect(try JournalVerifier.verify(path: scratch.path + "/Journal/ledger.jsonl").isSound)
        // Nor can a name be slipped into a staff event: the payload has no field for it.
        let named = try CLI.run(["append"], in: scratch.path, input: #"{"type":"StaffRegistered","v":1,"effective":"2025-02-10","actor":{"id":"clerk-bs","role":"BureauClerk","onBehalfOf":"bs-edu"},"data":{"homeSchoolId":"bs-syn-s01","nameZh":"张三丰","post":"VicePrincipal","staffId":"staff-bs-0099"}}"# + "\n")
        #expect(named.status == 1)
        #expect(named.standardError == "groupledger: error: Journal/ledger.jsonl: data.nameZh: event 1 of the batch (StaffRegistered): unknown field; nothing was appended\n")
    }
}
