/// One finding about a value: an error that blocks it or a warning that lets it through.
public struct Diagnostic: Sendable, Equatable {
    /// How serious a finding is.
    public enum Severity: String, Sendable, Codable {
        case error, warning

        /// The word printed in tables: "lỗi"/"cảnh báo" or "error"/"warning".
        public func label(_ lang: Lang) -> String {
            switch self {
            case .error: lang == .vi ? "lỗi" : "error"
            case .warning: lang == .vi ? "cảnh báo" : "warning"
            }
        }
    }

    public var severity: Severity
    /// The field (a key of `coop show`'s JSON) the finding is about, when there is one.
    public var field: String?
    /// The part of a list field the finding is about ("phone", "email" of `contacts`), so an import can point at
    /// the column that holds it.
    public var part: String?
    public var message: Message

    public init(_ severity: Severity, field: String?, part: String? = nil, _ message: Message) {
        self.severity = severity
        self.field = field
        self.part = part
        self.message = message
    }

    public static func error(_ field: String?, _ vi: String, _ en: String) -> Diagnostic {
        Diagnostic(.error, field: field, Message(vi, en))
    }

    public static func warning(_ field: String?, _ vi: String, _ en: String) -> Diagnostic {
        Diagnostic(.warning, field: field, Message(vi, en))
    }
}
