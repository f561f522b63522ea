import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXShortlist

/// `htx shortlist set NAME ID --status …`: approve or reject a pick, with a note and an organisation.
struct ShortlistSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Đổi trạng thái một HTX trong danh sách (proposed, approved, rejected); ghi vào lịch sử.",
        discussion: """
            Ví dụ / Examples:
              htx shortlist set doan-tw-2021 12 --status approved --by "Sở KH&ĐT"
              htx shortlist set doan-tw-2021 0100233488 --status rejected --note "Trùng lịch thu hoạch" --by LMHTX
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var originOptions: OriginOptions

    @Argument(help: "Tên danh sách / shortlist name.") var name: String
    @Argument(help: "Mã nội bộ hoặc mã số thuế / id or tax code.") var id: String
    @Option(help: "proposed, approved, rejected.") var status: String
    @Option(help: "Ghi chú / note.") var note: String?

    func validate() throws {
        guard ShortlistRecord.Status(rawValue: status) != nil else {
            throw ValidationError("--status: proposed, approved hoặc rejected")
        }
    }

    func run() throws {
        guard let parsed = ShortlistRecord.Status(rawValue: status) else { throw ValidationError("--status") }
        let entry = try catalog.kit().setShortlistStatus(
            name, cooperative: id, status: parsed, note: note, origin: originOptions.origin("shortlist set"))
        catalog.console.note(
            Message(
                "\(name): #\(entry.id) \(entry.name) → \(entry.status.rawValue)",
                "\(name): #\(entry.id) \(entry.name) → \(entry.status.rawValue)"))
    }
}
