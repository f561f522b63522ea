import Foundation

/// The language of user-facing messages: Vietnamese by default, English on request.
public enum Lang: String, Sendable, CaseIterable {
    case vi, en

    /// Picks the language from an explicit choice, else from `LANG`/`LC_ALL` (`en*` → English), else Vietnamese.
    public static func resolve(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Lang {
        if let explicit, let lang = Lang(rawValue: explicit.lowercased().prefix(2).description) { return lang }
        for key in ["HTX_LANG", "LC_ALL", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("en") ? .en : .vi
            }
        }
        return .vi
    }
}

/// A user-facing message carried in both languages, so that library code never decides the language.
public struct Message: Sendable, Equatable, CustomStringConvertible {
    /// The Vietnamese text.
    public var vi: String
    /// The English text.
    public var en: String

    public init(_ vi: String, _ en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in the given language.
    public func text(_ lang: Lang) -> String { lang == .vi ? vi : en }

    public var description: String { vi }
}

/// An error whose message exists in Vietnamese and English.
public protocol LocalizedMessageError: Error {
    /// The message to show the user.
    var message: Message { get }
}

/// A plain user error: something the user can fix, with a message saying what to do.
public struct UserError: LocalizedMessageError, Equatable {
    public var message: Message
    public init(_ message: Message) { self.message = message }
    public init(_ vi: String, _ en: String) { self.message = Message(vi, en) }
}
