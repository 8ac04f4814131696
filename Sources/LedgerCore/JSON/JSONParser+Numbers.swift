extension JSONParser.Engine {
    /// Parses an integer at the cursor. Every number error is reported at the number's first
    /// byte, because that is where a reader will look for the offending literal.
    mutating func parseInteger() throws(JSONParseError) -> Int64 {
        let start = position
        var index = position
        let isNegative = base[index] == UInt8(ascii: "-")
        if isNegative {
            index += 1
        }
        guard index < end else {
            throw failure(.unexpectedEnd, at: index, "expected a digit after '-', found end of input")
        }
        guard JSONParser.Engine.isDigit(base[index]) else {
            throw failure(.unexpectedByte, at: index, "expected a digit after '-', found \(describeByte(at: index))")
        }
        let limit = UInt64(max(0, limits.maxIntegerMagnitude))
        var magnitude: UInt64 = 0
        var isOutOfRange = false
        var hasLeadingZero = false
        if base[index] == UInt8(ascii: "0") {
            index += 1
            while index < end && JSONParser.Engine.isDigit(base[index]) {
                hasLeadingZero = true
                index += 1
            }
        } else {
            while index < end {
                let digit = base[index] &- UInt8(ascii: "0")
                if digit > 9 {
                    break
                }
                if !isOutOfRange {
                    let (scaled, scaleOverflow) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, addOverflow) = scaled.addingReportingOverflow(UInt64(digit))
                    if scaleOverflow || addOverflow || sum > limit {
                        isOutOfRange = true
                    } else {
                        magnitude = sum
                    }
                }
                index += 1
            }
        }
        if index < end {
            let byte = base[index]
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                var stop = index
                while stop < end && JSONParser.Engine.isNumberByte(base[stop]) {
                    stop += 1
                }
                throw failure(
                    .floatingPointNumber, at: start,
                    "floating-point numbers are not allowed, found \(excerpt(from: start, to: stop)); only integers can be stored"
                )
            }
        }
        if hasLeadingZero {
            throw failure(.nonCanonicalNumber, at: start, "integer \(excerpt(from: start, to: index)) has a leading zero")
        }
        if isOutOfRange {
            throw failure(
                .integerOutOfRange, at: start,
                isNegative
                    ? "integer \(excerpt(from: start, to: index)) is below the limit -\(limit)"
                    : "integer \(excerpt(from: start, to: index)) exceeds the limit \(limit)"
            )
        }
        if isNegative && magnitude == 0 && isStrict {
            throw failure(.nonCanonicalNumber, at: start, "-0 is not canonical; write 0")
        }
        position = index
        // magnitude ≤ limit ≤ Int64.max, so neither conversion can trap.
        return isNegative ? -Int64(magnitude) : Int64(magnitude)
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") <= 9
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }
}
