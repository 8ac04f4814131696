import Foundation

/// Unicode normalisation helpers.
public enum TextNormalization {
    /// True when `string` is in Unicode Normalization Form C.
    public static func isNFC(_ string: String) -> Bool {
        if string.unicodeScalars.allSatisfy({ isQuickNFC($0.value) }) {
            return true
        }
        return UTF8Order.equal(string, string.precomposedStringWithCanonicalMapping)
    }

    /// `string` in Unicode Normalization Form C.
    public static func nfc(_ string: String) -> String {
        if string.unicodeScalars.allSatisfy({ isQuickNFC($0.value) }) {
            return string
        }
        return string.precomposedStringWithCanonicalMapping
    }

    /// Full check for strings the quick test could not settle; the parser calls it after
    /// its own byte-level quick test failed, so it skips straight to Foundation.
    static func isNFCByComparison(_ string: String) -> Bool {
        UTF8Order.equal(string, string.precomposedStringWithCanonicalMapping)
    }

    /// Normalises a string the quick test could not settle.
    static func nfcByFoundation(_ string: String) -> String {
        string.precomposedStringWithCanonicalMapping
    }

    /// True for scalars that are NFC_Quick_Check=Yes with canonical combining class 0 and never
    /// combine with a preceding character, so a string made only of them is NFC without further
    /// work. The ranges cover what the journal mostly holds (ASCII and Chinese text); anything
    /// else, even if NFC, merely takes the slower Foundation path.
    @inline(__always)
    static func isQuickNFC(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            return true
        }
        if scalar >= 0x4E00 && scalar <= 0x9FFF {  // CJK Unified Ideographs
            return true
        }
        if scalar >= 0x3400 && scalar <= 0x4DBF {  // CJK Unified Ideographs Extension A
            return true
        }
        if scalar >= 0x3000 && scalar <= 0x303F {  // CJK Symbols and Punctuation ...
            return scalar < 0x302A || scalar > 0x302F  // ... except the tone marks, which combine
        }
        return scalar >= 0xFF01 && scalar <= 0xFF60  // fullwidth ASCII variants and brackets
    }
}
