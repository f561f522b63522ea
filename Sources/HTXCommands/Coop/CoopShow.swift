import ArgumentParser
import HTXCatalog
import HTXCore
import HTXKit

/// `htx coop show ID`: one whole record.
struct CoopShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Xem toàn bộ hồ sơ một HTX.",
        discussion: """
            Ví dụ / Examples:
              htx coop show 12
              htx coop show 0100233488 --format json
            """)

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: FormatOptions

    @Argument(help: "Mã nội bộ hoặc mã số thuế / internal id or tax code.") var id: String

    func run() throws {
        let coop = try catalog.readingKit().cooperative(id)
        let lang = catalog.console.lang
        switch output.resolved {
        case .json: try catalog.console.out(try Render.json(coop))
        case .table: try catalog.console.out(CooperativeSheet(coop: coop, lang: lang).text)
        case .csv:
            let fields = CooperativeDiff.fields(coop)
            let rows = Cooperative.CodingKeys.allCases.map { [$0.rawValue, (fields[$0.rawValue] ?? nil) ?? ""] }
            try catalog.console.out(Render.csv(lang == .vi ? ["Trường", "Giá trị"] : ["Field", "Value"], rows))
        }
    }
}

/// The text layout of one record for a terminal: identity, figures, grades, record and contacts.
struct CooperativeSheet {
    var coop: Cooperative
    var lang: Lang

    func label(_ vi: String, _ en: String) -> String { lang == .vi ? vi : en }

    var text: String {
        var lines: [String] = []
        var title = "#\(coop.id ?? 0)  \(coop.name)"
        if coop.illustrative { title += label("  [dữ liệu minh hoạ]", "  [illustrative data]") }
        lines.append(title)
        var facts: [(String, String)] = [
            (label("Mã số thuế", "Tax code"), coop.taxCode ?? "–"),
            (label("Loại hình", "Legal form"), coop.legalForm.label),
            (label("Lĩnh vực", "Sectors"), coop.sectors.map(\.label).joined(separator: "; ")),
            (label("Địa chỉ", "Address"), coop.address ?? "–"),
            (label("Xã/phường", "Commune"), coop.commune ?? "–"),
            (label("Quận/huyện (2021)", "District (2021)"), coop.district ?? "–"),
            (label("Toạ độ", "Location"), coop.location.map { "\($0.lat), \($0.lon)" } ?? "–"),
            (label("Thành lập", "Founded"), coop.founded ?? "–"),
            (label("Thành viên", "Members"), coop.members.map { VietnameseNumber.format(Double($0)) } ?? "–"),
            (label("Lao động", "Employees"), coop.employees.map { VietnameseNumber.format(Double($0)) } ?? "–"),
            (
                label("Vốn điều lệ", "Charter capital"),
                coop.charterCapital.map {
                    VietnameseNumber.format($0, decimals: 1) + label(" triệu đồng", " million VND")
                } ?? "–"
            ),
            (
                label("Giờ tiếp đón", "Reception hours"),
                coop.effectiveReceptionHours.map(\.description).joined(separator: ", ")
            ),
        ]
        if coop.pilot {
            facts.append(
                (
                    label("Thí điểm", "Pilot"),
                    label("HTX kiểu mới hiệu quả (QĐ 167/QĐ-TTg)", "new-type effective cooperative (QĐ 167)")
                ))
        }
        if !coop.otherNames.isEmpty {
            facts.append((label("Tên khác", "Other names"), coop.otherNames.joined(separator: "; ")))
        }
        if !coop.products.isEmpty {
            facts.append((label("Sản phẩm", "Products"), coop.products.joined(separator: "; ")))
        }
        let width = facts.map { Render.displayWidth($0.0) }.max() ?? 0
        for (key, value) in facts {
            lines.append(key + String(repeating: " ", count: width - Render.displayWidth(key) + 2) + value)
        }

        if !coop.figures.isEmpty {
            lines.append("")
            lines.append(label("Số liệu (triệu đồng)", "Figures (million VND)"))
            let rows = coop.figuresByYear.map { f in
                [
                    String(f.year), f.revenue.map { VietnameseNumber.format($0) } ?? "–",
                    f.profit.map { VietnameseNumber.format($0) } ?? "–",
                    f.memberIncome.map { VietnameseNumber.format($0, decimals: 1) } ?? "–",
                    f.members.map { VietnameseNumber.format(Double($0)) } ?? "–",
                ]
            }
            lines.append(
                Render.table(
                    lang == .vi
                        ? ["Năm", "Doanh thu", "Lợi nhuận", "Thu nhập TV/năm", "Thành viên"]
                        : ["Year", "Revenue", "Profit", "Member income/yr", "Members"], rows))
        }
        if !coop.grades.isEmpty {
            lines.append("")
            lines.append(label("Xếp loại", "Grades"))
            lines.append(
                Render.table(
                    lang == .vi ? ["Năm", "Thang", "Điểm", "Xếp loại"] : ["Year", "Scheme", "Score", "Grade"],
                    coop.grades.map {
                        [
                            String($0.year), $0.scheme,
                            $0.score.map { VietnameseNumber.format($0, decimals: 1) } ?? "–", $0.grade,
                        ]
                    }))
        }
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append(title)
            lines += items.map { "  • " + $0 }
        }
        section(label("Chứng nhận", "Certifications"), coop.certifications.map(\.summary))
        section(
            label("Khen thưởng", "Awards"),
            coop.awards.map { a in
                "\(a.title) – \(a.level.label)" + (a.issuer.map { ", \($0)" } ?? "") + (a.year.map { " (\($0))" } ?? "")
            })
        section(label("Liên kết chuỗi giá trị", "Value-chain contracts"), coop.valueChains)
        section(label("Chuyển đổi số", "Digital transformation"), coop.digital)
        section(
            label("Liên hệ", "Contacts"),
            coop.contacts.map { c in
                [c.role, c.name, c.phone.flatMap { PhoneNumber(e164: $0)?.national ?? $0 }, c.email].compactMap { $0 }
                    .joined(separator: " · ")
            })
        if let achievements = coop.achievements {
            lines.append("")
            lines.append(label("Thành tích", "Achievements"))
            lines.append("  " + achievements)
        }
        if let note = coop.note {
            lines.append("")
            lines.append(label("Ghi chú: ", "Note: ") + note)
        }
        return lines.joined(separator: "\n")
    }
}
