/// Text made safe to put inside HTML (and SVG) elements and attribute values.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; everything else as written.
    public static func escaped(_ text: String) -> String {
        ASCIIEscaping.escaped(text) { byte, _ in
            switch byte {
            case UInt8(ascii: "&"): .replace("&amp;")
            case UInt8(ascii: "<"): .replace("&lt;")
            case UInt8(ascii: ">"): .replace("&gt;")
            case UInt8(ascii: "\""): .replace("&quot;")
            case UInt8(ascii: "'"): .replace("&#39;")
            default: .keep
            }
        }
    }
}
