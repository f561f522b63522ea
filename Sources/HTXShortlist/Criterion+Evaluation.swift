import Foundation
import HTXCore

extension Criterion {
    /// What the criterion found: its value, and a plain-language reason when the record says something about it.
    public struct Evaluation: Sendable, Equatable {
        /// 0–1, or nil when the data is missing.
        public var value: Double?
        public var reason: Message?
    }

    /// Evaluates the criterion on a record, with `year` the latest data year of the catalog. Without `explain`
    /// only the value is computed: scoring a whole catalog needs no sentences.
    public func evaluate(_ coop: Cooperative, year: Int, explain: Bool = true) -> Evaluation {
        let full = evaluateExplained(coop, year: year, explain: explain)
        return explain ? full : Evaluation(value: full.value, reason: nil)
    }

    private func evaluateExplained(_ coop: Cooperative, year: Int, explain: Bool) -> Evaluation {
        let figures = coop.figuresByYear
        switch self {
        case .grade:
            guard let latest = coop.latestGrade else { return Evaluation(value: nil, reason: nil) }
            let scheme = GradeScheme.named(latest.scheme) ?? .tt01of2020
            let value: Double
            if let score = latest.score {
                value = min(1, max(0, score / 100))
            } else if let rank = scheme.rank(of: latest.grade) {
                // A label without a score counts as the middle of its band.
                let top = rank == 0 ? 100 : scheme.bands[rank - 1].minimum
                value = (scheme.bands[rank].minimum + top) / 200
            } else {
                return Evaluation(value: nil, reason: nil)
            }
            guard explain else { return Evaluation(value: value, reason: nil) }
            let points = latest.score.map { " (\(VietnameseNumber.format($0, decimals: 1)) điểm)" } ?? ""
            let pointsEn = latest.score.map { " (\(VietnameseNumber.format($0, decimals: 1)) points)" } ?? ""
            return Evaluation(
                value: value,
                reason: Message(
                    "xếp loại \(latest.grade) năm \(latest.year)\(points)",
                    "graded \(latest.grade) in \(latest.year)\(pointsEn)"))
        case .profitableYears:
            let withProfit = figures.filter { $0.profit != nil }
            guard let last = withProfit.last else { return Evaluation(value: nil, reason: nil) }
            var run = 0
            var expectedYear = last.year
            for figure in withProfit.reversed() where figure.year == expectedYear {
                guard (figure.profit ?? 0) > 0 else { break }
                run += 1
                expectedYear -= 1
            }
            guard explain else { return Evaluation(value: min(1, Double(run) / 3), reason: nil) }
            let reason =
                run >= 2
                ? Message(
                    "lãi \(run) năm liên tiếp đến \(last.year)", "profitable \(run) years in a row to \(last.year)")
                : run == 0 ? Message("lỗ năm \(last.year)", "a loss in \(last.year)") : nil
            return Evaluation(value: min(1, Double(run) / 3), reason: reason)
        case .revenueGrowth, .profitGrowth:
            let values = figures.compactMap { f -> (Int, Double)? in
                guard let v = self == .revenueGrowth ? f.revenue : f.profit, v > 0 else { return nil }
                return (f.year, v)
            }
            guard let first = values.first, let last = values.last, last.0 > first.0 else {
                return Evaluation(value: nil, reason: nil)
            }
            let rate = pow(last.1 / first.1, 1 / Double(last.0 - first.0)) - 1
            guard explain else { return Evaluation(value: min(1, max(0, rate / 0.25)), reason: nil) }
            let percent = Int(saturating: (rate * 100).rounded())
            let what = self == .revenueGrowth ? ("doanh thu", "revenue") : ("lợi nhuận", "profit")
            let reason =
                percent >= 5
                ? Message(
                    "\(what.0) tăng \(percent)%/năm (\(first.0)–\(last.0))",
                    "\(what.1) up \(percent)%/year (\(first.0)–\(last.0))")
                : percent < 0 ? Message("\(what.0) giảm \(-percent)%/năm", "\(what.1) down \(-percent)%/year") : nil
            return Evaluation(value: min(1, max(0, rate / 0.25)), reason: reason)
        case .members:
            guard let count = coop.members ?? figures.last(where: { $0.members != nil })?.members else {
                return Evaluation(value: nil, reason: nil)
            }
            let value = min(1, log10(Double(max(1, count))) / log10(2000))
            guard explain else { return Evaluation(value: value, reason: nil) }
            return Evaluation(
                value: value,
                reason: count >= 300
                    ? Message(
                        "\(VietnameseNumber.format(Double(count))) thành viên",
                        "\(VietnameseNumber.format(Double(count))) members") : nil)
        case .memberGrowth:
            let counts = figures.compactMap { f in f.members.flatMap { $0 > 0 ? (f.year, Double($0)) : nil } }
            guard let first = counts.first, let last = counts.last, last.0 > first.0 else {
                return Evaluation(value: nil, reason: nil)
            }
            let rate = pow(last.1 / first.1, 1 / Double(last.0 - first.0)) - 1
            guard explain else { return Evaluation(value: min(1, max(0, rate / 0.1)), reason: nil) }
            let percent = Int(saturating: (rate * 100).rounded())
            return Evaluation(
                value: min(1, max(0, rate / 0.1)),
                reason: percent >= 3 ? Message("thành viên tăng \(percent)%/năm", "members up \(percent)%/year") : nil)
        case .memberIncome:
            guard let income = figures.last(where: { $0.memberIncome != nil })?.memberIncome else {
                return Evaluation(value: nil, reason: nil)
            }
            guard explain else { return Evaluation(value: min(1, max(0, income / 120)), reason: nil) }
            let text = VietnameseNumber.format(income, decimals: 1)
            return Evaluation(
                value: min(1, max(0, income / 120)),
                reason: income >= 60
                    ? Message("thu nhập thành viên \(text) triệu đồng/năm", "member income \(text) million VND/year")
                    : nil)
        case .ocop:
            let ocop = coop.certifications.filter { $0.kind == .ocop }
            guard let best = ocop.compactMap(\.stars).max() else { return Evaluation(value: 0, reason: nil) }
            let value = min(1, Double(best) / 5 + 0.1 * Double(ocop.count - 1))
            let products = ocop.count == 1 ? "1 sản phẩm" : "\(ocop.count) sản phẩm"
            return Evaluation(
                value: value,
                reason: Message(
                    "OCOP \(best) sao (\(products))",
                    "OCOP \(best) stars (\(ocop.count) product\(ocop.count == 1 ? "" : "s"))"))
        case .certifications:
            let kinds = Set(coop.certifications.map(\.kind)).intersection([
                .vietgap, .globalgap, .organic, .highTech, .iso,
            ])
            guard !kinds.isEmpty else { return Evaluation(value: 0, reason: nil) }
            let names = Certification.Kind.allCases.filter(kinds.contains).map(\.label).joined(separator: ", ")
            return Evaluation(
                value: min(1, 0.5 * Double(kinds.count)), reason: Message("chứng nhận \(names)", "certified \(names)"))
        case .valueChain:
            guard !coop.valueChains.isEmpty else { return Evaluation(value: 0, reason: nil) }
            return Evaluation(
                value: min(1, Double(coop.valueChains.count) / 2),
                reason: Message(
                    "liên kết chuỗi giá trị (\(coop.valueChains.count) hợp đồng)",
                    "value-chain contracts (\(coop.valueChains.count))"))
        case .digital:
            guard !coop.digital.isEmpty else { return Evaluation(value: 0, reason: nil) }
            return Evaluation(
                value: min(1, Double(coop.digital.count) / 3),
                reason: Message(
                    "chuyển đổi số: \(coop.digital.prefix(2).joined(separator: ", ").lowercased())",
                    "digital: \(coop.digital.prefix(2).joined(separator: ", "))"))
        case .award:
            guard let best = coop.awards.map(\.level).max() else { return Evaluation(value: 0, reason: nil) }
            return Evaluation(
                value: Double(best.rank) / Double(Award.Level.allCases.count),
                reason: Message("được tặng \(best.label)", "received \(best.label)"))
        case .pilot:
            return Evaluation(
                value: coop.pilot ? 1 : 0,
                reason: coop.pilot
                    ? Message("thí điểm mô hình HTX kiểu mới hiệu quả", "new-type effective cooperative pilot") : nil)
        case .yearsOperating:
            guard let founded = coop.founded.flatMap({ Int($0.prefix(4)) }) else {
                return Evaluation(value: nil, reason: nil)
            }
            let years = max(0, year - founded)
            return Evaluation(
                value: min(1, Double(years) / 20),
                reason: years >= 20 ? Message("hoạt động \(years) năm", "\(years) years in operation") : nil)
        case .completeness:
            let present = [
                coop.taxCode != nil, coop.location != nil, !coop.contacts.isEmpty, coop.figures.count >= 3,
                !coop.grades.isEmpty,
                coop.members != nil, coop.founded != nil, coop.address != nil,
            ]
            return Evaluation(value: Double(present.filter { $0 }.count) / Double(present.count), reason: nil)
        }
    }
}
