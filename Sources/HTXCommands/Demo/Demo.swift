import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary
import HTXKit
import HTXShortlist

/// `htx demo [--out DIR]`: builds a fresh sample catalog and writes what the tool makes of it into DIR.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Tạo danh mục mẫu mới trong DIR và ghi các kết quả mẫu (danh sách, tìm kiếm, kiểm tra).",
        discussion: """
            Không cần danh mục có sẵn: tạo DIR/htx.sqlite từ Seeds/ (dữ liệu minh hoạ). Chạy lại thì chỉ thay các tệp \
            mà lần chạy trước của demo đã tạo và chưa ai sửa; gặp tệp khác cùng tên (một danh mục thật chẳng hạn) \
            thì dừng, không ghi gì. Các tệp được ghi vào thư mục tạm rồi mới chuyển vào DIR.

            Ví dụ / Examples:
              htx demo
              htx demo --out /tmp/htx-demo
            """)

    @Option(help: "Thư mục kết quả / output folder.") var out: String = "Exports/demo"
    @Option(name: .long, help: ArgumentHelp("Ngôn ngữ thông báo / message language: vi, en.", valueName: "LANG"))
    var lang: String?

    /// The files and folders the demo makes in DIR.
    static let outputs = [
        "htx.sqlite", "danh-sach.txt", "danh-sach.csv", "danh-sach.json", "tim-kiem-dong-anh.json", "kiem-tra.txt",
        "ho-so-mau.txt", "danh-sach-diem-hinh.txt", "danh-sach-diem-hinh.json", "lich-trinh.txt", "lich-trinh.json",
        "tai-lieu-doan.html", "tai-lieu-doan.md", "tai-lieu-doan.docx", "tai-lieu-doan.pdf", "thu-moi",
    ]

    /// The demo's outputs already in `folder` that an earlier demo did not make, or that were changed since.
    static func conflicts(in folder: String) -> [String] {
        let fm = FileManager.default
        let manifest = OutputManifest.load(in: folder)
        var found: [String] = []
        for name in outputs + ["htx.sqlite-wal", "htx.sqlite-shm", "htx.sqlite-journal"] {
            let path = (folder as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                let inside = (try? fm.contentsOfDirectory(atPath: path)) ?? ["?"]
                if !inside.allSatisfy({ manifest?.madeUnchanged(name + "/" + $0, in: folder) == true }) {
                    found.append(name + "/")
                }
            } else if manifest?.madeUnchanged(name, in: folder) != true {
                found.append(name)
            }
        }
        return found
    }

    func run() throws {
        let console = Console(lang: Lang.resolve(explicit: lang))
        let fm = FileManager.default
        let conflicts = DemoCommand.conflicts(in: out)
        guard conflicts.isEmpty else {
            throw UserError(
                "\(out) đã có \(conflicts.joined(separator: ", ")) không do htx demo tạo (hoặc đã bị sửa sau đó); "
                    + "demo không ghi "
                    + "đè, không ghi gì. Chọn thư mục khác: htx demo --out Exports/demo-moi",
                "\(out) already holds \(conflicts.joined(separator: ", ")), not made by htx demo (or changed since); "
                    + "the demo writes over none of it and wrote nothing. Choose another folder: htx demo --out "
                    + "Exports/demo-new"
            )
        }
        let seeds = try SeedDirectory.locate()
        let staged = try StagedFolder(destination: out)
        func inStaging(_ name: String) -> String { (staged.staging as NSString).appendingPathComponent(name) }
        let demo = try Kit.demo(catalogPath: inStaging("htx.sqlite"), seeds: seeds, lang: console.lang)
        staged.adopt("htx.sqlite")
        let rows = demo.list.map {
            [String($0.id), $0.name, $0.taxCode ?? "", $0.district ?? "", $0.sector ?? "", $0.grade ?? ""]
        }
        let headers = ["ID", "Tên", "Mã số thuế", "Quận/huyện", "Lĩnh vực", "Xếp loại"]
        var files: [(String, String)] = [
            ("danh-sach.txt", Render.table(headers, rows)),
            ("danh-sach.csv", "\u{FEFF}" + Render.csv(headers, rows)),
            ("danh-sach.json", try Render.json(demo.list)),
            ("tim-kiem-dong-anh.json", try Render.json(demo.search)),
        ]
        files.append(
            (
                "kiem-tra.txt",
                Render.table(
                    ["ID", "Tên", "Mức", "Trường", "Vấn đề"],
                    zip(demo.check.issues, demo.check.findings).map {
                        [String($0.id), $0.name, $1.severity.label(console.lang), $0.field, $1.message.vi]
                    })
            ))
        if let first = demo.sample {
            files.append(("ho-so-mau.txt", CooperativeSheet(coop: first, lang: console.lang).text))
        }
        files.append(
            (
                "danh-sach-diem-hinh.txt",
                try ShortlistTable.render(demo.shortlist, format: .table, explain: true, lang: console.lang)
            ))
        files.append(("danh-sach-diem-hinh.json", try Render.json(demo.shortlist)))
        files.append(
            (
                "lich-trinh.txt",
                try ProgrammeTable.render(
                    demo.plan.report, format: .table, lang: console.lang, startName: demo.plan.instance.start.name)
            ))
        files.append(("lich-trinh.json", try Render.json(demo.plan.report)))
        let packet = demo.briefing.document
        files.append(
            ("tai-lieu-doan.html", String(decoding: try Kit.render(packet, as: .html, fonts: nil), as: UTF8.self)))
        files.append(("tai-lieu-doan.md", String(decoding: try Kit.render(packet, as: .md, fonts: nil), as: UTF8.self)))
        try staged.write(try Kit.render(packet, as: .docx, fonts: nil), name: "tai-lieu-doan.docx")
        var extra = ["tai-lieu-doan.docx"]
        let fonts = FontLocator.serif()
        if let fonts {
            try staged.write(try Kit.render(packet, as: .pdf, fonts: fonts), name: "tai-lieu-doan.pdf")
            extra.append("tai-lieu-doan.pdf")
        }
        for (name, text) in files {
            try staged.write(Data((text + "\n").utf8), name: name)
        }
        let letterFolder = try BriefCommand.stageLetters(
            demo.kit.letters(Kit.demoName, fonts: fonts, created: demo.briefing.document.info.created),
            in: inStaging("thu-moi"))
        try letterFolder.folder.commit(OutputTarget(protecting: [], overwrite: false))
        let letters = letterFolder.count
        staged.adopt("thu-moi")
        try demo.kit.catalog.close()
        let added = demo.added
        let letterNames = ((try? fm.contentsOfDirectory(atPath: inStaging("thu-moi"))) ?? []).map { "thu-moi/" + $0 }
        // The previous demo's letters (checked unchanged above) make way for the new ones.
        let oldLetters = (out as NSString).appendingPathComponent("thu-moi")
        if fm.fileExists(atPath: oldLetters) { try fm.removeItem(atPath: oldLetters) }
        try staged.commit(OutputTarget(protecting: [], overwrite: true))
        let made = staged.names.filter { $0 != "thu-moi" } + letterNames
        try OutputManifest(madeBy: "htx demo", names: made, in: out).save(in: out)
        let path = (out as NSString).appendingPathComponent("htx.sqlite")
        let written = files.map(\.0) + extra + ["thu-moi/ (\(letters) thư)"]
        console.note(
            Message(
                "Đã tạo \(path) với \(added) HTX mẫu (minh hoạ) và ghi \(written.joined(separator: ", ")) vào \(out)/",
                "Created \(path) with \(added) illustrative cooperatives and wrote \(written.joined(separator: ", ")) "
                    + "to \(out)/"
            ))
    }
}
