import ArgumentParser
import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary

/// `htx brief ITINERARY --out FILE`: the briefing packet of a saved itinerary.
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract:
            "Xuất tài liệu cho Đoàn: chương trình làm việc, sơ đồ, bảng so sánh, thông tin từng HTX, danh sách liên hệ.",
        discussion: """
            Định dạng theo phần mở rộng: .pdf (A4, phông nhúng), .docx (sửa được trong Word/LibreOffice), \
            .html (một tệp, in được A4) hoặc .md. --letters DIR ghi thêm thư thông báo cho từng HTX (PDF, DOCX, HTML). \
            --public bỏ họ tên, số điện thoại, email cá nhân. Không ghi đè tệp hoặc thư mục thư đã có nếu không có --force; \
            các thư được ghi trọn bộ (vào thư mục tạm rồi mới chuyển vào DIR) hoặc không thư nào.

            Ví dụ / Examples:
              htx brief doan-tw --out Exports/tai-lieu-doan.pdf --letters Exports/thu-moi
              htx brief doan-tw --out Exports/tai-lieu-doan.docx
              htx brief doan-tw --out Exports/tai-lieu-doan.html
              htx brief doan-tw --out Exports/tai-lieu-doan.md --public
            """)

    @OptionGroup var catalog: CatalogOptions
    @Argument(help: "Tên lịch trình / itinerary name.") var itinerary: String
    @Option(help: "Tệp kết quả .pdf, .docx, .html hoặc .md / output file.") var out: String
    @Flag(name: .customLong("public"), help: "Bỏ liên hệ cá nhân / leave out personal contacts.") var publicOnly = false
    @Option(help: "Số lần sửa / revision number.") var revision = 1
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
            "Ghi đè tệp, thư mục thư đã có (không bao giờ ghi đè danh mục) / replace existing files (never the catalog)."
    )
    var force = false

    func run() throws {
        let target = OutputTarget(protecting: [catalog.path], overwrite: force)
        try target.checkFile(out)
        if let letters { try target.checkFolder(letters) }
        let store = try catalog.openForReading()
        let saved = try store.itinerary(itinerary)
        let removed = try BriefCommand.removedStops(store, saved: saved)
        if !removed.isEmpty {
            let names = removed.map { "#\($0.id) \($0.name)" }.joined(separator: ", ")
            catalog.console.note(
                Message(
                    "Cảnh báo: \(names) có trong lịch trình nhưng không còn trong danh mục: tài liệu chỉ ghi tên và giờ; "
                        + "lập lại lịch trình (htx itinerary plan … --replace) nếu không còn đến thăm",
                    "Warning: \(names) are in the itinerary but no longer in the catalog: the documents give only "
                        + "the name and time; plan the itinerary again (htx itinerary plan … --replace) if they are "
                        + "no longer visited"))
        }
        let data = try BriefCommand.packet(
            store, saved: saved, publicOnly: publicOnly, revision: revision, parentAgency: parentAgency,
            issuingAgency: issuingAgency)
        let renderer: DocumentRenderer
        switch (out as NSString).pathExtension.lowercased() {
        case "html", "htm": renderer = HTMLRenderer()
        case "md", "markdown": renderer = MarkdownRenderer()
        case "docx": renderer = DOCXRenderer()
        case "pdf":
            do { renderer = PDFRenderer(fonts: try font.map { try .family(regular: $0) } ?? .system()) } catch {
                throw UserError(
                    "không dùng được phông \(font ?? "Liberation Serif/DejaVu Serif"): \(error); cài bằng apt-get install fonts-liberation2 hoặc chỉ --font",
                    "cannot use the font \(font ?? "Liberation Serif/DejaVu Serif"): \(error); install fonts-liberation2 or give --font"
                )
            }
        default:
            throw UserError(
                "định dạng của \(out) không rõ; dùng .pdf, .docx, .html hoặc .md",
                "unknown format for \(out); use .pdf, .docx, .html or .md")
        }
        let bytes: [UInt8]
        do { bytes = try renderer.render(data) } catch {
            throw UserError("không tạo được \(out): \(error)", "cannot render \(out): \(error)")
        }
        try PrivateFile.write(Data(bytes), to: out)
        catalog.console.note(
            Message(
                "Đã ghi \(out)\(publicOnly ? " (bản công khai)" : "")",
                "Wrote \(out)\(publicOnly ? " (public copy)" : "")"))
        if let letters {
            let written = try BriefCommand.writeLetters(store, saved: saved, to: letters)
            catalog.console.note(
                Message(
                    "Đã ghi \(written) thư thông báo (PDF, DOCX, HTML) vào \(letters)/",
                    "Wrote \(written) letters (PDF, DOCX, HTML) to \(letters)/"))
        }
    }

    /// The stops of a saved itinerary whose cooperative is no longer in the catalog.
    static func removedStops(_ store: Catalog, saved: SavedItinerary) throws -> [ItineraryReport.Stop] {
        let report = try JSONDecoder().decode(ItineraryReport.self, from: Data(saved.reportJSON.utf8))
        return try report.days.flatMap(\.stops).filter { stop in
            do {
                _ = try store.cooperative(stop.id)
                return false
            } catch CatalogError.notFound {
                return true
            }
        }
    }

    /// Writes one notice per visited cooperative as DOCX, HTML and (when a serif font is installed) PDF into
    /// `directory`, all of them or none: they are written into a staging folder moved into place at the end.
    /// Returns how many letters.
    static func writeLetters(_ store: Catalog, saved: SavedItinerary, to directory: String) throws -> Int {
        let report = try JSONDecoder().decode(ItineraryReport.self, from: Data(saved.reportJSON.utf8))
        var cooperatives: [String: Cooperative] = [:]
        for day in report.days { for stop in day.stops { cooperatives[stop.id] = try? store.cooperative(stop.id) } }
        let settings = BriefingSettings(date: saved.parameters["date"] ?? report.days.first?.date ?? "")
        let letters = LetterBuilder(
            settings: settings, report: report, cooperatives: cooperatives, districts: try store.districts().districts
        ).letters()
        let fonts = try? PDFRenderer.Fonts.system()
        let folder = try StagedFolder(destination: directory)
        for (index, letter) in letters.enumerated() {
            let base = String(format: "%02d-", index + 1) + VietnameseText.fileName(letter.name)
            try folder.write(Data(try DOCXRenderer().render(letter.document)), name: base + ".docx")
            try folder.write(Data(try HTMLRenderer().render(letter.document)), name: base + ".html")
            if let fonts {
                try folder.write(Data(try PDFRenderer(fonts: fonts).render(letter.document)), name: base + ".pdf")
            }
        }
        try folder.commit()
        return letters.count
    }

    /// The packet document of a saved itinerary, with the catalog's records and the shortlist's reasons.
    static func packet(
        _ store: Catalog, saved: SavedItinerary, publicOnly: Bool, revision: Int = 1, parentAgency: String? = nil,
        issuingAgency: String? = nil
    ) throws -> Document {
        let instance = try ItineraryInstance.parse(json: Data(saved.instanceJSON.utf8), file: saved.name)
        let report = try JSONDecoder().decode(ItineraryReport.self, from: Data(saved.reportJSON.utf8))
        var cooperatives: [String: Cooperative] = [:]
        for day in report.days { for stop in day.stops { cooperatives[stop.id] = try? store.cooperative(stop.id) } }
        var reasons: [String: [String]] = [:]
        if let name = saved.parameters["shortlist"], let record = try? store.shortlist(name) {
            for entry in record.entries {
                reasons[String(entry.id)] = entry.reasons.filter { !$0.hasPrefix("thiếu dữ liệu") }
            }
        }
        var settings = BriefingSettings(date: saved.parameters["date"] ?? report.days.first?.date ?? "")
        settings.publicOnly = publicOnly
        settings.revision = revision
        if let parentAgency { settings.parentAgency = VietnameseText.clean(parentAgency).uppercased() }
        if let issuingAgency { settings.issuingAgency = VietnameseText.clean(issuingAgency).uppercased() }
        return BriefingBuilder(
            settings: settings, report: report, instance: instance, cooperatives: cooperatives, reasons: reasons,
            districts: try store.districts().districts
        ).packet()
    }
}
