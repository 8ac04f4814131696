public import LedgerCore
import Dispatch
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
    ///
    /// A large journal is surveyed in parts, one per core, split at line starts: the survey
    /// comes before the fold and nothing else can run beside it.
    public static func survey(path: String) throws -> JournalSurvey {
        try survey(path: path, parts: nil)
    }

    /// The survey in `parts` parts (nil: one per core for a large journal, see
    /// `partMinimumBytes`); any split gives the same survey.
    static func survey(path: String, parts requestedParts: Int?) throws -> JournalSurvey {
        var survey = JournalSurvey.empty
        guard FileDescriptor.exists(path) else { return survey }
        let file: FileDescriptor
        do { file = try FileDescriptor.openForReading(path) } catch { throw JournalError(error) }
        defer { file.close() }
        do {
            let size = try JournalLock.stableSize(file)
            let soundEnd = try JournalTailLocator.locate(file, sizeBytes: size).soundByteCount
            let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
            let parts = max(1, requestedParts ?? Int(min(Int64(cores), max(1, soundEnd / partMinimumBytes))))
            var starts: [Int64] = [0]
            for part in 1..<parts { starts.append(try lineStart(in: file, atOrAfter: soundEnd * Int64(part) / Int64(parts), end: soundEnd)) }
            let bounds = starts + [soundEnd]
            var results = [Result<JournalSurvey, any Error>?](repeating: nil, count: bounds.count - 1)
            results.withUnsafeMutableBufferPointer { buffer in
                let shared = SurveyResults(buffer: buffer)
                DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { part in
                    shared.buffer[part] = Result { try surveyPart(file, from: bounds[part], to: bounds[part + 1], path: path) }
                }
            }
            // In file order: corrections stay in seq order, and the first error is the earliest.
            for result in results {
                let part = try result!.get()
                for index in part.eventCountsByTypeIndex.indices { survey.eventCountsByTypeIndex[index] += part.eventCountsByTypeIndex[index] }
                survey.corrections += part.corrections
            }
        } catch let error as SystemCallError {
            throw JournalError(error)
        }
        return survey
    }

    /// No corrections and a zero count for every type.
    static var empty: JournalSurvey {
        JournalSurvey(corrections: [], eventCountsByTypeIndex: Array(repeating: 0, count: DomainEvent.typeNamesByIndex.count))
    }

    /// Below this many bytes per part, a journal is surveyed on one thread.
    static let partMinimumBytes: Int64 = 16 << 20

    /// The survey of the lines from `start` (a line start) to `end`.
    private static func surveyPart(_ file: FileDescriptor, from start: Int64, to end: Int64, path: String) throws -> JournalSurvey {
        var survey = JournalSurvey.empty
        guard start < end else { return survey }
        let matcher = TypeNameMatcher()
        let correctionIndex = DomainEvent.typeNamesByIndex.firstIndex(of: EntryCorrected.eventType)!
        var correctionSlices: [LineSlice] = []
        try LineReader(file: file, startOffset: start, endOffset: end).forEachChunk { slices in
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
        return survey
    }

    /// The offset just after the first newline at or after `offset` (`end` when there is none
    /// before it): where a part of the survey can start.
    private static func lineStart(in file: FileDescriptor, atOrAfter offset: Int64, end: Int64) throws -> Int64 {
        var position = offset
        var block = [UInt8](repeating: 0, count: 65_536)
        while position < end {
            let count = try block.withUnsafeMutableBytes { buffer in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<Int(min(Int64(buffer.count), end - position))]), at: position)
            }
            guard count > 0 else { break }
            if let newline = block[0..<count].firstIndex(of: 0x0A) { return position + Int64(newline) + 1 }
            position += Int64(count)
        }
        return end
    }
}

/// The per-part results of a parallel survey; each worker writes only its own element.
private struct SurveyResults: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result<JournalSurvey, any Error>?>
}

/// Finds the catalogue index of the type named at the end of a canonical line, comparing bytes
/// (no string is built per line).
struct TypeNameMatcher {
    /// The type names by their bytes, to their index (`DomainEvent.typeIndex`).
    static let typeIndexes = NameTable(DomainEvent.typeNamesByIndex.enumerated().map { (name: $0.element, value: $0.offset) })
    /// The longest type name's length in bytes.
    private static let maximumNameLength = DomainEvent.typeNamesByIndex.map(\.utf8.count).max() ?? 0

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
        while nameStart > 0, line[nameStart - 1] != quote, nameEnd - nameStart <= Self.maximumNameLength { nameStart -= 1 }
        let typeKey: StaticString = "\"type\":\""
        let typeKeyCount = typeKey.utf8CodeUnitCount
        guard nameStart >= typeKeyCount, Self.matches(line, at: nameStart - typeKeyCount, typeKey) else { return nil }
        return Self.typeIndexes.value(named: UnsafeRawBufferPointer(rebasing: line[nameStart..<nameEnd]))
    }

    private static func matches(_ line: UnsafeRawBufferPointer, at offset: Int, _ text: StaticString) -> Bool {
        offset >= 0 && offset + text.utf8CodeUnitCount <= line.count
            && memcmp(line.baseAddress! + offset, text.utf8Start, text.utf8CodeUnitCount) == 0
    }
}
