import LedgerCore
@testable import LedgerReports
import Testing

@Suite("Report cells, money and percentages")
struct ReportFormattingTests {
    @Test(arguments: [
        ("plain", "plain"), ("=1+1", "'=1+1"), ("+SUM(A1)", "'+SUM(A1)"), ("-x", "'-x"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
        ("-12.05", "-12.05"), ("+3", "+3"), ("12", "12"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""), ("=A1,B1", "\"'=A1,B1\""), ("黄塘中学", "黄塘中学"), ("", ""),
    ])
    func csvCellsAreQuotedAndFormulasNeutralised(text: String, expected: String) {
        #expect(CSVCell.quoted(text) == expected)
    }

    @Test func moneyIsPrintedFromFenWithoutFloatingPoint() {
        #expect(ReportMoney.yuan(50_000_000) == "500000.00")
        #expect(ReportMoney.yuan(5) == "0.05")
        #expect(ReportMoney.yuan(-1_205) == "-12.05")
        #expect(ReportMoney.yuan(Int64.max) == "92233720368547758.07")
        #expect(ReportMoney.wanYuan(50_000_000) == "50.00万元")
        #expect(ReportMoney.wanYuan(1_234_567) == "1.23万元")
        #expect(ReportMoney.wanYuan(1_235_000) == "1.24万元")  // half up
        #expect(ReportMoney.wanYuan(999_999) == nil)
    }

    @Test func ratiosArePercentagesRoundedHalfUp() {
        #expect(ReportFigure.Value.ratio(numerator: 3, denominator: 40).plain == "7.50")
        #expect(ReportFigure.Value.ratio(numerator: 1, denominator: 3).plain == "33.33")
        #expect(ReportFigure.Value.ratio(numerator: 2, denominator: 3).plain == "66.67")
        #expect(ReportFigure.Value.ratio(numerator: 1, denominator: 0).plain == "—")
        #expect(ReportFigure.Value.ratio(numerator: 3, denominator: 40).display(.zh) == "3/40（7.50%）")
        #expect(ReportFigure.Value.fen(50_000_000).display(.zh) == "500000.00元（50.00万元）")
    }

    @Test func periodsCoverTheirDaysHalfOpen() throws {
        let calendar = ReportPeriod(year: 2024, basis: .calendar)
        let school = ReportPeriod(year: 2024, basis: .schoolYear)
        func date(_ text: String) throws -> PartialDate { try PartialDate(parsing: text) }
        #expect(calendar.contains(try date("2024-12-31")))
        #expect(!calendar.contains(try date("2025-01-01")))
        #expect(school.contains(try date("2024-09")))
        #expect(school.contains(try date("2025-08-31")))
        #expect(!school.contains(try date("2024-08-31")))
        #expect(school.label == "2024-2025" && school.text(.zh) == "2024—2025学年" && calendar.last.description == "2024-12-31")
    }

    @Test func htmlTextEscapesEveryMarkupCharacter() {
        #expect(HTMLText.escaped(#"<a href="x" onclick='y'>&</a>"#) == "&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
    }

    @Test func markupFollowedByACombiningMarkIsStillEscaped() {
        // "<" + U+0338 is one Character ("≮" when composed), but a browser still reads the "<".
        #expect(HTMLText.escaped("<\u{0338}img src=x>") == "&lt;\u{0338}img src=x&gt;")
        #expect(AnnualReport.markdownCell("<\u{0338}b>") == "&lt;\u{0338}b&gt;")
        #expect(CSVCell.quoted("\"\u{0301}") == "\"\"\"\u{0301}\"")
    }

    @Test(arguments: [
        ("黄塘中学", "黄塘中学"), ("a|b", "a\\|b"), ("back\\slash|", "back\\\\slash\\|"), ("<b>", "&lt;b&gt;"),
        ("two\r\nlines", "two lines"), ("lf\nonly", "lf only"), ("lone\rcr", "lone\rcr"), ("end\r", "end\r"), ("", ""),
        ("甲|乙\n丙", "甲\\|乙 丙"),
    ])
    func markdownCellsEscapePipesAndMarkupAndFlattenBreaks(text: String, expected: String) {
        #expect(AnnualReport.markdownCell(text) == expected)
    }
}
