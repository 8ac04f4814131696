import LedgerCore

/// Terminal column widths: East Asian wide and fullwidth characters take two columns, so
/// Chinese names line up in aligned text output.
public enum DisplayWidth {
    /// The number of terminal columns `text` occupies.
    public static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + columns($1) }
    }

    /// `text` padded with spaces to `width` columns; longer text is never cut and keeps two
    /// spaces after it, so columns stay apart.
    public static func padded(_ text: String, to width: Int) -> String {
        var result = ""
        pad(text, to: width, into: &result)
        return result
    }

    /// Appends `text` padded to `width` columns to `output` (no temporary strings: the aligned
    /// views of a large journal append tens of thousands of cells).
    public static func pad(_ text: String, to width: Int, into output: inout String) {
        let used = columns(text)
        output += text
        output += used >= width ? "  " : String(repeating: " ", count: width - used)
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges that occur in Chinese text.
    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
        0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func columns(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x300 && value < 0x370) || value == 0x200B { return 0 }
        if value < 0x1100 { return 1 }
        if value >= 0x4E00 && value <= 0x9FFF { return 2 }  // CJK unified ideographs: almost every name
        return wide.contains { $0.contains(value) } ? 2 : 1
    }
}
