/// Text made safe to put inside HTML (and SVG) elements and attribute values.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references; everything else as written.
    public static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
