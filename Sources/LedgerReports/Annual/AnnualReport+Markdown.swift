import LedgerCore

/// The report as Markdown, for pasting into documents: a table of figures per jurisdiction and
/// per group, then each group's compliance matrix.
extension AnnualReport {
    /// The Markdown text, labels in `language`.
    public func markdown(_ language: Language) -> String {
        var text = "# " + language.choose("Annual report on school groups, \(period.text(language))", "\(period.text(language))集团化办学年度报告") + "\n\n"
        text += language.choose("Computed from the journal at digest", "据日志摘要生成：") + " `\(digest.size):\(digest.rootHex)` "
            + language.choose("(check with `groupledger verify --digest \(digest.size):\(digest.rootHex)`).",
                              "（可用 `groupledger verify --digest \(digest.size):\(digest.rootHex)` 核对）。") + "\n"
        let figureHeader = language == .zh ? ["指标", "数值", "状态", "证据序号", "说明"] : ["measure", "value", "status", "evidence seqs", "detail"]
        func figureTable(_ figures: [ReportFigure]) -> String {
            table(figureHeader, figures.map { [$0.label(language), $0.value.display(language), language.statusText($0.status),
                                                 $0.evidenceSeqs.map(String.init).joined(separator: ", "), $0.detail ?? ""] })
        }
        for jurisdiction in jurisdictions {
            text += "\n## \(jurisdiction.nameZh)（\(jurisdiction.jurisdictionId)）"
                + (jurisdiction.profileText.map { language.choose(", profile \($0)", "，政策配置 \($0)") } ?? "") + "\n\n"
            if !jurisdiction.figures.isEmpty { text += figureTable(jurisdiction.figures) }
            for group in jurisdiction.groups {
                let facts = [group.type.labelZh, group.status.map { language.word($0) }, group.leadNameZh.map { language.choose("lead ", "牵头校 ") + $0 },
                             group.synthetic ? language.choose("synthetic", "示例数据") : nil].compactMap { $0 }
                text += "\n### \(group.nameZh)（\(group.groupId)）\n\n" + facts.joined(separator: language.choose(", ", "，")) + "\n\n"
                text += figureTable(group.figures)
                guard !group.compliance.isEmpty else { continue }
                text += "\n#### " + language.choose("Compliance", "合规情况") + "\n\n"
                let header = language == .zh ? ["规则", "要求", "实际", "状态", "证据序号", "原文"] : ["rule", "requirement", "actual", "status", "evidence seqs", "source"]
                text += table(header, group.compliance.map { [$0.ruleId, $0.requirement, $0.actual, language.statusText($0.status),
                                                             $0.evidenceSeqs.map(String.init).joined(separator: ", "), "「\($0.quoteZh)」"] })
            }
        }
        return text
    }

    private func table(_ header: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |\n" }
        return line(header) + "|" + String(repeating: "---|", count: header.count) + "\n" + rows.map(line).joined()
    }

    /// A table cell: pipes escaped, line breaks as spaces, and HTML-looking text escaped so a
    /// renderer shows it as written.
    static func markdownCell(_ text: String) -> String {
        ASCIIEscaping.escaped(text) { byte, next in
            switch byte {
            case UInt8(ascii: "\\"): .replace("\\\\")
            case UInt8(ascii: "|"): .replace("\\|")
            case UInt8(ascii: "<"): .replace("&lt;")
            case UInt8(ascii: ">"): .replace("&gt;")
            // CRLF is one break: the CR goes, the LF becomes the space.
            case UInt8(ascii: "\r") where next == UInt8(ascii: "\n"): .replace("")
            case UInt8(ascii: "\n"): .replace(" ")
            default: .keep
            }
        }
    }
}
