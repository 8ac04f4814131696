import LedgerCore

/// The report as one self-contained HTML file: no scripts, no external assets, inline SVG
/// charts, readable on screen and printable; every piece of recorded text is escaped.
extension AnnualReport {
    /// The HTML document, labels in `language`.
    public func html(_ language: Language) -> String {
        let title = language.choose("Annual report on school groups, \(period.text(language))", "\(period.text(language))集团化办学年度报告")
        var body = "<h1>\(HTMLText.escaped(title))</h1>\n"
        body += "<p class=\"digest\">" + HTMLText.escaped(language.choose("Computed from the journal at digest ", "据日志摘要生成："))
            + "<code>\(digest.size):\(digest.rootHex)</code></p>\n"
        let figureHeader = language == .zh ? ["指标", "数值", "状态", "证据序号", "说明"] : ["measure", "value", "status", "evidence seqs", "detail"]
        func figureTable(_ figures: [ReportFigure]) -> String {
            table(figureHeader, figures.map { figure in
                [figure.label(language), figure.value.display(language), language.statusText(figure.status),
                 figure.evidenceSeqs.map(String.init).joined(separator: ", "), figure.detail ?? ""]
            }, statuses: figures.map(\.status), widthsPercent: [18, 16, 8, 18, 40])
        }
        for jurisdiction in jurisdictions {
            body += "<section class=\"jurisdiction\"><h2>\(HTMLText.escaped("\(jurisdiction.nameZh)（\(jurisdiction.jurisdictionId)）"))</h2>\n"
            if let profile = jurisdiction.profileText { body += "<p>\(HTMLText.escaped(language.choose("Profile ", "政策配置 ") + profile))</p>\n" }
            if !jurisdiction.figures.isEmpty { body += figureTable(jurisdiction.figures) }
            body += ReportCharts.members(jurisdiction.groups, period: period, language: language)
            body += ReportCharts.funds(jurisdiction.groups, language: language)
            body += ReportCharts.rotation(jurisdiction.groups, language: language)
            for group in jurisdiction.groups {
                let facts = [group.type.labelZh, group.status.map { language.word($0) }, group.leadNameZh.map { language.choose("lead ", "牵头校 ") + $0 },
                             group.synthetic ? language.choose("synthetic", "示例数据") : nil].compactMap { $0 }
                body += "<section class=\"group\"><h3>\(HTMLText.escaped("\(group.nameZh)（\(group.groupId)）"))</h3>\n"
                body += "<p>\(HTMLText.escaped(facts.joined(separator: language.choose(", ", "，"))))</p>\n" + figureTable(group.figures)
                if !group.compliance.isEmpty {
                    body += "<h4>\(HTMLText.escaped(language.choose("Compliance", "合规情况")))</h4>\n"
                    let header = language == .zh ? ["规则", "要求", "实际", "状态", "证据序号", "原文"] : ["rule", "requirement", "actual", "status", "evidence seqs", "source"]
                    body += table(header, group.compliance.map { row in
                        [row.ruleId, row.requirement, row.actual, language.statusText(row.status), row.evidenceSeqs.map(String.init).joined(separator: ", "),
                         "「\(row.quoteZh)」" + (row.clauseZh.map { "（\($0)）" } ?? "")]
                    }, statuses: group.compliance.map(\.status), widthsPercent: [7, 22, 26, 8, 9, 28])
                }
                body += "</section>\n"
            }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escaped(title))</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1100px; color: #1a202c; line-height: 1.45; }
            h1 { font-size: 1.6em; } h2 { border-bottom: 2px solid #2b6cb0; padding-bottom: .2em; margin-top: 2em; } h3 { margin-top: 1.6em; }
            table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .9em; }
            th, td { border: 1px solid #cbd5e0; padding: .3em .5em; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
            table.fixed { table-layout: fixed; }
            th { background: #edf2f7; } td.notMet { background: #fed7d7; } td.met { background: #c6f6d5; } td.insufficientData { background: #fefcbf; }
            figure { margin: 1em 0; } figcaption { font-weight: bold; margin-bottom: .3em; } svg text { font-family: inherit; fill: #1a202c; }
            code { font-size: .85em; word-break: break-all; }
            @media print { body { margin: 0; max-width: none; font-size: 10pt; } section.group, figure, tr { break-inside: avoid; } h2 { break-before: page; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    private func table(_ header: [String], _ rows: [[String]], statuses: [Finding.Status?], widthsPercent: [Int] = []) -> String {
        // Fixed column widths, so long recorded text (a rule's parameters) wraps instead of widening the page.
        let columns = widthsPercent.isEmpty ? "" : "<colgroup>" + widthsPercent.map { "<col style=\"width:\($0)%\">" }.joined() + "</colgroup>"
        var html = "<table\(widthsPercent.isEmpty ? "" : " class=\"fixed\"")>\(columns)<thead><tr>" + header.map { "<th>\(HTMLText.escaped($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for (index, row) in rows.enumerated() {
            html += "<tr>" + row.enumerated().map { column, cell in
                // The status column is coloured by the verdict's code (a fixed word, not recorded text).
                let statusClass = header[column] == "状态" || header[column] == "status" ? statuses[index].map { " class=\"\($0.rawValue)\"" } ?? "" : ""
                return "<td\(statusClass)>\(HTMLText.escaped(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
