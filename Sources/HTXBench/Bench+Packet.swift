import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary
import HTXKit
import HTXShortlist

extension Bench {
    /// A packet of `count` generated cooperatives, one day's programme visiting them all, with their records.
    static func packet(
        _ generator: SyntheticCatalog, count: Int
    ) throws -> (document: Document, coops: [String: Cooperative]) {
        var coops: [String: Cooperative] = [:]
        var stops: [String] = []
        for index in 0..<count {
            var coop = generator.record(index)
            coop.id = Int64(index + 1)
            coop.contacts = [
                Contact(role: "Giám đốc", name: nil, phone: "+849000\(String(format: "%05d", index % 100_000))")
            ]
            coops[String(index + 1)] = coop
            stops.append(
                #"{"id":"\#(index + 1)","name":"\#(coop.name)","arrive":"08:00","start":"08:00","depart":"09:00","#
                    + #""travelMinutes":30,"distanceKm":12.5}"#
            )
        }
        let json =
            #"{"days":[{"date":"2021-10-28","departAt":"07:30","stops":[\#(stops.joined(separator: ","))],"#
            + #""lunch":null,"returnAt":"17:00","travelMinutes":300,"distanceKm":120}],"dropped":[],"#
            + #""totalTravelMinutes":300,"totalDistanceKm":120,"sitesVisited":\#(count),"optimal":false}"#
        let report = try JSONDecoder().decode(ItineraryReport.self, from: Data(json.utf8))
        let instance = ItineraryInstance(
            days: 1, dayStart: 450, dayEnd: 1050, lunch: .init(earliest: 660, latest: 750, minutes: 60),
            start: .init(id: "start", name: "Văn phòng", point: nil), sites: [], travel: [[0]], distance: [[0]],
            dates: ["2021-10-28"])
        let document = BriefingBuilder(
            settings: BriefingSettings(), report: report, instance: instance, cooperatives: coops
        ).packet()
        return (document, coops)
    }

    /// Renders a 100-cooperative packet to PDF and compiles an equivalent Typst document (one A4 page per cooperative
    /// with the same fields), when the `typst` Python package is installed.
    func packetBench(_ generator: SyntheticCatalog, _ log: (String) -> Void) throws {
        for count in [100, 1_000] { try packetBench(generator, count: count, log) }
    }

    /// One packet size: htx in process (median of 3 at 100, one run beyond) and in its own process for its peak
    /// memory, Typst on the equivalent document, and WeasyPrint on the same packet (one run).
    func packetBench(_ generator: SyntheticCatalog, count: Int, _ log: (String) -> Void) throws {
        let runs = count <= 100 ? 3 : 1
        let (document, coops) = try Bench.packet(generator, count: count)
        guard let fonts = FontLocator.serif() else {
            log("## Briefing packet\n\nNo Liberation Serif or DejaVu Serif installed: skipped.\n")
            return
        }
        var bytes: [UInt8] = []
        var times: [Double] = []
        for _ in 0..<runs {
            times.append(try Bench.seconds { bytes = try PDFRenderer(fonts: fonts).render(document) })
        }
        let pdfPath = "\(out)/packet-\(count).pdf"
        try Data(bytes).write(to: URL(fileURLWithPath: pdfPath))
        let pages = Bench.shell("pdfinfo \(pdfPath) 2>/dev/null | awk '/^Pages/ {print $2}'")
        log("## Briefing packet of \(count) cooperatives to PDF")
        log("")
        let alone = try Bench.runProcess(
            Bench.executable, ["--packet-only", "\(count)", "\(out)/packet-\(count)-alone.pdf"])
        let how = runs == 1 ? "one run" : "median of 3"
        let inProcess = String(format: "%.3f s", Bench.median(times))
        let own = String(format: "%.2f s, peak memory %.0f MB", alone.seconds, alone.peakMB)
        log(
            "`PDFRenderer` in process (layout, font subsetting, compression), \(how): \(inProcess), "
                + "\(pages.isEmpty ? "?" : pages) pages, \(bytes.count / 1024) KB; in its own process "
                + "(`htx-bench --packet-only \(count)`, generating the records too): \(own)."
        )
        // Typst: one page per cooperative with the same fields (facts, figures table, certifications, contact).
        var typ =
            "#set page(paper: \"a4\", margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm))\n#set text(font: "
            + "\"Liberation Serif\", size: 13pt, lang: \"vi\")\n#set par(justify: true)\n"
        for index in 0..<count {
            guard let coop = coops[String(index + 1)] else { continue }
            typ += "#pagebreak(weak: true)\n== \(index + 1). \(coop.name)\n"
            typ +=
                "#table(columns: (30%, 70%), [*Địa chỉ*], [\(coop.address ?? "")], [*Quận/huyện*], "
                + "[\(coop.district ?? "")], [*Lĩnh vực*], "
                + "[\(coop.sectors.map(\.label).joined(separator: "; "))], [*Thành viên*], "
                + "[\(coop.members ?? 0)])\n"
            typ +=
                "#table(columns: 5, [*Năm*], [*Doanh thu*], [*Lợi nhuận*], [*Thu nhập*], [*Thành viên*], "
                + coop.figures.map {
                    "[\($0.year)], [\(Int($0.revenue ?? 0))], [\(Int($0.profit ?? 0))], "
                        + "[\(Int($0.memberIncome ?? 0))], [\($0.members ?? 0)]"
                }.joined(separator: ", ") + ")\n"
            typ +=
                "- \(coop.achievements ?? "")\n- Kinh nghiệm xây dựng sản phẩm OCOP và mở rộng thị trường.\n\n*Người "
                + "đón tiếp:* Giám đốc\n"
        }
        let typPath = "\(out)/packet-\(count).typ"
        try typ.write(toFile: typPath, atomically: true, encoding: .utf8)
        let probe = Bench.shell("python3 -c 'import typst' 2>&1 && echo ok")
        if probe.hasSuffix("ok"), let python = Bench.which("python3") {
            let script =
                "import typst,time; t=time.perf_counter(); typst.compile('\(typPath)', "
                + "output='\(out)/packet-\(count)-typst.pdf'); print(time.perf_counter()-t)"
            var typstTimes: [Double] = []
            for _ in 0..<runs { typstTimes.append(Double(Bench.shell("\(python) -c \"\(script)\"")) ?? .nan) }
            let size =
                (try? FileManager.default.attributesOfItem(atPath: "\(out)/packet-\(count)-typst.pdf")[.size] as? Int)
                ?? 0
            log(
                "Typst (Python package, compile call only, \(runs == 1 ? "one run" : "median of 3")) on the equivalent "
                    + "document: "
                    + "\(String(format: "%.3f s", Bench.median(typstTimes))), \(size / 1024) KB."
            )
            log(
                "Ratio: htx is \(String(format: "%.1f×", Bench.median(typstTimes) / Bench.median(times))) as fast as "
                    + "Typst; its file is \(String(format: "%.2f", Double(bytes.count) / Double(max(1, size))))× "
                    + "Typst's size (bar: faster and smaller). The Typst document is simpler (one page per "
                    + "cooperative; no cover, programme, map or charts)."
            )
        } else {
            log("Typst is not installed (`pip install typst`): comparison skipped.")
        }
        // WeasyPrint on the very same packet, rendered by htx as HTML (one run; about 12 s per hundred cooperatives).
        let htmlPath = "\(out)/packet-\(count).html"
        try Data(try HTMLRenderer().render(document)).write(to: URL(fileURLWithPath: htmlPath))
        if Bench.shell("python3 -c 'import weasyprint' 2>&1 && echo ok").hasSuffix("ok") {
            let script =
                "import weasyprint,time; t=time.perf_counter(); "
                + "weasyprint.HTML('\(htmlPath)').write_pdf('\(out)/packet-\(count)-weasyprint.pdf'); "
                + "print(time.perf_counter()-t)"
            let weasy = Double(Bench.shell("python3 -c \"\(script)\" 2>/dev/null | tail -1")) ?? .nan
            let size =
                (try? FileManager.default.attributesOfItem(atPath: "\(out)/packet-\(count)-weasyprint.pdf")[.size]
                    as? Int)
                ?? 0
            log(
                "WeasyPrint on the same packet (htx's HTML rendering, one run, write_pdf call only): "
                    + "\(String(format: "%.2f s", weasy)), \(size / 1024) KB → htx is "
                    + "\(String(format: "%.0f×", weasy / Bench.median(times))) as fast (bar ≥ 10×), file "
                    + "\(String(format: "%.2f", Double(bytes.count) / Double(max(1, size))))× the size."
            )
        } else {
            log("WeasyPrint is not installed (`pip install weasyprint`): comparison skipped.")
        }
        log("")
    }

    /// `--packet-only N FILE`: renders an N-cooperative packet to FILE, for the bounds table's separate process.
    static func packetOnly(count: Int, to path: String) throws {
        let seeds = try SeedDirectory.locate()
        let generator = SyntheticCatalog(districts: try seeds.districts().districts)
        let (document, _) = try packet(generator, count: count)
        guard let fonts = FontLocator.serif() else { throw KitError.noFont }
        try? FileManager.default.removeItem(atPath: path)
        try PDFRenderer(fonts: fonts).render(document, toFile: path)
    }
}
