import Foundation
import HTXCore
import HTXShortlist

/// A shortlist as the terminal shows it.
enum ShortlistTable {
    /// The shortlist as a table (with reasons and near-misses when explaining), CSV, or the JSON of docs/CONTRACT.md
    /// §3.
    static func render(_ record: ShortlistRecord, format: OutputFormat, explain: Bool, lang: Lang) throws -> String {
        let vi = lang == .vi
        let statusLabel: [ShortlistRecord.Status: String] =
            vi
            ? [.proposed: "đề xuất", .approved: "đã duyệt", .rejected: "không duyệt"]
            : [.proposed: "proposed", .approved: "approved", .rejected: "rejected"]
        let headers =
            vi
            ? ["Hạng", "ID", "Tên", "Quận/huyện", "Lĩnh vực", "Điểm", "Trạng thái"]
            : ["Rank", "ID", "Name", "District", "Sector", "Score", "Status"]
        let rows = record.entries.map {
            [
                String($0.rank), String($0.id), $0.name, $0.district ?? "", $0.sector ?? "",
                VietnameseNumber.format($0.score, decimals: 1), statusLabel[$0.status] ?? $0.status.rawValue,
            ]
        }
        switch format {
        case .json: return try Render.json(record)
        case .csv:
            return Render.csv(
                headers + [vi ? "Lý do" : "Reasons"],
                zip(rows, record.entries).map { $0 + [$1.reasons.joined(separator: "; ")] })
        case .table:
            var text = Render.table(headers, rows)
            guard explain else { return text }
            for entry in record.entries {
                text +=
                    "\n\n\(entry.rank). \(entry.name) — \(VietnameseNumber.format(entry.score, decimals: 1)) "
                    + (vi ? "điểm" : "points")
                for reason in entry.reasons { text += "\n   • " + reason }
                let parts = entry.criteria.pairs.filter { $0.points > 0 }.map {
                    "\(Criterion(rawValue: $0.key)?.label.text(lang) ?? $0.key) "
                        + "\(VietnameseNumber.format($0.points, decimals: 1))"
                }
                text +=
                    "\n   " + (vi ? "Điểm theo tiêu chí: " : "Points by criterion: ") + parts.joined(separator: ", ")
                if let note = entry.note {
                    text += "\n   " + (vi ? "Ghi chú" : "Note") + " (\(entry.by ?? "?")): \(note)"
                }
            }
            if !record.notSelected.isEmpty {
                text += "\n\n" + (vi ? "Không được chọn:" : "Not selected:")
                for miss in record.notSelected {
                    text +=
                        "\n   • #\(miss.id) \(miss.name)"
                        + (miss.score.map { " (\(VietnameseNumber.format($0, decimals: 1)))" } ?? "")
                        + ": \(miss.reason)"
                }
            }
            return text
        }
    }
}
