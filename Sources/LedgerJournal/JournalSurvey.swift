public import LedgerCore
import Glibc

/// What one quick pass over the journal's sound prefix finds before a replay: the corrections
/// (a correction can void an event far before it, so the fold must know them all first) and how
/// many events of each type there are (so the state's tables are allocated once, at their final
/// size). Each line's type is read from the end of the line, where a canonical line keeps its
/// envelope's `"type":"…","v":N}`; only corrections are decoded.
public struct JournalSurvey: Sendable {
    /// The corrections of the sound prefix, in seq order.
    public var corrections: [DomainEventRecord]
    /// Lines by `DomainEvent.typeIndex`, as their endings say. A line that does not end the
    /// canonical way is not counted (the replay reports it).
    public var eventCountsByTypeIndex: [Int]

    /// The counts to size a state known at `knownAt` by: all of them for the whole journal;
    /// for a cut at a seq, each type's share of the events before it (as if the types were
    /// spread evenly: a guess, which only decides how often a table grows); none for a cut at
    /// a time, which the survey cannot place.
    public func eventCounts(before knownAt: KnownAt) -> [Int]? {
        switch knownAt {
        case .latest:
            return eventCountsByTypeIndex
        case .seq(let seq):
            let total = eventCountsByTypeIndex.reduce(0, +)
            guard total > 0 else { return nil }
            let cut = Int(max(0, min(seq, Int64(total))))
            return eventCountsByTypeIndex.map { $0 * cut / total }
        case .recorded:
            return nil
        }
    }

    /// Surveys the journal at `path` (none: an empty survey). Lines past the sound prefix (a
    /// torn tail) are not read, so an unfinished correction is never in force.
    public static func survey(path: String) throws -> JournalSurvey {
        var survey = JournalSurvey(corrections: [], eventCountsByTypeIndex: Array(repeating: 0, count: DomainEvent.typeNamesByIndex.count))
        guard FileDescriptor.exists(path) else { return survey }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForReading(path) } catch { throw JournalError(error) }
        defer { file.close() }
        let matcher = TypeNameMatcher()
        let correctionIndex = DomainEvent.typeNamesByIndex.firstIndex(of: EntryCorrected.eventType)!
        do {
            let size = try JournalLock.stableSize(file)
            let soundEnd = try JournalTailLocator.locate(file, sizeBytes: size).soundByteCount
            var correctionSlices: [LineSlice] = []
            try LineReader(file: file, endOffset: soundEnd).forEachChunk { slices in
                for slice in slices {
                    guard let index = matcher.typeIndex(endingLine: slice.bytes) else { continue }
                    survey.eventCountsByTypeIndex[index] += 1
                    if index == correctionIndex { correctionSlices.append(slice) }
                }
                // Corrections are rare: decode them while their bytes are still valid.
                for slice in correctionSlices {
                    guard let line = try? JournalLine.decode(slice.bytes), line.event.type == EntryCorrected.eventType else { continue }
                    let entry = JournalEntry(line: line, byteOffset: slice.byteOffset, byteCount: Int(slice.byteCount), leafHash: nil)
                    survey.corrections.append(try JournalReading.domainRecord(entry, path: path))
                }
                correctionSlices.removeAll(keepingCapacity: true)
                return true
            }
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
        return survey
    }
}

/// Finds the catalogue index of the type named at the end of a canonical line, comparing bytes
/// (no string is built per line).
struct TypeNameMatcher {
    /// Type names' bytes with their index, grouped by length.
    private let namesByLength: [[(index: Int, bytes: [UInt8])]]

    init() {
        let names = DomainEvent.typeNamesByIndex.map { Array($0.utf8) }
        var byLength = Array(repeating: [(index: Int, bytes: [UInt8])](), count: (names.map(\.count).max() ?? 0) + 1)
        for (index, name) in names.enumerated() { byLength[name.count].append((index, name)) }
        namesByLength = byLength
    }

    /// The type index named by a line ending `"type":"<name>","v":<digits>}`, or nil.
    func typeIndex(endingLine line: UnsafeRawBufferPointer) -> Int? {
        let quote = UInt8(ascii: "\"")
        var end = line.count - 1
        guard end > 0, line[end] == UInt8(ascii: "}") else { return nil }
        end -= 1
        let digitsEnd = end
        while end >= 0, line[end] >= UInt8(ascii: "0"), line[end] <= UInt8(ascii: "9") { end -= 1 }
        // `","v":` before the digits, then the name, then `"type":"` before it.
        let versionKey: StaticString = "\",\"v\":"
        let versionKeyCount = versionKey.utf8CodeUnitCount
        guard end < digitsEnd, end + 1 >= versionKeyCount,
              Self.matches(line, at: end + 1 - versionKeyCount, versionKey) else { return nil }
        let nameEnd = end + 1 - versionKeyCount
        var nameStart = nameEnd
        while nameStart > 0, line[nameStart - 1] != quote, nameEnd - nameStart < namesByLength.count { nameStart -= 1 }
        let typeKey: StaticString = "\"type\":\""
        let typeKeyCount = typeKey.utf8CodeUnitCount
        let length = nameEnd - nameStart
        guard length > 0, length < namesByLength.count, nameStart >= typeKeyCount,
              Self.matches(line, at: nameStart - typeKeyCount, typeKey) else { return nil }
        for candidate in namesByLength[length] where candidate.bytes.withUnsafeBytes({ name in
            memcmp(name.baseAddress!, line.baseAddress! + nameStart, length) == 0
        }) {
            return candidate.index
        }
        return nil
    }

    private static func matches(_ line: UnsafeRawBufferPointer, at offset: Int, _ text: StaticString) -> Bool {
        offset >= 0 && offset + text.utf8CodeUnitCount <= line.count
            && memcmp(line.baseAddress! + offset, text.utf8Start, text.utf8CodeUnitCount) == 0
    }
}
