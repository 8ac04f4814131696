import LedgerCore
import LedgerReports
import Testing

@Suite("Labels, words and dates of text output")
struct LanguageTests {
    /// Every value of the vocabularies text output shows in Chinese has a word of its own: a
    /// value added to an enum without a word would silently print its English code.
    @Test func everyShownVocabularyValueHasAChineseWord() {
        func check<Value: Vocabulary>(_ type: Value.Type) {
            for value in Value.allCases {
                let word = Language.zh.word(value)
                #expect(word != value.rawValue, "\(Value.self).\(value.rawValue) has no Chinese word")
                #expect(Language.en.word(value) == value.rawValue)
            }
        }
        check(GroupStatus.self)
        check(MemberRole.self)
        check(ExitReason.self)
        check(ApprovalDecision.self)
        check(ApprovalAction.self)
        check(SecondmentKind.self)
        check(SecondmentOutcome.self)
        check(FundPurpose.self)
        #expect(Language.zh.word(SecondmentKind.attachment) == "挂职")
        #expect(Language.zh.word(Finding.Status.notMet) == "未达标")
        #expect(Language.en.word(Finding.Status.insufficientData) == "insufficientData")
    }

    @Test func datesStayAsPartialAsTheyWereRecorded() throws {
        #expect(Language.zh.date(try PartialDate(parsing: "2024-09-01")) == "2024年9月1日")
        #expect(Language.zh.date(try PartialDate(parsing: "2024-07")) == "2024年7月")
        #expect(Language.zh.date(try PartialDate(parsing: "2023")) == "2023年")
        #expect(Language.en.date(try PartialDate(parsing: "2024-07")) == "2024-07")
        #expect(Language.zh.asOf(nil) == "最新记录")
    }

    /// Stored in UTC, shown in Beijing time: 20:30 UTC on 31 August is already 1 September in Beijing.
    @Test func recordedTimesAreShownInBeijingTimeAcrossMidnight() throws {
        let instant = try UTCTimestamp(parsing: "2024-08-31T20:30:05Z")
        #expect(Language.zh.recorded(instant) == "2024年9月1日 04:30:05（北京时间）")
        #expect(Language.en.recorded(instant) == "2024-09-01 04:30:05 Beijing time (UTC+8)")
        let newYear = try UTCTimestamp(parsing: "2024-12-31T16:00:00Z")
        #expect(Language.zh.recorded(newYear) == "2025年1月1日 00:00:00（北京时间）")
    }
}
