import LedgerCore

/// The report as one tidy CSV table, one row per figure and per compliance row, so it pivots in
/// a spreadsheet. RFC 4180 quoting, CRLF line ends, UTF-8 with a BOM by default (Excel and WPS
/// read UTF-8 without one as the local code page), and no formula injection.
extension AnnualReport {
    /// The CSV text; `byteOrderMark` puts U+FEFF first.
    public func csv(_ language: Language, byteOrderMark: Bool = true) -> String {
        let header = language == .zh
            ? ["辖区", "集团", "集团名称", "部分", "指标", "指标名称", "数值", "单位", "状态", "证据序号", "说明"]
            : ["jurisdiction", "group", "group_name", "section", "measure", "label", "value", "unit", "status", "evidence_seqs", "detail"]
        var rows: [[String]] = [header]
        let digestRow = ["", "", "", "journal", "digest", language.choose("journal digest (size:root)", "日志摘要（条数:根哈希）"),
                         "\(digest.size):\(digest.rootHex)", "", "", "", period.text(language)]
        rows.append(digestRow)
        func seqs(_ values: [Int64]) -> String { values.map(String.init).joined(separator: " ") }
        for jurisdiction in jurisdictions {
            for figure in jurisdiction.figures {
                rows.append([jurisdiction.jurisdictionId, "", "", figure.section, figure.measure, figure.label(language), figure.value.plain,
                             figure.value.unit(language), language.statusText(figure.status), seqs(figure.evidenceSeqs), figure.detail ?? ""])
            }
            for group in jurisdiction.groups {
                for figure in group.figures {
                    rows.append([jurisdiction.jurisdictionId, group.groupId, group.nameZh, figure.section, figure.measure, figure.label(language),
                                 figure.value.plain, figure.value.unit(language), language.statusText(figure.status), seqs(figure.evidenceSeqs),
                                 figure.detail ?? ""])
                }
                for row in group.compliance {
                    rows.append([jurisdiction.jurisdictionId, group.groupId, group.nameZh, "compliance", row.ruleId, row.requirement, row.actual, "",
                                 language.statusText(row.status), seqs(row.evidenceSeqs), row.quoteZh])
                }
            }
        }
        let body = rows.map { $0.map(CSVCell.quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return (byteOrderMark ? "\u{FEFF}" : "") + body
    }
}

/// One CSV cell, made safe to open in a spreadsheet.
public enum CSVCell {
    /// The cell quoted per RFC 4180 when it holds a comma, quote or line break; a cell a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first, and not a
    /// number) gets a leading apostrophe, which spreadsheets show as text (OWASP's advice).
    public static func quoted(_ text: String) -> String {
        var cell = text
        if let first = cell.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), !isNumber(cell) {
            cell = "'" + cell
        }
        let needsQuotes = cell.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return cell }
        return "\"" + ASCIIEscaping.escaped(cell) { byte, _ in byte == UInt8(ascii: "\"") ? .replace("\"\"") : .keep } + "\""
    }

    /// `-12`, `-12.05`, `+3`: a plain decimal number, which stays a number.
    static func isNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars
        if let first = scalars.first, first == "-" || first == "+" { scalars = scalars.dropFirst() }
        let parts = String(scalars).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        return true
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
