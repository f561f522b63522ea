import ArgumentParser
import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary
import HTXKit

/// `htx brief ITINERARY --out FILE`: the briefing packet of a saved itinerary.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract:
            "Xuất tài liệu cho Đoàn: chương trình làm việc, sơ đồ, bảng so sánh, thông tin từng HTX, "
            + "danh sách liên hệ.",
        discussion: """
            Định dạng theo phần mở rộng: .pdf (A4, phông nhúng), .docx (sửa được trong Word/LibreOffice), \
            .html (một tệp, in được A4) hoặc .md. --letters DIR ghi thêm thư thông báo cho từng HTX (PDF, DOCX, HTML). \
            --visit FILE (YAML hoặc JSON) cho ngày ban hành, số, người ký, đầu mối liên hệ, thành phần Đoàn, nơi nghỉ \
            trưa, xe, người đón tiếp ở từng HTX; htx lưu cùng lịch trình cho các lần sau. Thiếu thông tin nào thì văn \
            bản để trống (dòng chấm) chỗ đó để điền tay. \
            --public bỏ họ tên, số điện thoại, email cá nhân. Không ghi đè tệp hoặc thư mục thư đã có nếu không có \
            --force; \
            các thư được ghi trọn bộ (vào thư mục tạm rồi mới chuyển vào DIR) hoặc không thư nào.

            Ví dụ / Examples:
              htx brief doan-tw --visit chuyen-di.yaml --out Exports/tai-lieu-doan.pdf --letters Exports/thu-moi
              htx brief doan-tw --out Exports/tai-lieu-doan.docx
              htx brief doan-tw --out Exports/tai-lieu-doan.html
              htx brief doan-tw --out Exports/tai-lieu-doan.md --public
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var itinerary: String
    @Option(help: "Tệp kết quả .pdf, .docx, .html hoặc .md / output file.") var out: String
    @Flag(name: .customLong("public"), help: "Bỏ liên hệ cá nhân / leave out personal contacts.") var publicOnly = false
    @Option(help: "Số lần sửa / revision number.") var revision = 1
    @Option(
        help: ArgumentHelp(
            "Thông tin chuyến đi (YAML/JSON), lưu cùng lịch trình / the visit's people, dates and signatures.",
            valueName: "FILE"))
    var visit: String?
    @Option(name: .customLong("parent-agency"), help: "Cơ quan chủ quản / parent agency.") var parentAgency: String?
    @Option(name: .customLong("issuing-agency"), help: "Cơ quan ban hành / issuing agency.") var issuingAgency: String?
    @Option(
        help: ArgumentHelp(
            "Phông TrueType (mặt thường; các mặt đậm/nghiêng cùng họ được tìm bên cạnh) / regular TrueType face.",
            valueName: "FILE.ttf"))
    var font: String?
    @Option(
        help: ArgumentHelp(
            "Ghi thêm thư thông báo cho từng HTX (PDF, DOCX, HTML) vào thư mục / also write one letter per host.",
            valueName: "DIR"))
    var letters: String?
    @Flag(
        help:
            ArgumentHelp(
                "Ghi đè tệp, thư mục thư đã có (không bao giờ ghi đè danh mục) / replace existing files (never the "
                    + "catalog).")
    )
    var force = false

    func validate() throws {
        guard (1...999).contains(revision) else {
            throw ValidationError("--revision: từ 1 đến 999 (đã cho \(revision)) / use 1 to 999")
        }
    }

    func run() throws {
        let target = OutputTarget(protecting: [catalog.path], overwrite: force)
        try target.checkFile(out)
        if let letters { try target.checkFolder(letters) }
        guard let format = DocumentFormat(fileName: out) else {
            throw KitError.unknownFormat(
                extension: PathName.fileExtension(out), allowed: ["pdf", "docx", "html", "md"])
        }
        let fonts = try BriefCommand.fonts(font, needed: format == .pdf)
        let kit = visit == nil ? try catalog.readingKit() : try catalog.kit()
        if let visit {
            let bytes = try InputFile.read(visit, limit: InputFile.settingsBytes) { size in
                UserError(
                    "\(visit): tệp quá lớn (\(size.formattedBytes)); tệp thông tin chuyến đi đến "
                        + InputFile.settingsBytes.formattedBytes,
                    "\(visit): the file is too large (\(size.formattedBytes)); a visit file goes up to "
                        + InputFile.settingsBytes.formattedBytes)
            }
            let changes = try kit.mergeVisit(itinerary, file: bytes, name: visit)
            let lines = changes.map { change in
                let old = ImportProblem.excerpt(change.old ?? "—", limit: 60)
                return "  \(change.path): \(old) → \(ImportProblem.excerpt(change.new ?? "—", limit: 60))"
            }
            catalog.console.note(
                changes.isEmpty
                    ? Message(
                        "Thông tin chuyến đi trong \(visit) trùng với thông tin đã lưu của lịch trình \(itinerary)",
                        "The visit details in \(visit) are those already stored with itinerary \(itinerary)")
                    : Message(
                        "Đã cập nhật thông tin chuyến đi của lịch trình \(itinerary) từ \(visit) (các mục tệp không "
                            + "ghi giữ nguyên):\n" + lines.joined(separator: "\n"),
                        "Updated the visit details of itinerary \(itinerary) from \(visit) (what the file leaves out "
                            + "is kept):\n" + lines.joined(separator: "\n")))
        }
        var request = BriefRequest(itinerary: itinerary)
        request.publicOnly = publicOnly
        request.revision = revision
        request.parentAgency = parentAgency
        request.issuingAgency = issuingAgency
        request.created = kit.documentTime()
        // The map's boundaries come from the seeds; without them it still names the districts at their centres.
        if let seeds = try? SeedDirectory.locate(), let boundaries = try? seeds.districtBoundaries() {
            request.boundaries = boundaries
            request.boundariesAttribution = SeedDirectory.boundariesAttribution
        }
        let briefing = try kit.briefing(request)
        if !briefing.removedStops.isEmpty {
            let names = briefing.removedStops.map { "#\($0.id) \($0.name)" }.joined(separator: ", ")
            catalog.console.note(
                Message(
                    "Cảnh báo: \(names) có trong lịch trình nhưng không còn trong danh mục: tài liệu chỉ ghi tên và "
                        + "giờ; "
                        + "lập lại lịch trình (htx itinerary plan … --replace) nếu không còn đến thăm",
                    "Warning: \(names) are in the itinerary but no longer in the catalog: the documents give only the "
                        + "name "
                        + "and time; plan the itinerary again (htx itinerary plan … --replace) if they are no longer "
                        + "visited"
                ))
        }
        var packet: Data
        var images: [(path: String, data: Data)] = []
        if format == .md {
            // The drawings go beside the Markdown as SVG files it links to, refused like the packet when they exist.
            let stem = PathName.stem(out)
            let folder = PathName.folder(out)
            let markdown = try Kit.markdown(briefing.document, imageStem: stem)
            packet = markdown.text
            images = markdown.images.map { (PathName.join(folder, $0.name), $0.data) }
            for image in images { try target.checkFile(image.path) }
        } else {
            packet = try Kit.render(briefing.document, as: format, fonts: fonts)
        }
        // The letters are made and checked against their folder before anything is written, so that a refusal
        // (a letter's name taken by the catalog, say) leaves every file as it was.
        let staged = try letters.map { folder in
            (
                folder,
                try BriefCommand.stageLetters(
                    kit.letters(itinerary, fonts: fonts, created: request.created), in: folder)
            )
        }
        try staged?.1.folder.check(target)
        for image in images { try PrivateFile.write(image.data, to: image.path) }
        try PrivateFile.write(packet, to: out)
        catalog.console.note(
            Message(
                "Đã ghi \(out)\(publicOnly ? " (bản công khai)" : "")"
                    + (images.isEmpty ? "" : " và \(images.count) hình SVG bên cạnh"),
                "Wrote \(out)\(publicOnly ? " (public copy)" : "")"
                    + (images.isEmpty ? "" : " and \(images.count) SVG images beside it")))
        if let (folder, letters) = staged {
            try letters.folder.commit(target)
            catalog.console.note(
                Message(
                    "Đã ghi \(letters.count) thư thông báo (PDF, DOCX, HTML) vào \(folder)/",
                    "Wrote \(letters.count) letters (PDF, DOCX, HTML) to \(folder)/"))
        }
    }

    /// The PDF fonts: the family of `--font`, else the system's serif; an error only when a PDF needs them.
    static func fonts(_ font: String?, needed: Bool) throws -> PDFRenderer.Fonts? {
        if let font {
            do {
                return try PDFRenderer.Fonts.family(regular: font)
            } catch {
                throw UserError(
                    "không dùng được phông \(font): \(error); chỉ một tệp .ttf khác bằng --font",
                    "cannot use the font \(font): \(error); give another .ttf file with --font")
            }
        }
        if let system = FontLocator.serif() { return system }
        guard !needed else { throw KitError.noFont }
        return nil
    }

    /// Writes the letters into a staging folder for `directory`, to be checked and moved into place whole (or
    /// not at all); gives the folder and how many letters it holds.
    static func stageLetters(
        _ letters: [LetterFiles], in directory: String
    ) throws -> (folder: StagedFolder, count: Int) {
        let folder = try StagedFolder(destination: directory)
        for letter in letters {
            for (format, data) in letter.files { try folder.write(data, name: letter.stem + "." + format.rawValue) }
        }
        return (folder, letters.count)
    }
}
