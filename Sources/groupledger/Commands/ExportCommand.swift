import Glibc
import LedgerCore
import LedgerJournal
import LedgerReports

/// `groupledger export`: an audit packet for one jurisdiction, checkable offline.
enum ExportCommand: Command {
    static let spec = CommandSpec(
        path: ["export"],
        summary: "Write an audit packet: a jurisdiction's events, their inclusion proofs against the current digest, the digest, and the verifier.",
        usage: "export --jurisdiction ID|NAME --out DIR [--no-checkpoint] [--read-only] [--journal PATH] [--format text|json]",
        options: [
            .init(name: "--jurisdiction", valueName: "ID|NAME", help: "The jurisdiction: an id (zh, bs, xp, sy, zy …), an authority's name, or a place (湛河区)."),
            .init(name: "--out", valueName: "DIR", help: "A new or empty directory for the packet."),
            CommonOptions.noCheckpoint, CommonOptions.readOnly, CommonOptions.journal, CommonOptions.format,
        ],
        maxPositionals: 0,
        discussion: """
        The packet holds events.jsonl (the lines exactly as in the journal), proofs.jsonl (one
        inclusion proof per line, RFC 9162), digest.json, verify_journal.py and README.txt.
        `python3 verify_journal.py --packet DIR` checks it with Python's standard library alone.
        """)

    /// The files a packet holds; an earlier packet's are replaced, nothing else is touched.
    static let packetFileNames = ["events.jsonl", "proofs.jsonl", "digest.json", "verify_journal.py", "README.txt"]

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws -> ExitCode {
        let path = context.journalPath(arguments)
        let query = try EnvelopeOptions.required(arguments, "--jurisdiction", spec: spec)
        let directory = try EnvelopeOptions.required(arguments, "--out", spec: spec)
        let json = try arguments.wantsJSON(spec: spec)
        let state = try JournalReading.state(path: path)
        let jurisdiction = try EntityNames.jurisdiction(query, in: state, path: path)
        let ids = PacketScope.ids(of: jurisdiction, in: state)
        guard !ids.isEmpty else { throw JournalError(.outOfRange, path: path, field: "--jurisdiction", message: "no jurisdiction \"\(jurisdiction)\" in the journal") }
        // Pass 1: every line's leaf hash (32 bytes a line, for the tree) and the seqs to export.
        // Pass 2 streams the chosen lines into the packet; no event is held in memory.
        var leaves: [SHA256Digest] = []
        var chosenSeqs: [Int64] = []
        let scan = try JournalReading.scan(path: path, checkChain: true) { entries in
            for entry in entries {
                leaves.append(entry.leafHash ?? .zero)
                if PacketScope.belongs(entry.event, jurisdiction: jurisdiction, ids: ids) { chosenSeqs.append(entry.seq) }
            }
            return true
        }
        if let problem = JournalReading.error(for: scan.tail, path: path) { throw problem }
        let size = leaves.count
        let tree = MerkleLevels(leafHashes: leaves)
        let root = tree.root
        // Never the journal's folder, nor a folder with other files (an earlier packet is replaced).
        try OutputDirectory.check(directory, fileNames: Set(Self.packetFileNames), journalPath: path, option: "--out")
        let createdDirectory = mkdir(directory, 0o750) == 0
        guard createdDirectory || errno == EEXIST else {
            throw JournalError(SystemCallError(call: "mkdir", path: directory, errorNumber: errno))
        }
        for name in Self.packetFileNames { unlink(directory + "/" + name) }
        do throws(any Error) {
            var events = try SequentialFileWriter(creating: directory + "/events.jsonl")
            var proofs = try SequentialFileWriter(creating: directory + "/proofs.jsonl")
            var next = 0
            // The journal only grows, so the first `size` lines are the ones hashed in pass 1;
            // each line's leaf hash is compared again, so a file changed under us is caught.
            _ = try JournalReading.scan(path: path, checkChain: false) { entries throws in
                for entry in entries where next < chosenSeqs.count && entry.seq == chosenSeqs[next] {
                    let index = Int(entry.seq - 1)
                    let line = entry.line.encoded()
                    guard MerkleTree.leafHash(line) == leaves[index] else {
                        throw JournalError(.corrupt, path: path, lineNumber: entry.seq, field: "line", message: "the journal changed while the packet was written")
                    }
                    try events.write(line + [0x0A])
                    var proof = JSONText()
                    proof.add("seq", entry.seq)
                    proof.add("size", Int64(size))
                    proof.add("leaf", leaves[index].hex)
                    proof.add("path", strings: tree.inclusionPath(index: index).map(\.hex))
                    proof.add("root", root.hex)
                    try proofs.write((proof.text + "\n").utf8)
                    next += 1
                }
                return next < chosenSeqs.count
            }
            guard next == chosenSeqs.count else {
                throw JournalError(.corrupt, path: path, field: "seq", message: "the journal changed while the packet was written: \(chosenSeqs.count - next) chosen lines not found again")
            }
            try events.finish()
            try proofs.finish()
            var digest = JSONText()
            digest.add("size", Int64(size))
            digest.add("root", root.hex)
            let verifier = try InputFile.read(CommandContext.toolsPath(for: path, file: "verify_journal.py"))
            let readme = """
                GroupLedger audit packet: jurisdiction \(jurisdiction), \(chosenSeqs.count) of \(size) events.
                digest.json    the journal's size and RFC 6962 Merkle root when the packet was made; compare it with the published digest.
                events.jsonl   the jurisdiction's events, each line exactly as in the journal.
                proofs.jsonl   for each line, its inclusion proof in the tree of digest.json (RFC 9162 §2.1.3).
                Check with Python 3 alone:  python3 verify_journal.py --packet .

                """
            for (name, bytes) in [("digest.json", Array((digest.text + "\n").utf8)), ("verify_journal.py", verifier), ("README.txt", Array(readme.utf8))] {
                var file = try SequentialFileWriter(creating: directory + "/" + name)
                try file.write(bytes)
                try file.finish()
            }
            // Each file was fsynced by `finish`; their names (and the folder's, when this run
            // made it) are on disk once the folders holding them are fsynced too. Only then is
            // the packet reported as written.
            try FileDescriptor.synchronizeDirectory(containing: directory + "/" + Self.packetFileNames[0])
            if createdDirectory {
                var folder = Substring(directory)
                while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
                try FileDescriptor.synchronizeDirectory(containing: String(folder))
            }
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
        if json {
            var object = JSONText()
            object.add("directory", directory)
            object.add("jurisdictionId", jurisdiction)
            object.add("events", Int64(chosenSeqs.count))
            object.add("size", Int64(size))
            object.add("root", root.hex)
            context.console.out(object.text + "\n")
        } else {
            context.console.out("wrote \(directory): \(chosenSeqs.count) events of \(jurisdiction) with inclusion proofs against \(size):\(root.hex)\n")
        }
        return .success
    }
}

/// Which events belong to a jurisdiction: those about its authorities, documents, schools,
/// groups and what hangs off them (memberships, staff, secondments, money, approvals …).
enum PacketScope {
    static func ids(of jurisdiction: String, in state: LedgerState) -> Set<String> {
        var ids: Set<String> = []
        for entry in state.authorities.values where entry.payload.jurisdictionId == jurisdiction { ids.insert(entry.payload.authorityId) }
        for entry in state.documents.values where entry.payload.jurisdictionId == jurisdiction { ids.insert(entry.payload.documentId) }
        for entry in state.schools.values where entry.payload.jurisdictionId == jurisdiction { ids.insert(entry.payload.schoolId) }
        for entry in state.groups.values where entry.jurisdictionId == jurisdiction { ids.insert(entry.groupId) }
        for entry in state.staff.values where ids.contains(entry.payload.homeSchoolId) { ids.insert(entry.payload.staffId) }
        for entry in state.allocations.values where ids.contains(entry.payload.toSchoolId) { ids.insert(entry.payload.allocationId) }
        for entry in state.earmarks.values where ids.contains(entry.payload.allocationId) { ids.insert(entry.payload.earmarkId) }
        for entry in state.approvals.values where ids.contains(entry.request.addressedTo) || ids.contains(entry.request.requestedBy) {
            ids.insert(entry.request.approvalId)
        }
        for entry in state.memberships.values where ids.contains(entry.groupId) { ids.insert(entry.membershipId) }
        for entry in state.secondments.values where ids.contains(entry.payload.staffId) { ids.insert(entry.payload.secondmentId) }
        for entry in state.roleAssignments.values where ids.contains(entry.payload.groupId) { ids.insert(entry.payload.assignmentId) }
        return ids
    }

    static func belongs(_ event: RecordedEvent, jurisdiction: String, ids: Set<String>) -> Bool {
        if event.data["jurisdictionId"]?.stringValue == jurisdiction { return true }
        if let approval = event.authority?.approval, ids.contains(approval) { return true }
        return mentions(.object(event.data), ids)
    }

    private static func mentions(_ value: JSONValue, _ ids: Set<String>) -> Bool {
        switch value {
        case .string(let text): return ids.contains(text)
        case .array(let items): return items.contains { mentions($0, ids) }
        case .object(let object): return object.contains { mentions($0.value, ids) }
        default: return false
        }
    }
}
