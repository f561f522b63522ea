import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary
import HTXKit
import HTXShortlist

extension Bench {
    /// Runs the oversized inputs of issue 7 as separate processes: wall time, exit status and peak memory of each.
    func boundsBench(_ log: (String) -> Void) throws {
        log("## Resource bounds")
        log("")
        log(
            "Each row is one process; \"refused\" means exit 1 with a message that says to split the input, the "
                + "catalog untouched."
        )
        log("")
        log("| input | outcome | wall time | peak memory |")
        log("|---|---|---|---|")
        func row(_ label: String, _ run: (seconds: Double, status: Int32, peakMB: Double), done: String) {
            let outcome = run.status == 0 ? done : run.status == 1 ? "refused" : "exit \(run.status)"
            log(
                "| \(label) | \(outcome) | \(String(format: "%.2f s", run.seconds)) | "
                    + "\(String(format: "%.0f MB", run.peakMB)) |"
            )
        }
        let db = "\(out)/bounds.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        _ = try Bench.runProcess(htx, ["init", "--db", db, "--sample"])
        let sparse = "\(out)/bounds-1gb.csv"
        FileManager.default.createFile(atPath: sparse, contents: Data("Tên HTX,Quận/huyện\n".utf8))
        truncate(sparse, 1 << 30)
        row("`htx import` of a 1 GB file", try Bench.runProcess(htx, ["import", sparse, "--db", db]), done: "imported")
        try? FileManager.default.removeItem(atPath: sparse)
        let million = "\(out)/bounds-1m.csv"
        var text = "Tên HTX,Quận/huyện\n"
        for i in 0..<1_000_000 { text += "HTX \(i),Ba Vì\n" }
        try text.write(toFile: million, atomically: true, encoding: .utf8)
        text = ""
        row(
            "`htx import` of a 1,000,000-row CSV (14 MB)", try Bench.runProcess(htx, ["import", million, "--db", db]),
            done: "imported")
        try? FileManager.default.removeItem(atPath: million)
        let sites = (0..<10_000).map {
            #"{"id":"S\#($0)","lat":\#(20.9 + Double($0 % 100) / 500),"lon":\#(105.7 + Double($0 / 100) / 500)}"#
        }
        let instance = "\(out)/bounds-10000-sites.json"
        try (#"{"days":2,"start":{"id":"o","lat":21.03,"lon":105.83},"sites":["# + sites.joined(separator: ",") + "]}")
            .write(toFile: instance, atomically: true, encoding: .utf8)
        row(
            "`htx itinerary solve` with 10,000 sites", try Bench.runProcess(htx, ["itinerary", "solve", instance]),
            done: "solved")
        let packet = "\(out)/packet-5000.pdf"
        let run = try Bench.runProcess(Bench.executable, ["--packet-only", "5000", packet])
        let pages = Bench.shell("pdfinfo \(packet) 2>/dev/null | awk '/^Pages/ {print $2}'")
        let size = ((try? FileManager.default.attributesOfItem(atPath: packet)[.size] as? Int) ?? 0) / 1_048_576
        row(
            "briefing packet of 5,000 cooperatives to PDF (\(pages.isEmpty ? "?" : pages) pages, \(size) MB)", run,
            done: "written")
        log("")
    }
}
