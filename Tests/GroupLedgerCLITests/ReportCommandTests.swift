import Foundation
import Testing

/// `report annual` and `seal`: golden files per format on the shipped journal, escaping of
/// hostile names, verdicts per jurisdiction, traceability, and the year-end seal.
@Suite("Annual reports")
struct ReportCommandTests {
    static let shipped = AuditCommandTests.shipped

    @Test(arguments: [
        (["--year", "2024", "--basis", "school-year", "--jurisdiction", "邵阳县", "--format", "csv"], "report-sy-2024.csv"),
        (["--year", "2024", "--basis", "school-year", "--jurisdiction", "邵阳县", "--format", "json"], "report-sy-2024.json"),
        (["--year", "2024", "--basis", "school-year", "--jurisdiction", "邵阳县", "--format", "md"], "report-sy-2024.md"),
        (["--year", "2024", "--basis", "school-year", "--jurisdiction", "邵阳县", "--format", "html"], "report-sy-2024.html"),
        (["--year", "2025", "--jurisdiction", "bs", "--format", "csv", "--lang", "en"], "report-bs-2025.en.csv"),
    ])
    func matchesTheGoldenOutput(arguments: [String], golden: String) throws {
        let scratch = Scratch()
        let result = try CLI.run(["report", "annual"] + arguments + ["--journal", Self.shipped], in: scratch.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == (try AuditCommandTests.golden(golden)), "report annual \(arguments.joined(separator: " ")) differs from Golden/\(golden)")
    }

    static func report(_ arguments: [String], journal: String = shipped, in scratch: Scratch) throws -> [String: Any] {
        let result = try CLI.run(["report", "annual", "--format", "json", "--journal", journal] + arguments, in: scratch.path)
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    static func groups(_ report: [String: Any]) -> [String: [String: Any]] {
        var groups: [String: [String: Any]] = [:]
        for jurisdiction in report["jurisdictions"] as? [[String: Any]] ?? [] {
            for group in jurisdiction["groups"] as? [[String: Any]] ?? [] { groups[group["groupId"] as? String ?? ""] = group }
        }
        return groups
    }

    static func statuses(_ group: [String: Any]?) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (group?["compliance"] as? [[String: Any]] ?? []).map { ($0["ruleId"] as? String ?? "", $0["status"] as? String ?? "") })
    }

    /// One group per jurisdiction of the shipped journal, with verdicts its crafted history decides.
    @Test func theComplianceMatrixGivesEachJurisdictionsVerdicts() throws {
        let scratch = Scratch()
        let school2024 = Self.groups(try Self.report(["--year", "2024", "--basis", "school-year"], in: scratch))
        let calendar2025 = Self.groups(try Self.report(["--year", "2025"], in: scratch))
        let calendar2024 = Self.groups(try Self.report(["--year", "2024"], in: scratch))
        let expected: [(String, [String: Any]?, String, String)] = [
            ("bs", calendar2025["bs-syn-g1"], "BS-15", "met"), ("bs", calendar2025["bs-syn-g1"], "BS-14", "notMet"),
            ("bs", calendar2025["bs-syn-g1"], "BS-06", "insufficientData"), ("bs", calendar2025["bs-syn-g1"], "BS-04", "notApplicable"),
            ("sy", school2024["sy-g1"], "SY-04", "met"), ("sy", school2024["sy-g1"], "SY-08a", "notMet"),
            ("xp", school2024["xp-g1"], "XP-03", "notMet"), ("zh", school2024["zh-g01"], "ZH-05b", "notMet"),
            ("zy", calendar2024["zy-g1"], "ZY-01", "met"), ("zy", school2024["zy-g1"], "ZY-02", "notMet"),
        ]
        for (jurisdiction, group, rule, status) in expected {
            #expect(Self.statuses(group)[rule] == status, "\(jurisdiction) \(rule): expected \(status)")
        }
        // Every rule of the profile that applies is a row: the sy group's matrix has SY-01 … SY-20 rows.
        #expect(Self.statuses(school2024["sy-g1"]).count >= 20)
    }

    /// Every figure's evidence names events of the journal, and `explain --seqs` shows them.
    @Test func everyFigureTracesToEventsThatExplainShows() throws {
        let scratch = Scratch()
        let report = try Self.report(["--year", "2025", "--jurisdiction", "bs"], in: scratch)
        let digest = try CLI.run(["digest", "--format", "json", "--journal", Self.shipped], in: scratch.path)
        let published = try #require(try JSONSerialization.jsonObject(with: Data(digest.standardOutput.utf8)) as? [String: Any])
        let stated = try #require(report["digest"] as? [String: Any])
        #expect(stated["size"] as? Int == published["size"] as? Int && stated["root"] as? String == published["root"] as? String)
        let group = try #require(Self.groups(report)["bs-syn-g1"])
        let figures = try #require(group["figures"] as? [[String: Any]])
        let allocated = try #require(figures.first { $0["measure"] as? String == "allocated" })
        #expect(allocated["value"] as? Int == 50_000_000 && allocated["yuan"] as? String == "500000.00")
        let seqs = try #require(allocated["evidenceSeqs"] as? [Int])
        #expect(seqs == [260])
        let spent = try #require(figures.first { $0["measure"] as? String == "spent" }?["evidenceSeqs"] as? [Int])
        let explained = try CLI.run(["explain", "--seqs", spent.map(String.init).joined(separator: ","), "--format", "json", "--journal", Self.shipped],
                                    in: scratch.path)
        let types = explained.standardOutput.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["type"] as? String
        }
        #expect(types == Array(repeating: "ExpenditureRecorded", count: spent.count) && !types.isEmpty)
        let remaining = try #require(figures.first { $0["measure"] as? String == "remaining" }?["value"] as? Int)
        let spentFen = try #require(figures.first { $0["measure"] as? String == "spent" }?["value"] as? Int)
        #expect(remaining == 50_000_000 - spentFen)
    }

    @Test func theCSVOpensInSpreadsheetsAndTheOutputNeverOverwritesTheJournal() throws {
        let scratch = Scratch()
        let withMark = try CLI.run(["report", "annual", "--year", "2025", "--format", "csv", "--journal", Self.shipped], in: scratch.path)
        #expect(withMark.standardOutput.hasPrefix("\u{FEFF}辖区,集团,集团名称,部分,指标"))
        #expect(withMark.standardOutput.contains("\r\n") && !withMark.standardOutput.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let without = try CLI.run(["report", "annual", "--year", "2025", "--format", "csv", "--no-bom", "--journal", Self.shipped], in: scratch.path)
        #expect(without.standardOutput.hasPrefix("辖区,"))
        _ = try CLI.run(["append"], in: scratch.path, input: Events.lines(0..<2))
        let before = try scratch.bytes("Journal/ledger.jsonl")
        for target in ["Journal/ledger.jsonl", "Journal/../Journal/ledger.jsonl", "Journal/ledger.jsonl.register.jsonl", "Journal/ledger.jsonl.torn-12"] {
            let refused = try CLI.run(["report", "annual", "--year", "2025", "--format", "csv", "--out", target], in: scratch.path)
            #expect(refused.status == 1, "\(target)")
            #expect(refused.standardError.contains("refusing to write over the journal"), "\(refused.standardError)")
        }
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
        let written = try CLI.run(["report", "annual", "--year", "2025", "--format", "md", "--out", "annual.md"], in: scratch.path)
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try scratch.text("annual.md").hasPrefix("# 2025年度集团化办学年度报告"))
    }
}

/// Names that would break a report if written raw: HTML, CSV formulas, quotes and commas.
@Suite("Report escaping")
struct ReportEscapingTests {
    @Test func hostileNamesAreShownAsWrittenAndNeverRunAsMarkupOrFormulas() throws {
        let scratch = try CLIDomainTests.prepared()
        let names = [("sy-x1", #"<script>alert("x")</script>小学"#), ("sy-x2", #"=HYPERLINK("http://evil")"#), ("sy-x3", #"引号"学校,逗号"#)]
        var lines = ""
        for (id, name) in names {
            let escapedName = name.replacingOccurrences(of: "\"", with: "\\\"")
            lines += #"{"type":"SchoolRegistered","v":1,"effective":"2024-01-01","actor":{"id":"admin1","role":"LedgerAdmin"},"data":{"schoolId":"\#(id)","nameZh":"\#(escapedName)","stage":"Primary","administeredBy":"sy-edu","jurisdictionId":"sy"}}"# + "\n"
        }
        let registered = try CLI.run(["append"], in: scratch.path, input: lines)
        #expect(registered.status == 0, "\(registered.standardError)")
        for (id, _) in names.prefix(2) {
            let joined = try CLI.run(["join", "--group", "sy-g1", "--school", id, "--effective", "2024-03-01"] + CLIDomainTests.envelope, in: scratch.path)
            #expect(joined.status == 0, "\(joined.standardError)")
        }
        // A group whose name is a formula: it starts the group-name cell of every CSV row of the group.
        let formed = try CLI.run(["form-group", "--group", "sy-gx", "--name", "=cmd|' /C calc'!A0", "--jurisdiction", "sy", "--type", "CoConstruction",
                                  "--lead", "sy-x3", "--effective", "2024-03-01"] + CLIDomainTests.envelope, in: scratch.path)
        #expect(formed.status == 0, "\(formed.standardError)")
        func report(_ format: String) throws -> String {
            let result = try CLI.run(["report", "annual", "--year", "2024", "--format", format], in: scratch.path)
            #expect(result.status == 0, "\(result.standardError)")
            return result.standardOutput
        }
        let html = try report("html")
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;小学"))
        #expect(html.contains("=HYPERLINK(&quot;http://evil&quot;)"))
        #expect(!html.contains("http://evil\""))
        let csv = try report("csv")
        // A cell that starts with a formula character is neutralised with an apostrophe; quotes are doubled inside quoted cells.
        #expect(csv.contains(",'=cmd|' /C calc'!A0,"))
        #expect(!csv.contains(",=") && !csv.contains(",\"=") && !csv.contains("\r\n="))
        #expect(csv.contains(#"=HYPERLINK(""http://evil"")"#))
        #expect(csv.contains(#"<script>alert(""x"")</script>小学"#))
        #expect(csv.contains(#""引号""学校,逗号"#))
        let markdown = try report("md")
        #expect(markdown.contains("&lt;script&gt;") && !markdown.contains("<script"))
        #expect(markdown.contains("=cmd\\|' /C calc'!A0"))
    }
}

/// A report verifies the journal in the pass that folds it; damage must still be reported as
/// damage, at the line that shows it, whatever the fold met first.
@Suite("Annual reports on a damaged journal")
struct ReportOnDamagedJournalTests {
    @Test func damageAfterALineTheDomainRefusesIsWhatTheReportNames() throws {
        let scratch = Scratch()
        var lines = try String(contentsOfFile: AuditCommandTests.shipped, encoding: .utf8).split(separator: "\n").map(String.init)
        // A joining that ends its batch and is not the last line: its batch is whole (so it is
        // folded) before the line after it, whose prev no longer matches, is read.
        let index = try #require(lines.indices.dropLast().first { index in
            guard let event = try? JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as? [String: Any],
                  event["type"] as? String == "SchoolJoinedGroup", let seq = event["seq"] as? Int,
                  let batch = event["batch"] as? [String: Int] else { return false }
            return seq == batch["first"]! + batch["count"]! - 1
        })
        let schoolId = try #require(lines[index].firstRange(of: #/"schoolId":"[^"]+"/#))
        lines[index].replaceSubrange(schoolId, with: #""schoolId":"no-such-school""#)
        let journal = scratch.path + "/ledger.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: journal))

        let verify = try CLI.run(["verify", "--journal", journal], in: scratch.path)
        #expect(verify.status != 0 && verify.standardOutput.contains("line \(index + 2)") && verify.standardOutput.contains("prev"),
                "\(verify.standardOutput)")
        let report = try CLI.run(["report", "annual", "--year", "2024", "--format", "md", "--journal", journal], in: scratch.path)
        #expect(report.status != 0)
        #expect(report.standardOutput.isEmpty)
        #expect(report.standardError.contains("line \(index + 2)") && report.standardError.contains("prev") && !report.standardError.contains("no-such-school"),
                "\(report.standardError)")
    }
}

/// The year-end seal: later events effective in a sealed year are refused unless they are
/// explicit adjustments citing an authority, and the next report lists them.
@Suite("Year-end seal")
struct SealTests {
    @Test func aSealRefusesABackdatedEventAndTheReportListsTheAdjustment() throws {
        let scratch = try CLIDomainTests.prepared()
        let digest = try CLI.run(["digest"], in: scratch.path).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let sealed = try CLI.run(["seal", "--jurisdiction", "邵阳县", "--year", "2024", "--effective", "2025-01-05", "--actor", "admin1", "--as", "LedgerAdmin",
                                  "--format", "json"], in: scratch.path)
        #expect(sealed.status == 0, "\(sealed.standardError)")
        let size = String(digest.split(separator: ":")[0])
        let root = String(digest.split(separator: ":")[1])
        #expect(sealed.standardOutput.contains(#""journalSize":\#(size)"#) && sealed.standardOutput.contains(#""journalRootHex":"\#(root)""#))
        #expect(try CLI.run(["verify", "--digest", digest], in: scratch.path).status == 0)
        let again = try CLI.run(["seal", "--jurisdiction", "sy", "--year", "2024", "--effective", "2025-01-06", "--actor", "admin1", "--as", "LedgerAdmin"],
                                in: scratch.path)
        #expect(again.status == 1 && again.standardError.contains("sy 2024 was already sealed at seq"))

        let before = try scratch.bytes("Journal/ledger.jsonl")
        let allocate = ["allocate", "--allocation", "al-late", "--fiscal-year", "2024", "--from", "sy-edu", "--to", "sy-m03", "--group", "sy-g1",
                        "--purpose", "ExchangeTraining", "--amount-fen", "100000", "--effective", "2024-12-20", "--actor", "clerk-sy", "--as", "BureauClerk",
                        "--on-behalf-of", "sy-edu"]
        let backdated = try CLI.run(allocate + ["--document", "邵教发〔2023〕50号"], in: scratch.path)
        #expect(backdated.status == 1)
        #expect(backdated.standardError.contains("data.adjustmentZh: event 1 of the batch (FundAllocated): effective 2024-12-20 falls in sy's sealed calendar year 2024"))
        let withoutAuthority = try CLI.run(allocate + ["--adjustment", "补记12月拨款"], in: scratch.path)
        #expect(withoutAuthority.status == 1 && withoutAuthority.standardError.contains("authority: "), "\(withoutAuthority.standardError)")
        #expect(try scratch.bytes("Journal/ledger.jsonl") == before)
        let later = try CLI.run(allocate.map { $0 == "2024-12-20" ? "2025-02-01" : $0 } + ["--document", "邵教发〔2023〕50号"], in: scratch.path)
        #expect(later.status == 0, "an event after the sealed year is not affected: \(later.standardError)")
        let adjustment = try CLI.run(allocate.map { $0 == "al-late" ? "al-adjust" : $0 } + ["--adjustment", "补记12月拨款", "--document", "邵教发〔2023〕50号"],
                                     in: scratch.path)
        #expect(adjustment.status == 0, "\(adjustment.standardError)")
        let report = try CLI.run(["report", "annual", "--year", "2024", "--format", "md"], in: scratch.path)
        #expect(report.standardOutput.contains("| 封账后调整 | 1 |"))
        #expect(report.standardOutput.contains("FundAllocated：补记12月拨款"))
    }
}
