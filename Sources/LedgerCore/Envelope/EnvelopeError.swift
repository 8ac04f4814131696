/// A field of an event envelope that is missing, malformed or over a limit.
///
/// The core knows only the field; the journal layer adds the file, line and byte offset.
public struct EnvelopeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field's path, e.g. `effective`, `actor.id`, `data`.
    public let field: String
    /// What was expected and what was found.
    public let message: String

    /// Creates an error for `field`.
    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    /// `field: message`.
    public var description: String { "\(field): \(message)" }
}
