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
            let path = PathName.join(folder, name)
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
        let conflicts = DemoCommand.conflicts(in: out)
        guard conflicts.isEmpty else { throw DemoCommand.refusal(out, conflicts) }
        let staged = try StagedFolder(destination: out)
        // With SOURCE_DATE_EPOCH every file the demo writes is stamped with it, its listings as its documents.
        let fixed = try Kit.sourceDateEpoch(ProcessInfo.processInfo.environment)
        let demo = try Kit.demo(
            catalogPath: staged.path("htx.sqlite"), seeds: try SeedDirectory.locate(), lang: console.lang,
            clock: { fixed ?? Date() })
        staged.adopt("htx.sqlite")
        let fonts = FontLocator.serif()
        let files = try DemoCommand.files(demo, lang: console.lang, fonts: fonts)
        for (name, data) in files { try staged.write(data, name: name) }
        let letters = try BriefCommand.stageLetters(
            demo.kit.letters(Kit.demoName, fonts: fonts, created: demo.briefing.document.info.created),
            in: staged.path("thu-moi"))
        try letters.folder.commit(OutputTarget(protecting: [], overwrite: false))
        staged.adopt("thu-moi")
        try demo.kit.catalog.close()
        try DemoCommand.publish(staged, in: out)
        let path = PathName.join(out, "htx.sqlite")
        let written = files.map(\.name).joined(separator: ", ") + ", thu-moi/ (\(letters.count) thư)"
        console.note(
            Message(
                "Đã tạo \(path) với \(demo.added) HTX mẫu (minh hoạ) và ghi \(written) vào \(out)/; mở trong trình "
                    + "duyệt: htx serve --db \(path)",
                "Created \(path) with \(demo.added) illustrative cooperatives and wrote \(written) to \(out)/; open "
                    + "it in a browser: htx serve --db \(path)"))
    }

    /// Moves the staged outputs into `out`, over the previous demo's own (checked unchanged), and lists them in the
    /// folder's manifest so that the next demo may replace them too.
    static func publish(_ staged: StagedFolder, in out: String) throws {
        let fm = FileManager.default
        let letterNames = ((try? fm.contentsOfDirectory(atPath: staged.path("thu-moi"))) ?? []).map { "thu-moi/" + $0 }
        let oldLetters = PathName.join(out, "thu-moi")
        if fm.fileExists(atPath: oldLetters) { try fm.removeItem(atPath: oldLetters) }
        try staged.commit(OutputTarget(protecting: [], overwrite: true))
        let made = staged.names.filter { $0 != "thu-moi" } + letterNames
        try OutputManifest(madeBy: "htx demo", names: made, in: out).save(in: out)
    }

    /// Why the demo writes nothing into `out`: files there it did not make.
    static func refusal(_ out: String, _ conflicts: [String]) -> UserError {
        UserError(
            "\(out) đã có \(conflicts.joined(separator: ", ")) không do htx demo tạo (hoặc đã bị sửa sau đó); "
                + "demo không ghi đè, không ghi gì. Chọn thư mục khác: htx demo --out Exports/demo-moi",
            "\(out) already holds \(conflicts.joined(separator: ", ")), not made by htx demo (or changed since); "
                + "the demo writes over none of it and wrote nothing. Choose another folder: htx demo --out "
                + "Exports/demo-new")
    }
}
