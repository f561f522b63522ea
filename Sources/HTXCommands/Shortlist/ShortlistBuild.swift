import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXKit
import HTXShortlist

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
    @Flag(
        help: """
            Lập lại danh sách đã có: giữ quyết định của HTX vẫn được chọn, HTX đã bị loại vẫn ngoài danh sách \
            (trừ khi --include) / rebuild an existing shortlist, keeping the decisions of picks still chosen.
            """)
    var replace = false
    @Flag(
        name: .customLong("drop-approved"),
        help: "Khi lập lại: cho phép bỏ HTX đã được duyệt / on rebuilding, allow approved picks to drop out.")
    var dropApproved = false

    func validate() throws {
        guard size > 0 else { throw ValidationError("--size phải lớn hơn 0 / must be positive") }
        guard minPerSector >= 0, (maxPerDistrict ?? 1) > 0 else {
            throw ValidationError("hạn mức phải dương / quotas must be positive")
        }
        guard minPerSector <= size else {
            throw ValidationError(
                "--min-per-sector (\(minPerSector)) không lớn hơn --size (\(size)) / cannot exceed --size")
        }
    }

    func run() throws {
        var request = ShortlistRequest(name: name, origin: originOptions.origin("shortlist build"))
        if let profile { request.profile = (PathName.name(profile), try InputFile.text(profile)) }
        request.size = size
        request.minPerSector = minPerSector
        request.maxPerDistrict = maxPerDistrict
        request.exclude = exclude?.ids ?? []
        request.include = include?.ids ?? []
        request.replace = replace
        request.dropApproved = dropApproved
        let record = try catalog.kit().buildShortlist(request)
        catalog.console.note(
            Message(
                "Đã lập danh sách \"\(record.name)\": \(record.entries.count) HTX, hồ sơ \(record.profile), số liệu "
                    + "đến năm \(record.dataYear)",
                "Built shortlist \"\(record.name)\": \(record.entries.count) cooperatives, profile \(record.profile), "
                    + "data up to "
                    + "\(record.dataYear)"))
        try catalog.console.out(
            try ShortlistTable.render(record, format: output.resolved, explain: false, lang: catalog.console.lang))
    }
}
