import ArgumentParser
import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXKit

/// `htx itinerary plan NAME`: the timed programme for a shortlist or a list of cooperatives.
struct ItineraryPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Lập lịch trình có giờ cho danh sách đã duyệt (hoặc các HTX chỉ định) và lưu lại.",
        discussion: """
            Lấy các HTX đã duyệt của --shortlist (chưa duyệt HTX nào thì lấy các HTX không bị loại), giờ tiếp đón \
            và toạ độ từ danh mục. Thời gian đi lại ước từ toạ độ (nội đô chậm hơn, giờ cao điểm chậm hơn) hoặc \
            lấy từ --matrix (CSV phút, dòng và cột đầu là mã).

            Ví dụ / Examples:
              htx itinerary plan doan-tw --shortlist doan-tw-2021 --date 2021-10-28 --days 2
              htx itinerary plan thu --coops 3,12,18 --date 2021-10-28 --depart 07:30 --lunch 11:00-12:30/60 --visit 75
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Tên lịch trình / itinerary name.") var name: String
    @Option(help: "Danh sách HTX đã lập / shortlist name.") var shortlist: String?
    @Option(help: "Các HTX (mã, cách nhau dấu phẩy) / cooperative ids.") var coops: IDList?
    @Option(help: "Ngày đầu tiên YYYY-MM-DD / first day.") var date: String
    @Option(help: "Số ngày / number of days.") var days = 1
    @Option(help: "Nơi xuất phát \"Tên@vĩ độ,kinh độ\" / start place.") var start: String?
    @Option(help: "Giờ xuất phát / departure HH:MM.") var depart = "07:30"
    @Option(name: .customLong("return-by"), help: "Về trước / back by HH:MM.") var returnBy = "17:30"
    @Option(help: "Nghỉ trưa HH:MM-HH:MM/phút / lunch window and length.") var lunch = "11:00-12:30/60"
    @Option(help: "Thời gian làm việc mỗi HTX (phút) / visit minutes.") var visit = 60
    @Option(help: "Giờ in ra tròn theo bội số phút này / every time a multiple of these minutes (1: none).")
    var grid = 5
    @Option(help: ArgumentHelp("Ma trận thời gian đi lại CSV / travel matrix CSV.", valueName: "FILE")) var matrix:
        String?
    @Option(
        name: .customLong("time-limit"),
        help: "Giới hạn thời gian cả lần lập (giây) / time limit of the whole plan, seconds.")
    var timeLimit = 1.0
    @Flag(help: "Lập lại lịch trình đã có / plan an existing itinerary again.") var replace = false

    func validate() throws {
        guard (shortlist == nil) != (coops == nil) else {
            throw ValidationError("cần đúng một trong --shortlist hoặc --coops / give --shortlist or --coops")
        }
        guard VietnameseDate.parse(date) != nil else {
            let shaped = date.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil
            let year = Int(date.prefix(4)) ?? 0
            throw ValidationError(
                !shaped
                    ? "--date \(date): dạng YYYY-MM-DD, ví dụ 2021-10-28 / use YYYY-MM-DD"
                    : (1900...2100).contains(year)
                        ? "--date \(date): không có ngày này trong lịch / there is no such day"
                        : "--date \(date): năm phải từ 1900 đến 2100 / the year must be 1900 to 2100")
        }
        guard days > 0, visit > 0, timeLimit > 0 else {
            throw ValidationError("--days, --visit, --time-limit phải dương / must be positive")
        }
    }

    func run() throws {
        var request = PlanRequest(
            name: name, source: shortlist.map { .shortlist($0) } ?? .cooperatives(coops?.ids ?? []), date: date)
        request.startedAt = Date()
        request.days = days
        request.start = start
        request.depart = depart
        request.returnBy = returnBy
        request.lunch = lunch
        request.visitMinutes = visit
        request.grid = grid
        request.timeLimit = timeLimit
        request.replace = replace
        request.lang = catalog.console.lang
        if let matrix {
            let bytes = try InputFile.read(matrix, limit: InputFile.settingsBytes) { size in
                UserError(
                    "\(matrix): tệp quá lớn (\(size.formattedBytes)); ma trận thời gian đến "
                        + "\(InputFile.settingsBytes.formattedBytes)",
                    "\(matrix): the file is too large (\(size.formattedBytes)); a travel matrix goes up to "
                        + InputFile.settingsBytes.formattedBytes)
            }
            request.matrix = MatrixFile(name: matrix, bytes: bytes)
        }
        let result = try catalog.kit().planItinerary(request)
        let console = catalog.console
        if let used = result.usedProposed, let shortlist {
            console.note(
                Message(
                    "danh sách \(shortlist) chưa có HTX nào được duyệt: dùng \(used) HTX đề xuất",
                    "shortlist \(shortlist) has no approved entry yet: using \(used) proposed"))
        }
        try console.out(
            try ProgrammeTable.render(
                result.report, format: output.resolved, lang: console.lang, startName: result.instance.start.name))
        for message in ItineraryPlanCommand.notes(result) { console.note(message) }
    }
}
