import Testing
@testable import LedgerCore

@Suite("Money")
struct MoneyTests {
    @Test(arguments: [(Int64(50_000_000), "500000.00元"), (5, "0.05元"), (10, "0.10元"), (0, "0.00元"), (-150, "-1.50元"),
                      (9_007_199_254_740_991, "90071992547409.91元")])
    func yuanAreWrittenWithTwoDecimalsFromIntegerFen(fen: Int64, text: String) {
        #expect(Money.yuan(fen) == text)
    }
}
