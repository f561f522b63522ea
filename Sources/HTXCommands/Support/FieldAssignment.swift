import ArgumentParser
import HTXCore

/// A `FIELD=VALUE` argument of `--set`.
struct FieldAssignment: ExpressibleByArgument {
    var field: String
    var value: String

    init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        field = String(argument[..<equals]).trimmingCharacters(in: .whitespaces)
        value = String(argument[argument.index(after: equals)...])
        guard !field.isEmpty else { return nil }
    }

    init(_ field: String, _ value: String) {
        self.field = field
        self.value = value
    }

    static var defaultCompletionKind: CompletionKind { .list(CooperativeField.editableKeys.map { $0 + "=" }) }
}
