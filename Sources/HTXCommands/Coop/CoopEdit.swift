import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx coop edit ID --set FIELD=VALUE…`: changes fields; each change goes to history.
struct CoopEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Sửa các trường của một HTX; mỗi thay đổi được ghi vào lịch sử.",
        discussion: """
            FIELD là khoá JSON của `coop show`: \(CooperativeField.editableKeys.joined(separator: ", ")). \
            Giá trị rỗng xoá trường. Cả lệnh hợp lệ thì mới ghi.

            Ví dụ / Examples:
              htx coop edit 12 --set members=1250 --set "district=Thường Tín" --by LMHTX
              htx coop edit 0100233488 --set 'receptionHours=08:00-11:00; 14:00-16:30'
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var originOptions: OriginOptions

    @Argument(help: "Mã nội bộ hoặc mã số thuế / internal id or tax code.") var id: String
    @Option(name: .customLong("set"), help: ArgumentHelp("Trường cần sửa / field to change.", valueName: "FIELD=VALUE"))
    var assignments: [FieldAssignment] = []

    func validate() throws {
        guard !assignments.isEmpty else {
            throw ValidationError("cần ít nhất một --set FIELD=VALUE / at least one --set FIELD=VALUE is needed")
        }
    }

    func run() throws {
        let console = catalog.console
        let result = try catalog.kit().editCooperative(
            id, fields: assignments.map { FieldValue($0.field, $0.value) }, origin: originOptions.origin("coop edit"))
        console.warn(result.warnings)
        let number = result.cooperative.id.map(String.init) ?? id
        if result.changes.isEmpty {
            console.note(Message("#\(number) không có gì thay đổi", "#\(number): nothing changed"))
        }
        for change in result.changes {
            // At most 80 characters of each value, with its length: a page of achievements is not echoed whole.
            let old = change.old.map { ImportProblem.excerpt($0) } ?? "∅"
            let text = "#\(number) \(change.field): \(old) → \(change.new.map { ImportProblem.excerpt($0) } ?? "∅")"
            console.note(Message(text, text))
        }
    }
}
