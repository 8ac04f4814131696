// libFuzzer target: the journal line decoder (what `verify`, `log` and every reader run on
// each line of a journal file). Built and run by Tools/fuzz.sh; not part of the package.
//
// Besides "never crashes", it checks the decoder's promises on every input:
// - a line that decodes is canonical: encoding what was decoded gives the input bytes back;
// - the fast decoder accepts only what the generic decoder accepts, and decodes it the same.
@testable import LedgerJournal

@_cdecl("LLVMFuzzerTestOneInput")
public func lineDecoderTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let fast = FastLineDecoder.decode(bytes)
    let generic = try? JournalLine.decodeGeneric(bytes)
    if let fast {
        guard let generic else { preconditionFailure("the fast decoder accepted a line the generic decoder refuses") }
        precondition(fast == generic, "the fast and generic decoders disagree")
    }
    if let line = fast ?? generic {
        precondition(line.encoded().elementsEqual(bytes), "a decoded line does not encode back to its bytes (not canonical)")
    }
    return 0
}
