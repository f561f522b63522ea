import Foundation
import HTXCore
import HTXDocument
import HTXKit

extension DemoCommand {
    /// The demo's files, rendered as the commands render them: the list, a search, the data check, one record, the
    /// shortlist, the itinerary and the packet (PDF only when a font was found).
    static func files(_ demo: DemoResult, lang: Lang, fonts: PDFRenderer.Fonts?) throws -> [(name: String, data: Data)]
    {
        let rows = demo.list.map {
            [String($0.id), $0.name, $0.taxCode ?? "", $0.district ?? "", $0.sector ?? "", $0.grade ?? ""]
        }
        let headers = ["ID", "Tên", "Mã số thuế", "Quận/huyện", "Lĩnh vực", "Xếp loại"]
        var texts: [(String, String)] = [
            ("danh-sach.txt", Render.table(headers, rows)),
            ("danh-sach.csv", "\u{FEFF}" + Render.csv(headers, rows)),
            ("danh-sach.json", try Render.json(demo.list)),
            ("tim-kiem-dong-anh.json", try Render.json(demo.search)),
            (
                "kiem-tra.txt",
                Render.table(
                    ["ID", "Tên", "Mức", "Trường", "Vấn đề"],
                    zip(demo.check.issues, demo.check.findings).map {
                        [String($0.id), $0.name, $1.severity.label(lang), $0.field, $1.message.vi]
                    })
            ),
        ]
        if let first = demo.sample { texts.append(("ho-so-mau.txt", CooperativeSheet(coop: first, lang: lang).text)) }
        texts += [
            (
                "danh-sach-diem-hinh.txt",
                try ShortlistTable.render(demo.shortlist, format: .table, explain: true, lang: lang)
            ),
            ("danh-sach-diem-hinh.json", try Render.json(demo.shortlist)),
            (
                "lich-trinh.txt",
                try ProgrammeTable.render(
                    demo.plan.report, format: .table, lang: lang, startName: demo.plan.instance.start.name)
            ),
            ("lich-trinh.json", try Render.json(demo.plan.report)),
        ]
        let packet = demo.briefing.document
        texts.append(
            ("tai-lieu-doan.html", String(decoding: try Kit.render(packet, as: .html, fonts: nil), as: UTF8.self)))
        let markdown = try Kit.markdown(packet, imageStem: "tai-lieu-doan")
        texts.append(("tai-lieu-doan.md", String(decoding: markdown.text, as: UTF8.self)))
        var files = texts.map { (name: $0.0, data: Data(($0.1 + "\n").utf8)) }
        files += markdown.images
        files.append((name: "tai-lieu-doan.docx", data: try Kit.render(packet, as: .docx, fonts: fonts)))
        if let fonts { files.append((name: "tai-lieu-doan.pdf", data: try Kit.render(packet, as: .pdf, fonts: fonts))) }
        return files
    }
}
