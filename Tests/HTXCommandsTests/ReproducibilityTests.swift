import Foundation
import HTXTestSupport
import Testing
import ZIPFoundation

/// The same input gives the same bytes: the solver stops on a count of work, not on the clock, and documents take
/// their date from `SOURCE_DATE_EPOCH`.
@Suite("Reproducibility")
struct ReproducibilityTests {
    static let golden = GoldenTests.folder.appendingPathComponent("documents")

    @Test("solving the same 30- and 50-site instances twice prints identical JSON (the work budget stops the search)")
    func solverRepeats() throws {
        let cli = try CLI()
        let instances = CLI.packageRoot.appendingPathComponent("Tests/HTXItineraryTests/Instances")
        for name in ["n30_d8.json", "n50_d13.json"] {
            let path = instances.appendingPathComponent(name).path
            // A generous time limit, so that the budget, not the clock of a debug build, decides where to stop.
            let args = ["itinerary", "solve", path, "--time-limit", "60", "--format", "json"]
            let first = try cli.run(args)
            let second = try cli.run(args)
            #expect(first.code == 0 && !first.stdout.isEmpty, "\(first.stderr)")
            #expect(first.stdout == second.stdout, "\(name) answered differently on a second run")
        }
    }

    /// A planned sample catalog and the packet and letters written with `SOURCE_DATE_EPOCH` into `folder`.
    func documents(_ cli: CLI, into folder: String) throws -> [String: Data] {
        let epoch = ["SOURCE_DATE_EPOCH": "1634947200"]
        var files: [String: Data] = [:]
        for format in ["pdf", "docx", "html", "md"] {
            let out = (folder as NSString).appendingPathComponent("p.\(format)")
            let result = try cli.run(["brief", "t", "--out", out, "--force"], environment: epoch)
            #expect(result.code == 0, "\(result.stderr)")
            files["p.\(format)"] = FileManager.default.contents(atPath: out)
        }
        let letters = (folder as NSString).appendingPathComponent("thu")
        let written = try cli.run(
            ["brief", "t", "--out", (folder as NSString).appendingPathComponent("x.md"), "--letters", letters],
            environment: epoch)
        #expect(written.code == 0, "\(written.stderr)")
        for name in try FileManager.default.contentsOfDirectory(atPath: letters) {
            files["thu/" + name] = FileManager.default.contents(
                atPath: (letters as NSString).appendingPathComponent(name))
        }
        return files
    }

    @Test("brief twice with the same SOURCE_DATE_EPOCH writes identical PDF, DOCX, HTML, Markdown and letters")
    func documentsRepeat() throws {
        let cli = try CLI()
        try cli.run(["init", "--sample"])
        try cli.run(["shortlist", "build", "s", "--size", "4"])
        try cli.run(["itinerary", "plan", "t", "--shortlist", "s", "--date", "2021-10-28"])
        let a = cli.directory.appendingPathComponent("a").path
        let b = cli.directory.appendingPathComponent("b").path
        let first = try documents(cli, into: a)
        let second = try documents(cli, into: b)
        #expect(first.count >= 4 + 4 * 2, "\(first.keys.sorted())")
        #expect(Set(first.keys) == Set(second.keys))
        for (name, data) in first { #expect(second[name] == data, "\(name) differs between two runs") }
        let pdf = String(decoding: try #require(first["p.pdf"]), as: UTF8.self)
        #expect(pdf.contains("/CreationDate (D:20211023000000Z)"), "the PDF records SOURCE_DATE_EPOCH")
        // The PDF as recorded, for the serif face this machine has (the bytes embed it): its size and FNV-1a hash.
        let pdfBytes = try #require(first["p.pdf"])
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in pdfBytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let face =
            FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
            ? "liberation2" : "other"
        if face == "liberation2" {
            try GoldenTests().check(
                "\(pdfBytes.count) bytes, fnv1a64 \(String(hash, radix: 16))\n", "documents/packet-liberation2.pdf.txt")
        }
        // The DOCX body as recorded: a change to the Word rendering shows here.
        let archive = try Archive(data: try #require(first["p.docx"]), accessMode: .read)
        var body = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { body.append($0) }
        try GoldenTests().check(String(decoding: body, as: UTF8.self), "documents/document.xml")
    }
}
