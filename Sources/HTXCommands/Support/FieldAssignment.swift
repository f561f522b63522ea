import ArgumentParser
import HTXCore

/// A `FIELD=VALUE` argument of `--set`.
struct FieldAssignment: ExpressibleByArgument {
    var field: String
    var value: String

    init?(argument: String) {
        // By scalar: a combining mark after "=" (U+034F, say) makes one character of the two, which `firstIndex(of:)`
        // on characters would not find.
        let scalars = argument.unicodeScalars
        guard let equals = scalars.firstIndex(of: "=") else { return nil }
        field = String(scalars[..<equals]).trimmingCharacters(in: .whitespaces)
        value = String(scalars[scalars.index(after: equals)...])
        guard !field.isEmpty else { return nil }
    }

    init(_ field: String, _ value: String) {
        self.field = field
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .list(CooperativeField.editableKeys.map { $0 + "=" }) }
}
