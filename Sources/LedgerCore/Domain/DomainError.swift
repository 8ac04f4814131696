/// An event the domain refuses: the field (a path inside `data`, or an envelope field) and
/// what was expected against what was found. The journal layer adds file, line and offset.
public struct DomainError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field, e.g. `data.amountFen` or `actor.role`.
    public var field: String
    /// Expected against found, naming the value.
    public var message: String

    /// Creates an error.
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
