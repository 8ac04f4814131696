import LedgerCore

/// The report's charts as inline SVG (no scripts, no external assets): members over the year,
/// funds allocated against spent, and rotation ratios against their targets, one row per group.
public enum ReportCharts {
    static let width = 720
    static let labelWidth = 230
    static let rowHeight = 26

    /// Each group's number of members through the period, as a step line with the counts at both ends.
    static func members(_ groups: [GroupSummary], period: ReportPeriod, language: Language) -> String {
        let rows = groups.filter { !$0.memberCounts.isEmpty }
        guard !rows.isEmpty else { return "" }
        let maximum = max(1, rows.flatMap { $0.memberCounts.map(\.count) }.max() ?? 1)
        let plotWidth = width - labelWidth - 60
        let span = max(1, period.endDay - 1 - period.startDay)
        var body = ""
        for (index, group) in rows.enumerated() {
            let top = 8 + index * rowHeight
            func x(_ day: Int) -> Int { labelWidth + (day - period.startDay) * plotWidth / span }
            func y(_ count: Int) -> Int { top + rowHeight - 6 - count * (rowHeight - 10) / maximum }
            var points: [String] = []
            for (position, point) in group.memberCounts.enumerated() {
                if position > 0 { points.append("\(x(point.day)),\(y(group.memberCounts[position - 1].count))") }
                points.append("\(x(point.day)),\(y(point.count))")
            }
            let first = group.memberCounts.first!.count
            let last = group.memberCounts.last!.count
            body += label(group.nameZh, y: top + rowHeight / 2 + 4)
            body += "<polyline fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            body += "<text x=\"\(labelWidth + plotWidth + 8)\" y=\"\(top + rowHeight / 2 + 4)\" font-size=\"12\">\(first)→\(last)</text>"
        }
        let title = language.choose("Members over \(period.text(language))", "\(period.text(language))成员校数变化")
        return svg(title: title, height: 16 + rows.count * rowHeight, body: body)
    }

    /// Money allocated to each group for the fiscal year (light bar) against what was spent from it (dark bar).
    static func funds(_ groups: [GroupSummary], language: Language) -> String {
        let rows = groups.compactMap { group -> (String, Int64, Int64)? in
            guard case .fen(let allocated)? = group.figure("allocated")?.value, case .fen(let spent)? = group.figure("spent")?.value,
                  allocated > 0 || spent > 0 else { return nil }
            return (group.nameZh, allocated, spent)
        }
        guard !rows.isEmpty else { return "" }
        let maximum = max(1, rows.map { max($0.1, $0.2) }.max() ?? 1)
        let plotWidth = Int64(width - labelWidth - 150)
        var body = ""
        for (index, row) in rows.enumerated() {
            let top = 8 + index * rowHeight
            body += label(row.0, y: top + rowHeight / 2 + 4)
            body += "<rect x=\"\(labelWidth)\" y=\"\(top + 3)\" width=\"\(row.1 * plotWidth / maximum)\" height=\"\(rowHeight - 8)\" fill=\"#bee3f8\"/>"
            body += "<rect x=\"\(labelWidth)\" y=\"\(top + 8)\" width=\"\(row.2 * plotWidth / maximum)\" height=\"\(rowHeight - 18)\" fill=\"#2c5282\"/>"
            let text = "\(ReportMoney.wanYuan(row.2) ?? ReportMoney.yuan(row.2) + "元") / \(ReportMoney.wanYuan(row.1) ?? ReportMoney.yuan(row.1) + "元")"
            body += "<text x=\"\(labelWidth + Int(plotWidth) + 8)\" y=\"\(top + rowHeight / 2 + 4)\" font-size=\"12\">\(HTMLText.escaped(text))</text>"
        }
        let title = language.choose("Funds: spent (dark) of allocated (light)", "经费：已支出（深色）/ 拨付（浅色）")
        return svg(title: title, height: 16 + rows.count * rowHeight, body: body)
    }

    /// Each group's rotation ratio, with its target as a red tick.
    static func rotation(_ groups: [GroupSummary], language: Language) -> String {
        let rows = groups.compactMap { group -> (String, Int64, Int64, (Int64, Int64)?)? in
            guard let figure = group.figure("rotationRatio"), case .ratio(let numerator, let denominator) = figure.value, denominator > 0 else { return nil }
            var target: (Int64, Int64)?
            if case .ratio(let targetNumerator, let targetDenominator)? = figure.target { target = (targetNumerator, targetDenominator) }
            return (group.nameZh, numerator, denominator, target)
        }
        guard !rows.isEmpty else { return "" }
        // The scale runs to 25%, or further when a ratio or a target is higher.
        let scaleBasisPoints = max(2_500, rows.map { max($0.1 * 10_000 / $0.2, $0.3.map { $0.0 * 10_000 / max(1, $0.1) } ?? 0) }.max() ?? 0)
        let plotWidth = Int64(width - labelWidth - 90)
        var body = ""
        for (index, row) in rows.enumerated() {
            let top = 8 + index * rowHeight
            let basisPoints = row.1 * 10_000 / row.2
            body += label(row.0, y: top + rowHeight / 2 + 4)
            body += "<rect x=\"\(labelWidth)\" y=\"\(top + 5)\" width=\"\(basisPoints * plotWidth / scaleBasisPoints)\" height=\"\(rowHeight - 10)\" fill=\"#38a169\"/>"
            if let target = row.3 {
                let x = Int64(labelWidth) + target.0 * 10_000 / max(1, target.1) * plotWidth / scaleBasisPoints
                body += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(top + 1)\" y2=\"\(top + rowHeight - 1)\" stroke=\"#c53030\" stroke-width=\"3\"/>"
            }
            let text = "\(ReportFigure.Value.percent(row.1, row.2))%" + (row.3.map { " / \(ReportFigure.Value.percent($0.0, $0.1))%" } ?? "")
            body += "<text x=\"\(labelWidth + Int(plotWidth) + 8)\" y=\"\(top + rowHeight / 2 + 4)\" font-size=\"12\">\(text)</text>"
        }
        let title = language.choose("Rotation ratio (green) against the target (red)", "交流轮岗比例（绿）与目标（红）")
        return svg(title: title, height: 16 + rows.count * rowHeight, body: body)
    }

    private static func label(_ text: String, y: Int) -> String {
        "<text x=\"\(labelWidth - 8)\" y=\"\(y)\" font-size=\"13\" text-anchor=\"end\">\(HTMLText.escaped(text))</text>"
    }

    private static func svg(title: String, height: Int, body: String) -> String {
        "<figure><figcaption>\(HTMLText.escaped(title))</figcaption>"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escaped(title))\">\(body)</svg></figure>\n"
    }
}
