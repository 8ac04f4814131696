import LedgerCore
import LedgerReports
import Testing

/// `state --format json` is written a group or school at a time (`StateJSON.encode`); the
/// pieces make exactly the canonical encoding of the whole value.
@Suite("State JSON")
struct StateJSONTests {
    @Test(arguments: [1, 100, 1 << 16])
    func piecesMakeTheCanonicalEncodingOfTheWholeValue(pieceBytes: Int) throws {
        let state = try PeriodSecondmentsTests.state()
        let days: [Int?] = [nil, try PartialDate(parsing: "2020-06").firstDayNumber, try PartialDate(parsing: "2019-06").firstDayNumber]
        for day in days {
            for (onlySchool, jurisdiction) in [(nil, nil), ("b", nil), (nil, "sy"), (nil, "zz")] as [(String?, String?)] {
                let views = onlySchool == nil ? state.groups(onDay: day, jurisdictionId: jurisdiction) : []
                var written: [UInt8] = []
                var pieces = 0
                StateJSON.encode(views: views, state: state, day: day, onlySchool: onlySchool, jurisdictionId: jurisdiction,
                                 pieceBytes: pieceBytes) { piece in
                    written += piece
                    pieces += 1
                }
                let value = StateJSON.value(views: views, state: state, day: day, onlySchool: onlySchool, jurisdictionId: jurisdiction)
                let whole = CanonicalJSON.encode(value) + Array("\n".utf8)
                #expect(written == whole, "day \(String(describing: day)), school \(onlySchool ?? "-"), jurisdiction \(jurisdiction ?? "-")")
                // One-byte pieces: one after each group and school, and the rest at the end.
                guard case .object(let object) = value, case .array(let schools)? = object["schools"] else {
                    Issue.record("not an object with schools")
                    continue
                }
                #expect(pieceBytes > 1 || pieces == views.count + schools.count + 1)
            }
        }
    }
}
