import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXShortlist

/// `htx shortlist …`: choose the model cooperatives, explain why, and move them through the proposal workflow.
struct ShortlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist",
        abstract: "Lựa chọn HTX điển hình theo tiêu chí có trọng số, có giải thích; đề xuất → duyệt/loại.",
        discussion: """
            Ví dụ / Examples:
              htx shortlist build doan-tw-2021 --size 8 --max-per-district 2
              htx shortlist show doan-tw-2021 --explain
              htx shortlist set doan-tw-2021 12 --status approved --by "Sở KH&ĐT"
            """,
        subcommands: [
            ShortlistBuildCommand.self, ShortlistShowCommand.self, ShortlistListCommand.self, ShortlistSetCommand.self,
        ])
}

/// A comma-separated list of ids (`--exclude 3,7,12`).
struct IDList: ExpressibleByArgument {
    var ids: [String]
    init?(argument: String) {
        ids = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { return nil }
    }
}

/// `htx shortlist build NAME`: scores every cooperative and chooses the best set under the quotas.
struct ShortlistBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Chấm điểm và chọn đúng --size HTX có tổng điểm cao nhất thoả các hạn mức (lời giải chính xác).",
        discussion: """
            Hồ sơ tiêu chí mặc định: Seeds/shortlist-profile.yaml (có chú thích từng tiêu chí). \
            Hạn mức tính theo lĩnh vực chính (đầu tiên) và quận/huyện 2021 của mỗi HTX.

            Ví dụ / Examples:
              htx shortlist build doan-tw-2021 --size 8 --max-per-district 2
              htx shortlist build thu --profile tieu-chi.yaml --min-per-sector 1 --exclude 4,9 --include 12 --replace
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var originOptions: OriginOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Tên danh sách / shortlist name.") var name: String
    @Option(help: ArgumentHelp("Hồ sơ tiêu chí YAML / criteria profile.", valueName: "FILE")) var profile: String?
    @Option(help: "Số HTX cần chọn / how many to choose.") var size = 8
    @Option(name: .customLong("min-per-sector"), help: "Tối thiểu mỗi lĩnh vực / minimum per sector.")
    var minPerSector = 0
    @Option(name: .customLong("max-per-district"), help: "Tối đa mỗi quận/huyện / maximum per district.")
    var maxPerDistrict: Int?
    @Option(help: "Loại trừ (mã, cách nhau dấu phẩy) / exclude ids.") var exclude: IDList?
    @Option(help: "Bắt buộc chọn / must include ids.") var include: IDList?
    @Flag(help: "Lập lại danh sách đã có / rebuild an existing shortlist.") var replace = false

    func validate() throws {
        guard size > 0 else { throw ValidationError("--size phải lớn hơn 0 / must be positive") }
        guard minPerSector >= 0, (maxPerDistrict ?? 1) > 0 else {
            throw ValidationError("hạn mức phải dương / quotas must be positive")
        }
    }

    func run() throws {
        let store = try catalog.open()
        let (text, path): (String, String) =
            try profile.map { (try InputFile.text($0), $0) } ?? SeedDirectory.locate().defaultProfile()
        let criteria = try CriteriaProfile.parse(yaml: text, file: (path as NSString).lastPathComponent)
        func ids(_ list: IDList?) throws -> Set<Int64> {
            Set(try (list?.ids ?? []).map { try store.cooperative($0).id! })
        }
        let options = ShortlistBuilder.Options(
            size: size, minPerSector: minPerSector, maxPerDistrict: maxPerDistrict,
            exclude: try ids(exclude), include: try ids(include))
        let record = try ShortlistBuilder(profile: criteria, options: options)
            .build(
                name: VietnameseText.clean(name), coops: store.allCooperatives(), builtAt: Date().formatted(.iso8601))
        try store.saveShortlist(record, replace: replace, origin: originOptions.origin("shortlist build"))
        catalog.console.note(
            Message(
                "Đã lập danh sách \"\(record.name)\": \(record.entries.count) HTX, hồ sơ \(record.profile), số liệu đến năm \(record.dataYear)",
                "Built shortlist \"\(record.name)\": \(record.entries.count) cooperatives, profile \(record.profile), data up to \(record.dataYear)"
            ))
        try catalog.console.out(
            try ShortlistShowCommand.render(record, format: output.resolved, explain: false, lang: catalog.console.lang)
        )
    }
}

/// `htx shortlist show NAME`: the picks, and with `--explain` why each was picked and who was not.
struct ShortlistShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Xem danh sách đã lập; --explain cho lý do, điểm từng tiêu chí và các HTX suýt được chọn.",
        discussion: """
            Ví dụ / Examples:
              htx shortlist show doan-tw-2021 --explain
              htx shortlist show doan-tw-2021 --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Tên danh sách / shortlist name.") var name: String
    @Flag(help: "Giải thích lựa chọn / explain the choice.") var explain = false

    func run() throws {
        try catalog.console.out(
            try ShortlistShowCommand.render(
                try catalog.openForReading().shortlist(name), format: output.resolved, explain: explain,
                lang: catalog.console.lang))
    }

    /// The shortlist as a table (with reasons and near-misses when explaining), CSV, or the JSON of SPEC §4.
    static func render(_ record: ShortlistRecord, format: OutputFormat, explain: Bool, lang: Lang) throws -> String {
        let vi = lang == .vi
        let statusLabel: [ShortlistRecord.Status: String] =
            vi
            ? [.proposed: "đề xuất", .approved: "đã duyệt", .rejected: "không duyệt"]
            : [.proposed: "proposed", .approved: "approved", .rejected: "rejected"]
        let headers =
            vi
            ? ["Hạng", "ID", "Tên", "Quận/huyện", "Lĩnh vực", "Điểm", "Trạng thái"]
            : ["Rank", "ID", "Name", "District", "Sector", "Score", "Status"]
        let rows = record.entries.map {
            [
                String($0.rank), String($0.id), $0.name, $0.district ?? "", $0.sector ?? "",
                VietnameseNumber.format($0.score, decimals: 1), statusLabel[$0.status]!,
            ]
        }
        switch format {
        case .json: return try Render.json(record)
        case .csv:
            return Render.csv(
                headers + [vi ? "Lý do" : "Reasons"],
                zip(rows, record.entries).map { $0 + [$1.reasons.joined(separator: "; ")] })
        case .table:
            var text = Render.table(headers, rows)
            guard explain else { return text }
            for entry in record.entries {
                text +=
                    "\n\n\(entry.rank). \(entry.name) — \(VietnameseNumber.format(entry.score, decimals: 1)) "
                    + (vi ? "điểm" : "points")
                for reason in entry.reasons { text += "\n   • " + reason }
                let parts = entry.criteria.pairs.filter { $0.points > 0 }.map {
                    "\(Criterion(rawValue: $0.key)?.label.text(lang) ?? $0.key) \(VietnameseNumber.format($0.points, decimals: 1))"
                }
                text +=
                    "\n   " + (vi ? "Điểm theo tiêu chí: " : "Points by criterion: ") + parts.joined(separator: ", ")
                if let note = entry.note {
                    text += "\n   " + (vi ? "Ghi chú" : "Note") + " (\(entry.by ?? "?")): \(note)"
                }
            }
            if !record.notSelected.isEmpty {
                text += "\n\n" + (vi ? "Không được chọn:" : "Not selected:")
                for miss in record.notSelected {
                    text +=
                        "\n   • #\(miss.id) \(miss.name)"
                        + (miss.score.map { " (\(VietnameseNumber.format($0, decimals: 1)))" } ?? "")
                        + ": \(miss.reason)"
                }
            }
            return text
        }
    }
}

/// `htx shortlist list`: the saved shortlists.
struct ShortlistListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Các danh sách đã lập.",
        discussion: """
            Ví dụ / Examples:
              htx shortlist list
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let lists = try catalog.openForReading().shortlists()
        let vi = catalog.console.lang == .vi
        let headers =
            vi
            ? ["Tên", "Hồ sơ tiêu chí", "Lập lúc", "Số HTX", "Đã duyệt", "Không duyệt"]
            : ["Name", "Profile", "Built", "Size", "Approved", "Rejected"]
        try catalog.console.out(
            try Render.listing(
                output.resolved, json: lists, headers: headers,
                rows: lists.map {
                    [$0.name, $0.profile, $0.builtAt, String($0.size), String($0.approved), String($0.rejected)]
                }))
    }
}

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
        let entry = try catalog.open().setShortlistStatus(
            name, ref: id, status: ShortlistRecord.Status(rawValue: status)!, note: note,
            origin: originOptions.origin("shortlist set"))
        catalog.console.note(
            Message(
                "\(name): #\(entry.id) \(entry.name) → \(entry.status.rawValue)",
                "\(name): #\(entry.id) \(entry.name) → \(entry.status.rawValue)"))
    }
}
