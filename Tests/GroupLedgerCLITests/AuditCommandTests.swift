import Foundation
import Testing

/// `replay` and `history` on the shipped journal, against golden files (regenerate one with the
/// command in its test, after checking the difference by eye).
@Suite("Audit commands on the shipped journal")
struct AuditCommandTests {
    static let shipped = CLI.packageRoot.appendingPathComponent("Journal/ledger.jsonl").path

    static func golden(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: CLI.packageRoot.appendingPathComponent("Tests/GroupLedgerCLITests/Golden/\(name)")), as: UTF8.self)
    }

    @Test(arguments: [
        (["replay", "--from", "1", "--to", "12"], "replay-1-12.zh.txt"),
        (["replay", "--from", "295", "--to", "305", "--lang", "en"], "replay-295-305.en.txt"),
        (["replay", "--from", "298", "--to", "303", "--format", "json"], "replay-298-303.jsonl"),
        (["history", "黄塘中学", "--lang", "en"], "history-huangtang.en.txt"),
        (["explain", "--school", "白仓镇芙蓉中学", "--group", "sy-g1", "--lang", "en"], "explain-baicang.en.txt"),
        (["explain", "--allocation", "alloc-bs-2025-0001"], "explain-alloc.zh.txt"),
        (["funds", "trace", "--group", "蚌山区示例教育集团一", "--lang", "en"], "funds-bs-g1.en.txt"),
        (["funds", "trace", "--group", "蚌山区示例教育集团一"], "funds-bs-g1.zh.txt"),
        (["diff", "--known-at", "262", "--known-at", "329", "--as-of", "2024-09-01", "--lang", "en"], "diff-262-329.en.txt"),
        (["diff", "--known-at", "262", "--known-at", "329", "--as-of", "2024-09-01"], "diff-262-329.zh.txt"),
        (["state", "--as-of", "2024-09-01", "--jurisdiction", "邵阳县"], "state-sy-2024-09-01.zh.txt"),
        (["state", "--as-of", "2024-09-01", "--jurisdiction", "sy", "--lang", "en"], "state-sy-2024-09-01.en.txt"),
        (["state", "--view", "secondments,funds,approvals"], "state-registers.zh.txt"),
        (["findings", "--jurisdiction", "邵阳县", "--school-year", "2024"], "findings-sy-2024.zh.txt"),
        (["log", "--from", "1", "--to", "3"], "log-1-3.zh.txt"),
    ])
    func matchesTheGoldenOutput(arguments: [String], golden: String) throws {
        let scratch = Scratch()
        let result = try CLI.run(arguments + ["--journal", Self.shipped], in: scratch.path)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == (try Self.golden(golden)), "groupledger \(arguments.joined(separator: " ")) differs from Golden/\(golden)")
    }

    @Test func aReplayShowsTheCorrectionBesideWhatItCorrects() throws {
        let output = try Self.golden("replay-295-305.en.txt")
        #expect(output.contains("seq 298  GroupActivityHeld"))
        #expect(output.contains("corrected by seq  303"))
        #expect(output.contains("corrects seq      298"))
        #expect(output.contains("Beijing time (UTC+8)"))
        #expect(try Self.golden("replay-1-12.zh.txt").contains("（北京时间）"))
    }

    @Test func historyTakesNamesAndDocumentNumbersAndRefusesAmbiguousOnes() throws {
        let scratch = Scratch()
        let byNumber = try CLI.run(["history", "邵教发〔2023〕 50号", "--journal", Self.shipped, "--format", "json"], in: scratch.path)
        #expect(byNumber.status == 0)
        #expect(byNumber.standardOutput.split(separator: "\n").count > 50)
        let ambiguous = try CLI.run(["history", "平顶山市湛河区实验小学教育集团", "--journal", Self.shipped], in: scratch.path)
        #expect(ambiguous.status == 1)
        #expect(ambiguous.standardError.contains("is ambiguous: it names zh-g01 (group), zh-g2018-shiyan (group); give one of the ids"))
        let unknown = try CLI.run(["history", "不存在学校", "--journal", Self.shipped], in: scratch.path)
        #expect(unknown.standardError.contains("nothing is registered as \"不存在学校\""))
    }
}

@Suite("Fund traces and diffs on the shipped journal")
struct FundsAndDiffTests {
    @Test func aFundTraceFollowsTheMoneyWithBalancesAndAuthorities() throws {
        let scratch = Scratch()
        let trace = try CLI.run(["funds", "trace", "--group", "蚌山区示例教育集团一", "--lang", "en", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(trace.status == 0, "\(trace.standardError)")
        let lines = trace.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("allocation alloc-bs-2025-0001  2025  ExchangeTraining  [seq 260") == true)
        #expect(lines.contains { $0.contains("earmark earmark-bs-2025-0001") && $0.contains("200000.00元, left 150000.00元") })
        #expect(lines.contains { $0.contains("→ 蚌山区示例小学六 (bs-syn-s06) 50000.00元") })
        #expect(lines.last == "  └ earmarked 200000.00元, spent directly 38000.00元, free 262000.00元")
        let none = try CLI.run(["funds", "trace", "--allocation", "al-none", "--lang", "en", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(none.status == 1)
        #expect(none.standardOutput == "no allocations match\n")
    }

    @Test func aDiffShowsBackdatedEntriesCorrectionsAndChangedRosters() throws {
        let scratch = Scratch()
        let diff = try CLI.run(["diff", "--known-at", "262", "--known-at", "329", "--as-of", "2024-09-01", "--lang", "en", "--journal", AuditCommandTests.shipped],
                               in: scratch.path)
        #expect(diff.status == 0, "\(diff.standardError)")
        #expect(diff.standardOutput.hasPrefix("known at 262 (262 events) → known at 329 (329 events), rosters as of 2024-09-01\n"))
        #expect(diff.standardOutput.hasSuffix("(67 events recorded in between)\n"))
        #expect(diff.standardOutput.range(of: "groups whose roster differs")!.lowerBound < diff.standardOutput.range(of: "recorded in between:")!.lowerBound)
        #expect(diff.standardOutput.contains("seq 266 SchoolJoinedGroup: 邵阳县芙蓉学校教育集团: + 黄塘中学 (member)  [backdated: effective 2023-12"))
        #expect(diff.standardOutput.contains("seq 303 EntryCorrected: voids seq 298"))
        #expect(diff.standardOutput.contains("[correction]") || diff.standardOutput.contains("; correction]"))
        #expect(diff.standardOutput.contains("邵阳县芙蓉学校教育集团 (sy-g1): + 邵阳县芙蓉学校 (Lead, seq 263); + 塘渡口镇二完小 (Member, seq 264)"))
        let once = try CLI.run(["diff", "--known-at", "262", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(once.status == 64)
    }

    @Test func aFundTraceAsJSONCarriesFenBalancesThatAddUp() throws {
        let scratch = Scratch()
        let trace = try CLI.run(["funds", "trace", "--group", "蚌山区示例教育集团一", "--format", "json", "--journal", AuditCommandTests.shipped],
                                in: scratch.path)
        #expect(trace.status == 0, "\(trace.standardError)")
        let lines = trace.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        let allocation = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(allocation["allocationId"] as? String == "alloc-bs-2025-0001")
        #expect(allocation["seq"] as? Int == 260)
        let amount = try #require(allocation["amountFen"] as? Int)
        let earmarked = try #require(allocation["earmarkedFen"] as? Int)
        let spent = try #require(allocation["spentFen"] as? Int)
        let available = try #require(allocation["availableFen"] as? Int)
        #expect((amount, earmarked, spent, available) == (50_000_000, 20_000_000, 3_800_000, 26_200_000))
        #expect(amount == earmarked + spent + available)
        let earmark = try #require((allocation["earmarks"] as? [[String: Any]])?.first)
        #expect(earmark["availableFen"] as? Int == 15_000_000)
        let paid = try #require((earmark["expenditures"] as? [[String: Any]])?.first)
        #expect(paid["payeeSchoolId"] as? String == "bs-syn-s06")
        #expect(paid["amountFen"] as? Int == 5_000_000)
        #expect((paid["authority"] as? [String: Any])?["clause"] as? String == "三、（三）7.")
        let none = try CLI.run(["funds", "trace", "--allocation", "al-none", "--format", "json", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(none.status == 1)
        #expect(none.standardOutput.isEmpty)
    }

    @Test func aDiffAsJSONMarksBackdatedEntriesCorrectionsAndRosterChanges() throws {
        let scratch = Scratch()
        let diff = try CLI.run(["diff", "--known-at", "262", "--known-at", "329", "--as-of", "2024-09-01", "--format", "json",
                                "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(diff.status == 0, "\(diff.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(diff.standardOutput.utf8)) as? [String: Any])
        #expect((object["from"] as? [String: Any])?["lastSeq"] as? Int == 262)
        #expect((object["to"] as? [String: Any])?["lastSeq"] as? Int == 329)
        let recorded = try #require(object["recorded"] as? [[String: Any]])
        #expect(recorded.count == 67)
        let joined = try #require(recorded.first { $0["seq"] as? Int == 266 })
        #expect(joined["backdated"] as? Bool == true)
        #expect(joined["change"] as? String == "邵阳县芙蓉学校教育集团: + 黄塘中学 (member)")
        #expect(recorded.first { $0["seq"] as? Int == 303 }?["correction"] as? Bool == true)
        let group = try #require((object["groups"] as? [[String: Any]])?.first { $0["groupId"] as? String == "sy-g1" })
        let added = try #require(group["added"] as? [[String: Any]])
        #expect(added.first { $0["seq"] as? Int == 263 }?["role"] as? String == "Lead")
    }
}

@Suite("Explaining facts on the shipped journal")
struct ExplainTests {
    @Test func aMembershipIsExplainedFromProposalThroughTheApprovedExit() throws {
        let scratch = Scratch()
        let result = try CLI.run(["explain", "--school", "白仓镇芙蓉中学", "--group", "sy-g1", "--lang", "en", "--journal", AuditCommandTests.shipped],
                                 in: scratch.path)
        #expect(result.status == 0, "\(result.standardError)")
        let seqs = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("seq ") }.map { $0.split(separator: " ")[1] }
        #expect(seqs == ["172", "262", "268", "326", "327", "328"])
        #expect(result.standardOutput.hasPrefix("白仓镇芙蓉中学 is not a member of 邵阳县芙蓉学校教育集团\n"))
        let earlier = try CLI.run(["explain", "--school", "sy-m05", "--group", "sy-g1", "--as-of", "2025-01-01", "--lang", "en", "--journal", AuditCommandTests.shipped],
                                  in: scratch.path)
        #expect(earlier.standardOutput.hasPrefix("白仓镇芙蓉中学 is a member of 邵阳县芙蓉学校教育集团 (Member) as of 2025-01-01\n"))
    }

    @Test func anAllocationAndADocumentAreExplainedByTheEventsBehindThem() throws {
        let scratch = Scratch()
        let allocation = try CLI.run(["explain", "--allocation", "alloc-bs-2025-0001", "--format", "json", "--journal", AuditCommandTests.shipped],
                                     in: scratch.path)
        let types = allocation.standardOutput.split(separator: "\n").compactMap { line -> String? in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["type"] as? String
        }
        #expect(types.first == "FundAllocated")
        #expect(types.contains("FundEarmarked") && types.contains("ExpenditureRecorded"))
        let document = try CLI.run(["explain", "--document", "张教发〔2024〕79 号", "--lang", "en", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(document.standardOutput.hasPrefix("张教发〔2024〕79号 张掖中学集团化办学工作方案: everything it authorised\n"))
        #expect(document.standardOutput.contains("established 张掖中学教育集团"))
    }
}

@Suite("JSON output of every command")
struct JSONOutputTests {
    static let commandPaths: [[String]] = [
        ["append"], ["log"], ["verify"], ["digest"], ["prove", "inclusion"], ["prove", "consistency"], ["recover"], ["state"],
        ["form-group"], ["join"], ["exit"], ["second"], ["end-secondment"], ["allocate"], ["earmark"], ["spend"],
        ["register", "put"], ["register", "erase"], ["register", "show"], ["findings"], ["import"],
        ["replay"], ["history"], ["funds", "trace"], ["diff"], ["explain"], ["export"],
    ]

    @Test func everyCommandListsTheFormatOption() throws {
        let scratch = Scratch()
        let overview = try CLI.run(["--help"], in: scratch.path).standardOutput
        for path in Self.commandPaths {
            #expect(overview.contains(path.joined(separator: " ")), "\(path) is not in the overview; update this list")
            let help = try CLI.run(path + ["--help"], in: scratch.path)
            #expect(help.status == 0)
            #expect(help.standardOutput.contains("--format"), "groupledger \(path.joined(separator: " ")) --help does not list --format")
        }
    }

    @Test func everyReadingAndPacketCommandPrintsParseableJSON() throws {
        let scratch = Scratch()
        let journal = scratch.path + "/Journal/ledger.jsonl"
        try FileManager.default.copyItem(atPath: AuditCommandTests.shipped, toPath: journal)
        let runs: [[String]] = [
            ["verify"], ["digest"], ["log", "--from", "1", "--to", "6"], ["prove", "inclusion", "--seq", "5"], ["prove", "consistency", "--old", "3"],
            ["recover"], ["state", "--as-of", "2024-09-01"], ["findings", "--school-year", "2024"], ["replay", "--from", "1", "--to", "6"],
            ["history", "黄塘中学"], ["explain", "--document", "平湛教体〔2024〕98号"], ["funds", "trace", "--group", "蚌山区示例教育集团一"],
            ["diff", "--known-at", "300", "--known-at", "329"], ["export", "--jurisdiction", "sy", "--out", scratch.path + "/packet"],
            ["register", "put", "--subject", "staff-x1", "--name", "张老师"], ["register", "show"],
        ]
        for arguments in runs {
            let result = try CLI.run(arguments + ["--format", "json", "--journal", journal], in: scratch.path)
            #expect(result.status == 0, "groupledger \(arguments.joined(separator: " ")): \(result.standardError)")
            let lines = result.standardOutput.split(separator: "\n")
            #expect(!lines.isEmpty, "groupledger \(arguments.joined(separator: " ")) printed nothing")
            for line in lines {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil,
                        "groupledger \(arguments.joined(separator: " ")) --format json printed a line that is not JSON: \(line.prefix(120))")
            }
        }
        let shown = try CLI.run(["register", "show", "--journal", journal], in: scratch.path)
        #expect(shown.standardOutput == "staff-x1  nameZh=张老师\n")
    }
}

@Suite("Names wherever an id is taken")
struct NamesForIdsTests {
    @Test func stateTakesAGroupOrSchoolByItsChineseName() throws {
        let scratch = Scratch()
        let byName = try CLI.run(["state", "--group", "邵阳县芙蓉学校教育集团", "--as-of", "2024-09-01", "--journal", AuditCommandTests.shipped], in: scratch.path)
        let byId = try CLI.run(["state", "--group", "sy-g1", "--as-of", "2024-09-01", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(byName.status == 0, "\(byName.standardError)")
        #expect(byName.standardOutput == byId.standardOutput)
        #expect(byName.standardOutput.contains("黄塘中学"))
        let school = try CLI.run(["state", "--school", "黄塘中学", "--format", "json", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(school.status == 0, "\(school.standardError)")
        #expect(school.standardOutput.contains("\"schoolId\":\"sy-"))
        let unknown = try CLI.run(["state", "--group", "不存在集团", "--journal", AuditCommandTests.shipped], in: scratch.path)
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("不存在集团"))
    }
}

@Suite("Jurisdictions by id, authority name or place")
struct JurisdictionNameTests {
    @Test func aJurisdictionIsFoundByIdNameOrPlaceAndAnAmbiguousPlaceIsRefused() throws {
        let scratch = Scratch()
        func groups(_ query: String) throws -> CLIResult {
            try CLI.run(["state", "--jurisdiction", query, "--view", "groups", "--format", "json", "--journal", AuditCommandTests.shipped], in: scratch.path)
        }
        let byId = try groups("zh")
        #expect(byId.status == 0)
        for query in ["湛河区", "湛河区教育体育局", "平顶山市湛河区教育体育局", "区教体局"] {
            let result = try groups(query)
            #expect(result.status == 0, "\(query): \(result.standardError)")
            #expect(result.standardOutput == byId.standardOutput, "\(query) should name the jurisdiction zh")
        }
        let ambiguous = try groups("平顶山市")
        #expect(ambiguous.status == 1)
        #expect(ambiguous.standardError.contains("--jurisdiction: \"平顶山市\" is ambiguous: it fits pingdingshan (平顶山市教育体育局), zh (平顶山市湛河区教育体育局); give one of the ids"))
        let unknown = try groups("火星区")
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no jurisdiction \"火星区\""))
        let packet = try CLI.run(["export", "--jurisdiction", "邵阳县", "--out", scratch.path + "/packet", "--journal", AuditCommandTests.shipped],
                                 in: scratch.path)
        #expect(packet.status == 0, "\(packet.standardError)")
        #expect(try scratch.text("packet/README.txt").contains("jurisdiction sy,"))
    }
}
