import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit

/// `htx itinerary solve INSTANCE.json`: the pure solver on a self-contained instance (docs/CONTRACT.md §4).
struct ItinerarySolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Giải một bài toán lịch trình tự đủ (JSON) để so sánh với các bộ giải khác.",
        discussion: """
            Đến 12 điểm: lời giải tối ưu được chứng minh (quy hoạch động). Đến 30 điểm (một ngày, hoặc nhiều \
            ngày thăm hết các điểm): chứng minh tối ưu nếu kịp trong --time-limit. Lớn hơn: tìm kiếm cục bộ, mỗi \
            ngày vẫn giải chính xác, hai cách tìm chạy song song trên hai lõi, dừng theo --time-limit; kết quả kèm \
            cận dưới của quãng đường và khoảng cách tới tối ưu.

            Ví dụ / Examples:
              htx itinerary solve n12_d1.json
              htx itinerary solve n50_d13.json --time-limit 1 --format json
            """)

    @Argument(help: "Tệp bài toán JSON / instance file.") var instance: String
    @Option(name: .customLong("time-limit"), help: "Giới hạn thời gian (giây) / time limit in seconds.") var timeLimit =
        1.0
    @OptionGroup var output: FormatOptions
    @Option(name: .long, help: ArgumentHelp("Ngôn ngữ thông báo / message language: vi, en.", valueName: "LANG"))
    var lang: String?

    func validate() throws {
        guard timeLimit > 0 else { throw ValidationError("--time-limit phải lớn hơn 0 / must be positive") }
    }

    func run() throws {
        let started = Date()
        let console = Console(lang: Lang.resolve(explicit: lang))
        let data = Data(try InputFile.text(instance).utf8)
        let (report, _) = try Kit.solve(
            instance: data, file: PathName.name(instance), timeLimit: timeLimit, startedAt: started,
            lang: console.lang)
        try console.out(try ProgrammeTable.render(report, format: output.resolved, lang: console.lang))
    }
}
