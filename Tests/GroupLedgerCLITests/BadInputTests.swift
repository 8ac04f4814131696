import Foundation
import Testing

/// One bad input to the command line: the arguments, what standard input holds, and exactly
/// what the tool must answer (exit status and the first line of stderr after
/// "groupledger: error: "; for usage errors, exit 64, the rest of stderr is the command's
/// usage line, taken from its --help).
struct BadInput: CustomStringConvertible, Sendable {
    let name: String
    let arguments: [String]
    let input: [UInt8]
    let status: Int32
    let error: String

    /// `lines` are sent each followed by a newline; `bytes` as they are.
    init(_ name: String, _ arguments: [String], lines: [String] = [], bytes: [UInt8]? = nil, _ status: Int32, _ error: String) {
        self.name = name
        self.arguments = arguments
        self.input = bytes ?? Array(lines.map { $0 + "\n" }.joined().utf8)
        self.status = status
        self.error = error
    }

    var description: String { name }

    /// The command's words (`prove inclusion`).
    var commandPath: [String] {
        ["prove", "register", "funds"].contains(arguments.first ?? "") ? Array(arguments.prefix(2)) : Array(arguments.prefix(1))
    }
}

/// At least 60 bad inputs across commands, each run against a copy of the shipped journal:
/// the exact error text and exit status, nothing on stdout, and the journal (and its folder)
/// byte-identical afterwards. When a message changes on purpose, update its row.
@Suite("Bad input: exact errors, journal unchanged")
struct BadInputTests {
    /// A valid event on the shipped journal (school sy-m11 joining group sy-g1 of 邵阳县); most
    /// rows change one thing in it.
    static let joining = #"{"type":"SchoolJoinedGroup","v":2,"effective":"2024-09","actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11"}}"#
    static let invalidUTF8: [UInt8] = {
        var bytes = Array(joining.replacingOccurrences(of: "sy-m11", with: "sy-m@@1").utf8) + [0x0A]
        let marker = Array("@@".utf8)
        while let start = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) { bytes.replaceSubrange(start..<(start + 2), with: [0xFF, 0xFE]) }
        return bytes
    }()
    static let overlongLine = Array(joining.replacingOccurrences(of: #""schoolId":"sy-m11"}"#, with: #""schoolId":"sy-m11","pad":""# + String(repeating: "x", count: 1_048_576) + #""}"#)
                                        .replacingOccurrences(of: "m-sy-g1-sy-m11", with: "m-x").utf8) + [0x0A]
    static let byteOrderMark = [0xEF, 0xBB, 0xBF] + Array(joining.utf8) + [0x0A]

    static let rows: [BadInput] = [
        BadInput("effective: a day that does not exist", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"2024-02-30""#)],
                 1, "<stdin> line 1 (byte 0): effective: 2024-02-30 does not exist (2024-02 has 29 days)"),
        BadInput("effective: month 13", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"2024-13""#)],
                 1, "<stdin> line 1 (byte 0): effective: month 13 is outside 01–12"),
        BadInput("effective: one-digit month (partial date malformed)", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"2024-9""#)],
                 1, #"<stdin> line 1 (byte 0): effective: expected YYYY, YYYY-MM or YYYY-MM-DD, found "2024-9""#),
        BadInput("effective: two-digit year", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"24-09-01""#)],
                 1, #"<stdin> line 1 (byte 0): effective: expected YYYY, YYYY-MM or YYYY-MM-DD, found "24-09-01""#),
        BadInput("effective: a time as well", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"2024-09-01T00:00:00Z""#)],
                 1, #"<stdin> line 1 (byte 0): effective: expected YYYY, YYYY-MM or YYYY-MM-DD, found "2024-09-01T00:00:00Z""#),
        BadInput("effective: before 1900", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"1899""#)],
                 1, "<stdin> line 1 (byte 0): effective: year 1899 is outside 1900–2100"),
        BadInput("effective: a number", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":2024"#)],
                 1, "<stdin> line 1 (byte 0): effective: expected a string, found an integer"),
        BadInput("effective: missing", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09","actor":{"id":"clerk7""#, with: #""actor":{"id":"clerk7""#)],
                 1, "<stdin> line 1 (byte 0): effective: missing"),
        BadInput("type: missing", ["append"], lines: [#"{"v":2,"effective":"2024-09","actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11"}}"#],
                 1, "<stdin> line 1 (byte 0): type: missing"),
        BadInput("type: lower camel case", ["append"], lines: [#"{"type":"schoolJoinedGroup","v":2,"effective":"2024-09","actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11"}}"#],
                 1, #"<stdin> line 1 (byte 0): type: expected an UpperCamelCase name of 1–64 ASCII letters and digits, found "schoolJoinedGroup""#),
        BadInput("type: unknown", ["append"], lines: [#"{"type":"SchoolTeleported","v":2,"effective":"2024-09","actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11"}}"#],
                 1, #"Journal/ledger.jsonl: type: event 1 of the batch (SchoolTeleported): unknown event type "SchoolTeleported"; see Journal/EVENTS.md for the 31 types; nothing was appended"#),
        BadInput("v: a string", ["append"], lines: [BadInputTests.joining.replacing(#""v":2"#, with: #""v":"1""#)],
                 1, "<stdin> line 1 (byte 0): v: expected an integer schema version, found a string"),
        BadInput("v: zero", ["append"], lines: [BadInputTests.joining.replacing(#""v":2"#, with: #""v":0"#)],
                 1, "<stdin> line 1 (byte 0): v: schema version 0 is outside 1–65535"),
        BadInput("v: a fraction", ["append"], lines: [BadInputTests.joining.replacing(#""v":2"#, with: #""v":1.5"#)],
                 1, "<stdin> line 1 (byte 32): v: floating-point numbers are not allowed, found 1.5; only integers can be stored"),
        BadInput("v: a version the type does not have", ["append"], lines: [BadInputTests.joining.replacing(#""v":2"#, with: #""v":9"#)],
                 1, "Journal/ledger.jsonl: v: event 1 of the batch (SchoolJoinedGroup): SchoolJoinedGroup has schema versions 1–2, found 9; nothing was appended"),
        BadInput("actor: missing", ["append"], lines: [BadInputTests.joining.replacing(#""actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号""#, with: #""authority":{"document":"邵教发〔2023〕50号""#)],
                 1, "<stdin> line 1 (byte 0): actor: missing"),
        BadInput("actor: a string", ["append"], lines: [BadInputTests.joining.replacing(#""actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"}"#, with: #""actor":"clerk7""#)],
                 1, #"<stdin> line 1 (byte 0): actor: expected an object {"id", "role", "onBehalfOf"}, found a string"#),
        BadInput("actor.id: empty", ["append"], lines: [BadInputTests.joining.replacing(#""id":"clerk7""#, with: #""id":"""#)],
                 1, "<stdin> line 1 (byte 0): actor.id: expected 1–128 bytes, found 0"),
        BadInput("actor: unknown field", ["append"], lines: [BadInputTests.joining.replacing(#""onBehalfOf":"sy-edu""#, with: #""onBehalfOf":"sy-edu","name":"张三""#)],
                 1, "<stdin> line 1 (byte 0): actor.name: unknown field; expected id, onBehalfOf, role"),
        BadInput("actor.role: not allowed to record the type", ["append"], lines: [BadInputTests.joining.replacing(#""role":"BureauClerk""#, with: #""role":"FinanceClerk""#)],
                 1, "Journal/ledger.jsonl: actor.role: event 1 of the batch (SchoolJoinedGroup): FinanceClerk may not record SchoolJoinedGroup; it may be recorded by BureauClerk, LeadingGroupOffice; nothing was appended"),
        BadInput("unknown top-level field", ["append"], lines: [BadInputTests.joining.replacing(#""schoolId":"sy-m11"}"#, with: #""schoolId":"sy-m11"},"comment":"x""#)],
                 1, "<stdin> line 1 (byte 0): comment: unknown field; expected actor, authority, data, effective, type, v"),
        BadInput("seq given by the input", ["append"], lines: [BadInputTests.joining.replacing(#""schoolId":"sy-m11"}"#, with: #""schoolId":"sy-m11"},"seq":330"#)],
                 1, "<stdin> line 1 (byte 0): seq: is assigned by the ledger when appending; remove it from the input"),
        BadInput("data: missing", ["append"], lines: [BadInputTests.joining.replacing(#""document":"邵教发〔2023〕50号"},"data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11"}"#, with: #""document":"邵教发〔2023〕50号"}"#)],
                 1, "<stdin> line 1 (byte 0): data: missing"),
        BadInput("data: a string", ["append"], lines: [BadInputTests.joining.replacing(#""data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11"}"#, with: #""data":"sy-m11""#)],
                 1, "<stdin> line 1 (byte 0): data: expected an object, found a string"),
        BadInput("data.role: unknown", ["append"], lines: [BadInputTests.joining.replacing(#""role":"Member""#, with: #""role":"Boss""#)],
                 1, #"Journal/ledger.jsonl: data.role: event 1 of the batch (SchoolJoinedGroup): expected one of Lead, Member, SubGroupCore, found "Boss"; nothing was appended"#),
        BadInput("data.groupId: unknown group", ["append"], lines: [BadInputTests.joining.replacing(#""groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11""#, with: #""groupId":"sy-g99","membershipId":"m-x""#)],
                 1, #"Journal/ledger.jsonl: data.groupId: event 1 of the batch (SchoolJoinedGroup): unknown group "sy-g99"; nothing was appended"#),
        BadInput("data.schoolId: unknown school", ["append"], lines: [BadInputTests.joining.replacing(#""membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11""#, with: #""membershipId":"m-x","role":"Member","schoolId":"sy-m99""#)],
                 1, #"Journal/ledger.jsonl: data.schoolId: event 1 of the batch (SchoolJoinedGroup): unknown school "sy-m99"; nothing was appended"#),
        BadInput("data.schoolId: a number", ["append"], lines: [BadInputTests.joining.replacing(#""membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11""#, with: #""membershipId":"m-x","role":"Member","schoolId":42"#)],
                 1, "Journal/ledger.jsonl: data.schoolId: event 1 of the batch (SchoolJoinedGroup): expected an id of lowercase letters, digits and '-' (at most 64), found 42; nothing was appended"),
        BadInput("data: unknown field", ["append"], lines: [BadInputTests.joining.replacing(#""membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11""#, with: #""membershipId":"m-x","role":"Member","schoolId":"sy-m11","colour":"red""#)],
                 1, "Journal/ledger.jsonl: data.colour: event 1 of the batch (SchoolJoinedGroup): unknown field; nothing was appended"),
        BadInput("data.schoolId: missing", ["append"], lines: [BadInputTests.joining.replacing(#""membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11""#, with: #""membershipId":"m-x","role":"Member""#)],
                 1, "Journal/ledger.jsonl: data.schoolId: event 1 of the batch (SchoolJoinedGroup): missing; nothing was appended"),
        BadInput("data: joining twice", ["append"], lines: [BadInputTests.joining.replacing(#""membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11""#, with: #""membershipId":"m-again","role":"Member","schoolId":"sy-m03""#)],
                 1, #"Journal/ledger.jsonl: data.schoolId: event 1 of the batch (SchoolJoinedGroup): sy-m03 is already a member of sy-g1 (membership "m-sy-g1-sy-m03"); nothing was appended"#),
        BadInput("authority.document: square brackets instead of 〔〕", ["append"], lines: [BadInputTests.joining.replacing(#""document":"邵教发〔2023〕50号""#, with: #""document":"邵教发[2023]50号""#)],
                 1, #"Journal/ledger.jsonl: authority.document: event 1 of the batch (SchoolJoinedGroup): expected a 文号 like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号) or the id of a document printed without one, found "邵教发[2023]50号"; nothing was appended"#),
        BadInput("authority.document: no number", ["append"], lines: [BadInputTests.joining.replacing(#""document":"邵教发〔2023〕50号""#, with: #""document":"邵教发〔2023〕号""#)],
                 1, #"Journal/ledger.jsonl: authority.document: event 1 of the batch (SchoolJoinedGroup): expected a 文号 like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号) or the id of a document printed without one, found "邵教发〔2023〕号"; nothing was appended"#),
        BadInput("authority: empty object", ["append"], lines: [BadInputTests.joining.replacing(#""document":"邵教发〔2023〕50号""#, with: "")],
                 1, "<stdin> line 1 (byte 0): authority: expected a document, an approval or both"),
        BadInput("authority: null", ["append"], lines: [BadInputTests.joining.replacing(#""authority":{"document":"邵教发〔2023〕50号"}"#, with: #""authority":null"#)],
                 1, #"<stdin> line 1 (byte 0): authority: expected an object {"document", "approval", "clause"}, found null"#),
        BadInput("authority.document: leading space", ["append"], lines: [BadInputTests.joining.replacing(#""document":"邵教发〔2023〕50号""#, with: #""document":" 邵教发〔2023〕50号""#)],
                 1, #"<stdin> line 1 (byte 0): authority.document: has leading or trailing whitespace: " 邵教发〔2023〕50号""#),
        BadInput("amountFen: negative", ["append"], lines: [#"{"type":"FundAllocated","v":1,"effective":"2025-03","actor":{"id":"finance-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"allocationId":"a-new","amountFen":-100,"documentId":"sy-2023-50","fiscalYear":2025,"fromAuthorityId":"sy-edu","purpose":"GroupDevelopment","toSchoolId":"sy-c1"}}"#],
                 1, "Journal/ledger.jsonl: data.amountFen: event 1 of the batch (FundAllocated): expected a positive amount in fen, found -100; nothing was appended"),
        BadInput("amountFen: zero", ["append"], lines: [#"{"type":"FundAllocated","v":1,"effective":"2025-03","actor":{"id":"finance-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"allocationId":"a-new","amountFen":0,"documentId":"sy-2023-50","fiscalYear":2025,"fromAuthorityId":"sy-edu","purpose":"GroupDevelopment","toSchoolId":"sy-c1"}}"#],
                 1, "Journal/ledger.jsonl: data.amountFen: event 1 of the batch (FundAllocated): expected a positive amount in fen, found 0; nothing was appended"),
        BadInput("amountFen: over 2^53-1", ["append"], lines: [#"{"type":"FundAllocated","v":1,"effective":"2025-03","actor":{"id":"finance-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"allocationId":"a-new","amountFen":9007199254740992,"documentId":"sy-2023-50","fiscalYear":2025,"fromAuthorityId":"sy-edu","purpose":"GroupDevelopment","toSchoolId":"sy-c1"}}"#],
                 1, "<stdin> line 1 (byte 219): data.amountFen: integer 9007199254740992 exceeds the limit 9007199254740991"),
        BadInput("amountFen: far over Int64", ["append"], lines: [#"{"type":"FundAllocated","v":1,"effective":"2025-03","actor":{"id":"finance-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"allocationId":"a-new","amountFen":99999999999999999999999,"documentId":"sy-2023-50","fiscalYear":2025,"fromAuthorityId":"sy-edu","purpose":"GroupDevelopment","toSchoolId":"sy-c1"}}"#],
                 1, "<stdin> line 1 (byte 219): data.amountFen: integer 99999999999999999999999 exceeds the limit 9007199254740991"),
        BadInput("amountFen: a fraction", ["append"], lines: [#"{"type":"FundAllocated","v":1,"effective":"2025-03","actor":{"id":"finance-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"allocationId":"a-new","amountFen":12.50,"documentId":"sy-2023-50","fiscalYear":2025,"fromAuthorityId":"sy-edu","purpose":"GroupDevelopment","toSchoolId":"sy-c1"}}"#],
                 1, "<stdin> line 1 (byte 219): data.amountFen: floating-point numbers are not allowed, found 12.50; only integers can be stored"),
        BadInput("amountFen: an exponent", ["append"], lines: [#"{"type":"FundAllocated","v":1,"effective":"2025-03","actor":{"id":"finance-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"allocationId":"a-new","amountFen":1e3,"documentId":"sy-2023-50","fiscalYear":2025,"fromAuthorityId":"sy-edu","purpose":"GroupDevelopment","toSchoolId":"sy-c1"}}"#],
                 1, "<stdin> line 1 (byte 219): data.amountFen: floating-point numbers are not allowed, found 1e3; only integers can be stored"),
        BadInput("amountFen: a string", ["append"], lines: [#"{"type":"FundAllocated","v":1,"effective":"2025-03","actor":{"id":"finance-sy","role":"FinanceClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"allocationId":"a-new","amountFen":"100","documentId":"sy-2023-50","fiscalYear":2025,"fromAuthorityId":"sy-edu","purpose":"GroupDevelopment","toSchoolId":"sy-c1"}}"#],
                 1, #"Journal/ledger.jsonl: data.amountFen: event 1 of the batch (FundAllocated): expected a whole number of fen, found "100"; nothing was appended"#),
        BadInput("invalid UTF-8 in a string", ["append"], bytes: BadInputTests.invalidUTF8,
                 1, "<stdin> line 1 (byte 229): data.membershipId: invalid UTF-8: byte 0xFF in a string; it never occurs in UTF-8"),
        BadInput("a NUL byte inside a string", ["append"], lines: [BadInputTests.joining.replacing(#""schoolId":"sy-m11""#, with: #""schoolId":"sy-m11\u0000""#)],
                 1, "Journal/ledger.jsonl: data.schoolId: event 1 of the batch (SchoolJoinedGroup): expected an id of lowercase letters, digits and '-' (at most 64), found \"sy-m11\u{0}\"; nothing was appended"),
        BadInput("a raw control character in a string", ["append"], lines: [BadInputTests.joining.replacing(#""membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11""#, with: "\"membershipId\":\"m-sy-g1-sy-m\u{1}11\",\"role\":\"Member\",\"schoolId\":\"sy-m\u{1}11\"")],
                 1, "<stdin> line 1 (byte 229): data.membershipId: control character U+0001 must be escaped inside a string"),
        BadInput("line over the 1 MiB input limit", ["append"], bytes: BadInputTests.overlongLine,
                 1, "<stdin> line 1 (byte 0): line is 1048844 bytes, over the input limit of 1048576"),
        BadInput("not JSON", ["append"], lines: ["hello"],
                 1, "<stdin> line 1 (byte 0): expected a value, found 'h'"),
        BadInput("a JSON array", ["append"], lines: ["[1,2,3]"],
                 1, "<stdin> line 1 (byte 0): expected one event as a JSON object, found an array"),
        BadInput("cut-off JSON", ["append"], lines: [BadInputTests.joining.replacing(#""actor":{"id":"clerk7","role":"BureauClerk","onBehalfOf":"sy-edu"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"groupId":"sy-g1","membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11"}}"#, with: #""act"#)],
                 1, #"<stdin> line 1 (byte 60): expected '"' to end the string, found end of input"#),
        BadInput("duplicate key", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""v":2,"effective":"2024-09""#)],
                 1, #"<stdin> line 1 (byte 34): v: duplicate key "v""#),
        BadInput("nesting deeper than 16", ["append"], lines: [BadInputTests.joining.replacing(#""membershipId":"m-sy-g1-sy-m11","role":"Member","schoolId":"sy-m11""#, with: #""membershipId":"m-x","role":"Member","schoolId":"sy-m11","x":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]"#)],
                 1, "<stdin> line 1 (byte 276): data.x[0][0][0][0][0][0][0][0][0][0][0][0][0][0]: nesting depth 17 exceeds the limit 16"),
        BadInput("empty input", ["append"], lines: [],
                 1, "Journal/ledger.jsonl: nothing to append: the batch is empty"),
        BadInput("only blank lines", ["append"], lines: ["", "  ", "\t"],
                 1, "Journal/ledger.jsonl: nothing to append: the batch is empty"),
        BadInput("valid event but sent twice in one batch", ["append"], lines: [BadInputTests.joining, BadInputTests.joining],
                 1, #"Journal/ledger.jsonl: data.membershipId: event 2 of the batch (SchoolJoinedGroup): membership "m-sy-g1-sy-m11" is already registered; nothing was appended"#),
        BadInput("recorded given by the input", ["append"], lines: [BadInputTests.joining.replacing(#""schoolId":"sy-m11"}"#, with: #""schoolId":"sy-m11"},"recorded":"2025-01-01T00:00:00Z""#)],
                 1, "<stdin> line 1 (byte 0): recorded: is set by the ledger's clock when appending; remove it from the input"),
        BadInput("effective: year 2101", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"2101-01""#)],
                 1, "<stdin> line 1 (byte 0): effective: year 2101 is outside 1900–2100"),
        BadInput("effective: trailing space", ["append"], lines: [BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"2024-09 ""#)],
                 1, #"<stdin> line 1 (byte 0): effective: expected YYYY, YYYY-MM or YYYY-MM-DD, found "2024-09 ""#),
        BadInput("second line bad: nothing appended", ["append"], lines: [BadInputTests.joining, BadInputTests.joining.replacing(#""effective":"2024-09""#, with: #""effective":"2024-02-30""#)],
                 1, "<stdin> line 2 (byte 271): effective: 2024-02-30 does not exist (2024-02 has 29 days)"),
        BadInput("byte order mark", ["append"], bytes: BadInputTests.byteOrderMark,
                 1, "<stdin> line 1 (byte 0): the input starts with a UTF-8 byte order mark (EF BB BF); save it as UTF-8 without a BOM"),
        BadInput("--expect-seq: not a number", ["append", "--expect-seq", "abc"], lines: [BadInputTests.joining],
                 64, "the value 'abc' is invalid for '--expect-seq': expected a whole number in 0–9007199254740991"),
        BadInput("--expect-seq: stale", ["append", "--expect-seq", "5"], lines: [BadInputTests.joining],
                 1, "Journal/ledger.jsonl: expected the journal's last seq to be 5, but it is 329; nothing was appended"),
        BadInput("--expect-seq: overflowing", ["append", "--expect-seq", "99999999999999999999"], lines: [BadInputTests.joining],
                 64, "the value '99999999999999999999' is invalid for '--expect-seq': expected a whole number in 0–9007199254740991"),
        BadInput("--expect-seq: negative", ["append", "--expect-seq", "-1"], lines: [BadInputTests.joining],
                 64, "the value '-1' is invalid for '--expect-seq': expected a whole number in 0–9007199254740991"),
        BadInput("--expect-seq: ahead of the journal", ["append", "--expect-seq", "330"], lines: [BadInputTests.joining],
                 1, "Journal/ledger.jsonl: expected the journal's last seq to be 330, but it is 329; nothing was appended"),
        BadInput("join --effective: a day that does not exist", ["join", "--group", "sy-g1", "--school", "sy-m11", "--effective", "2024-02-30", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 64, "the value '2024-02-30' is invalid for '--effective': 2024-02-30 does not exist (2024-02 has 29 days)"),
        BadInput("join --effective: month 0", ["join", "--group", "sy-g1", "--school", "sy-m11", "--effective", "2024-00", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 64, "the value '2024-00' is invalid for '--effective': month 0 is outside 01–12"),
        BadInput("join --effective: empty", ["join", "--group", "sy-g1", "--school", "sy-m11", "--effective", "", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 64, "missing '--effective'"),
        BadInput("join: missing --actor", ["join", "--group", "sy-g1", "--school", "sy-m11", "--effective", "2024-09", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 64, "missing '--actor'"),
        BadInput("join --group: unknown", ["join", "--group", "sy-g99", "--school", "sy-m11", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.groupId: event 1 of the batch (SchoolJoinedGroup): unknown group "sy-g99"; nothing was appended"#),
        BadInput("join --school: unknown", ["join", "--group", "sy-g1", "--school", "nowhere", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.schoolId: event 1 of the batch (SchoolJoinedGroup): unknown school "nowhere"; nothing was appended"#),
        BadInput("join --member-role: unknown", ["join", "--group", "sy-g1", "--school", "sy-m11", "--member-role", "Boss", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.role: event 1 of the batch (SchoolJoinedGroup): expected one of Lead, Member, SubGroupCore, found "Boss"; nothing was appended"#),
        BadInput("join --document: malformed 文号", ["join", "--group", "sy-g1", "--school", "sy-m11", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发2023-50"],
                 1, #"Journal/ledger.jsonl: authority.document: event 1 of the batch (SchoolJoinedGroup): expected a 文号 like 邵教发〔2023〕50号 (Han prefix, year in 〔〕, serial, 号) or the id of a document printed without one, found "邵教发2023-50"; nothing was appended"#),
        BadInput("join --as: unknown role", ["join", "--group", "sy-g1", "--school", "sy-m11", "--effective", "2024-09", "--actor", "clerk7", "--as", "Janitor", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, "Journal/ledger.jsonl: actor.role: event 1 of the batch (SchoolJoinedGroup): Janitor may not record SchoolJoinedGroup; it may be recorded by BureauClerk, LeadingGroupOffice; nothing was appended"),
        BadInput("join --expect-seq: stale", ["join", "--group", "sy-g1", "--school", "sy-m11", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号", "--expect-seq", "1"],
                 1, "Journal/ledger.jsonl: expected the journal's last seq to be 1, but it is 329; nothing was appended"),
        BadInput("allocate --amount-fen: negative", ["allocate", "--allocation", "a-new", "--from", "sy-edu", "--to", "sy-c1", "--document-id", "sy-2023-50", "--effective", "2025-03", "--actor", "finance-sy", "--as", "FinanceClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号", "--fiscal-year", "2025", "--purpose", "GroupDevelopment", "--amount-fen", "-100"],
                 64, "the value '-100' is invalid for '--amount-fen': expected a whole number in 1–9007199254740991"),
        BadInput("allocate --amount-fen: over 2^53-1", ["allocate", "--allocation", "a-new", "--from", "sy-edu", "--to", "sy-c1", "--document-id", "sy-2023-50", "--effective", "2025-03", "--actor", "finance-sy", "--as", "FinanceClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号", "--fiscal-year", "2025", "--purpose", "GroupDevelopment", "--amount-fen", "9007199254740992"],
                 64, "the value '9007199254740992' is invalid for '--amount-fen': expected a whole number in 1–9007199254740991"),
        BadInput("allocate --amount-fen: overflowing", ["allocate", "--allocation", "a-new", "--from", "sy-edu", "--to", "sy-c1", "--document-id", "sy-2023-50", "--effective", "2025-03", "--actor", "finance-sy", "--as", "FinanceClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号", "--fiscal-year", "2025", "--purpose", "GroupDevelopment", "--amount-fen", "99999999999999999999999"],
                 64, "the value '99999999999999999999999' is invalid for '--amount-fen': expected a whole number in 1–9007199254740991"),
        BadInput("allocate --amount-fen: yuan with a decimal point", ["allocate", "--allocation", "a-new", "--from", "sy-edu", "--to", "sy-c1", "--document-id", "sy-2023-50", "--effective", "2025-03", "--actor", "finance-sy", "--as", "FinanceClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号", "--fiscal-year", "2025", "--purpose", "GroupDevelopment", "--amount-fen", "12.50"],
                 64, "the value '12.50' is invalid for '--amount-fen': expected a whole number in 1–9007199254740991"),
        BadInput("allocate --fiscal-year: not a year", ["allocate", "--allocation", "a-new", "--from", "sy-edu", "--to", "sy-c1", "--document-id", "sy-2023-50", "--effective", "2025-03", "--actor", "finance-sy", "--as", "FinanceClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号", "--amount-fen", "100", "--fiscal-year", "20x5", "--purpose", "GroupDevelopment"],
                 64, "the value '20x5' is invalid for '--fiscal-year': expected a whole number in 1900–2100"),
        BadInput("allocate --purpose: unknown", ["allocate", "--allocation", "a-new", "--from", "sy-edu", "--to", "sy-c1", "--document-id", "sy-2023-50", "--effective", "2025-03", "--actor", "finance-sy", "--as", "FinanceClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号", "--amount-fen", "100", "--fiscal-year", "2025", "--purpose", "Bonus"],
                 1, #"Journal/ledger.jsonl: data.purpose: event 1 of the batch (FundAllocated): expected one of ExchangeTraining, GroupDevelopment, CultureBuilding, CurriculumDevelopment, BackboneMobility, Research, SiteSharing, QualityEvaluation, TeamBuilding, NewSchoolOperatingSubsidy, ExpertLectureFee, GroupActivity, Routine, Award, Other, found "Bonus"; nothing was appended"#),
        BadInput("spend: more than the allocation holds", ["spend", "--expenditure", "exp-x", "--payer", "sy-c1", "--category", "ExchangeTraining", "--effective", "2025-03", "--actor", "clerk-sy-c1", "--as", "CoreSchoolClerk", "--on-behalf-of", "sy-c1", "--document", "邵教发〔2023〕50号", "--amount-fen", "3000001", "--allocation", "alloc-sy-2025-0001"],
                 1, #"Journal/ledger.jsonl: data.amountFen: event 1 of the batch (ExpenditureRecorded): spending 3000001 fen exceeds the 3000000 fen left in allocation "alloc-sy-2025-0001" (earmarked money is spent through its earmark); nothing was appended"#),
        BadInput("spend --allocation: unknown", ["spend", "--expenditure", "exp-x", "--payer", "sy-c1", "--category", "ExchangeTraining", "--effective", "2025-03", "--actor", "clerk-sy-c1", "--as", "CoreSchoolClerk", "--on-behalf-of", "sy-c1", "--document", "邵教发〔2023〕50号", "--amount-fen", "100", "--allocation", "alloc-none"],
                 1, #"Journal/ledger.jsonl: data.allocationId: event 1 of the batch (ExpenditureRecorded): unknown allocation "alloc-none"; nothing was appended"#),
        BadInput("state --as-of: month 13", ["state", "--as-of", "2024-13-01"],
                 64, "the value '2024-13-01' is invalid for '--as-of': month 13 is outside 01–12"),
        BadInput("state --as-of: a word", ["state", "--as-of", "tomorrow"],
                 64, #"the value 'tomorrow' is invalid for '--as-of': expected YYYY, YYYY-MM or YYYY-MM-DD, found "tomorrow""#),
        BadInput("state --known-at: negative", ["state", "--known-at", "-5"],
                 64, "the value '-5' is invalid for '--known-at': expected a seq or a UTC time YYYY-MM-DDTHH:MM:SSZ"),
        BadInput("log --from: zero", ["log", "--from", "0"],
                 64, "the value '0' is invalid for '--from': expected a whole number in 1–9007199254740991"),
        BadInput("log --from after --to", ["log", "--from", "10", "--to", "5"],
                 64, "--from 10 is after --to 5"),
        BadInput("prove inclusion --seq: past the end", ["prove", "inclusion", "--seq", "100000"],
                 1, "Journal/ledger.jsonl: seq 100000 is outside 1–329, the tree the proof is for"),
        BadInput("verify --digest: bad hex", ["verify", "--digest", "3:xyz"],
                 64, "the value '3:xyz' is invalid for '--digest': expected SIZE:ROOTHEX (a whole number, a colon, 64 lowercase hex digits)"),
        BadInput("history: unknown entity", ["history", "no-such-thing"],
                 1, #"Journal/ledger.jsonl: nothing is registered as "no-such-thing" (not an id, name, alias or 文号)"#),
        BadInput("diff: one --known-at", ["diff", "--known-at", "5"],
                 64, "give --known-at twice (A and B)"),
        BadInput("explain --school without --group", ["explain", "--school", "sy-m03"],
                 64, "give --school and --group, --allocation, --document or --seqs"),
        BadInput("export --jurisdiction: unknown", ["export", "--jurisdiction", "nowhere", "--out", "packet"],
                 1, #"Journal/ledger.jsonl: --jurisdiction: no jurisdiction "nowhere" (known: bengbu, bs, pingdingshan, sy, xp, zh, zy, zy-sunan; an authority's name also works)"#),
        BadInput("register put --subject: not an opaque id", ["register", "put", "--subject", "Zhang San", "--name", "张三"],
                 1, #"Journal/ledger.register.jsonl: subjectId: expected an opaque id of lowercase letters, digits and '-', found "Zhang San""#),
        BadInput("register put: missing --name", ["register", "put", "--subject", "staff-1"],
                 64, "missing '--name'"),
        BadInput("findings --school-year: not a year", ["findings", "--school-year", "20x4"],
                 64, "the value '20x4' is invalid for '--school-year': expected a whole number in 1900–2100"),
        BadInput("replay --lang: unknown", ["replay", "--lang", "fr"],
                 64, "the value 'fr' is invalid for '--lang': expected one of zh, en"),
        BadInput("--journal: a directory", ["verify", "--journal", "Journal"],
                 1, "Journal: pread of 'Journal' failed: Is a directory (errno 21)"),
        BadInput("--journal: in a folder that does not exist", ["append", "--journal", "missing/j.jsonl"], lines: [#"{"type":"AuthorityRegistered","v":1,"effective":"2024-09-01","actor":{"id":"admin1","role":"LedgerAdmin"},"authority":{"document":"邵教发〔2023〕50号"},"data":{"authorityId":"auth-0","nameZh":"黄塘镇教育办0","kind":"EducationBureau","level":"County","jurisdictionId":"sy"}}"#],
                 1, "missing/j.jsonl: open of 'missing/j.jsonl' failed: No such file or directory (errno 2)"),
        BadInput("digest --format: unknown", ["digest", "--format", "xml"],
                 64, "the value 'xml' is invalid for '--format': expected one of text, json"),
        BadInput("prove consistency --old: past the end", ["prove", "consistency", "--old", "400"],
                 1, "Journal/ledger.jsonl: old size 400 is outside 0–329: a consistency proof goes from a smaller tree to a larger one"),
        BadInput("recover: no journal at the path", ["recover", "--journal", "missing.jsonl"],
                 1, "missing.jsonl: no journal at this path"),
        BadInput("exit: a school that is not a member", ["exit", "--group", "sy-g1", "--school", "sy-m11", "--reason", "GoalsAchieved", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.membershipId: event 1 of the batch (SchoolExitedGroup): unknown membership "m-sy-g1-sy-m11"; nothing was appended"#),
        BadInput("exit --reason: unknown", ["exit", "--group", "sy-g1", "--school", "sy-m03", "--reason", "Bored", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.reason: event 1 of the batch (SchoolExitedGroup): expected one of GoalsAchieved, ConditionsChanged, StrategyAdjusted, PromotedToSubGroupCore, GroupDissolved, Other, found "Bored"; nothing was appended"#),
        BadInput("earmark: more than the allocation holds", ["earmark", "--earmark", "em-x", "--allocation", "alloc-sy-2025-0001", "--amount-fen", "3000001", "--purpose", "GroupDevelopment", "--effective", "2025-03", "--actor", "finance-sy", "--as", "FinanceClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.amountFen: event 1 of the batch (FundEarmarked): earmarking 3000001 fen exceeds the 3000000 fen still free in allocation "alloc-sy-2025-0001"; nothing was appended"#),
        BadInput("end-secondment --secondment: unknown", ["end-secondment", "--secondment", "sec-none", "--outcome", "Returned", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.secondmentId: event 1 of the batch (SecondmentEnded): unknown secondment "sec-none"; nothing was appended"#),
        BadInput("end-secondment --outcome: unknown", ["end-secondment", "--secondment", "sec-bs-0001", "--outcome", "Vanished", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 1, #"Journal/ledger.jsonl: data.outcome: event 1 of the batch (SecondmentEnded): expected one of Returned, Recalled, Extended, Refused, found "Vanished"; nothing was appended"#),
        BadInput("form-group: missing --lead", ["form-group", "--group", "sy-g99", "--name", "新集团", "--jurisdiction", "sy", "--type", "CoConstruction", "--effective", "2024-09", "--actor", "clerk7", "--as", "BureauClerk", "--on-behalf-of", "sy-edu", "--document", "邵教发〔2023〕50号"],
                 64, "missing '--lead'"),
        BadInput("import: no such batch file", ["import", "missing.tsv"],
                 1, "missing.tsv: open of 'missing.tsv' failed: No such file or directory (errno 2)"),
        BadInput("register erase --as: not LedgerAdmin", ["register", "erase", "--subject", "staff-bs-0001", "--effective", "2025-06-01", "--actor", "clerk7", "--as", "BureauClerk", "--document", "邵教发〔2023〕50号"],
                 1, "Journal/ledger.jsonl: actor.role: event 1 of the batch (PersonalDataErased): BureauClerk may not record PersonalDataErased; it may be recorded by LedgerAdmin; nothing was appended"),
        BadInput("funds trace: neither --allocation nor --group", ["funds", "trace"],
                 64, "give --allocation ID, or --group ID with an optional --year"),
    ]

    @Test func theTableHasAtLeastSixtyRowsWithDistinctNames() {
        #expect(Self.rows.count >= 60)
        #expect(Set(Self.rows.map(\.name)).count == Self.rows.count)
        #expect(Set(Self.rows.map { $0.commandPath.joined(separator: " ") }).count >= 20, "across commands")
    }

    @Test(arguments: rows)
    func refusedWithTheExactErrorAndTheJournalUnchanged(_ row: BadInput) throws {
        let scratch = Scratch()
        let journal = "Journal/ledger.jsonl"
        let shipped = try Data(contentsOf: CLI.packageRoot.appendingPathComponent(journal))
        try shipped.write(to: URL(fileURLWithPath: scratch.path + "/" + journal))
        let result = try CLI.run(row.arguments, in: scratch.path, inputBytes: row.input)
        var expected = "groupledger: error: \(row.error)\n"
        if row.status == 64 {
            let help = try CLI.run(row.commandPath + ["--help"], in: scratch.path)
            let usage = try #require(help.standardOutput.split(separator: "\n").first { $0.hasPrefix("USAGE: groupledger ") })
            expected += "Usage: groupledger \(usage.dropFirst("USAGE: groupledger ".count))\n  See 'groupledger \(row.commandPath.joined(separator: " ")) --help'.\n"
        }
        #expect(result.standardError == expected)
        #expect(result.status == row.status)
        #expect(result.standardOutput == "")
        #expect(try scratch.bytes(journal) == shipped, "the journal changed")
        let left = try FileManager.default.subpathsOfDirectory(atPath: scratch.path).sorted()
        #expect(left == ["Journal", journal], "files created beside the journal: \(left)")
    }
}
