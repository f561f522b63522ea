import Foundation
import HTXCore

/// The sentences of a cooperative's sheet, written from its record the way a person preparing the visit would:
/// why it is a model (from the criteria it scored best on), its grades, certificates and awards, and what to ask
/// about — a figure that fell is raised for discussion, never counted a strength.
enum SheetProse {
    /// The full name of a grading scheme's legal basis ("TT01/2020" → "Thông tư số 01/2020/TT-BKHĐT").
    static func scheme(_ code: String) -> String {
        let known = ["TT01/2020": "Thông tư số 01/2020/TT-BKHĐT", "TT09/2018": "Thông tư số 09/2018/TT-BKHĐT"]
        return known[code] ?? code
    }

    /// A number of million đồng as prose gives it: "6,6 tỷ đồng" from a thousand million, else "426 triệu đồng".
    static func money(_ millions: Double) -> String {
        abs(millions) >= 1_000
            ? VietnameseNumber.format(millions / 1_000, decimals: 1) + " tỷ đồng"
            : VietnameseNumber.format(millions) + " triệu đồng"
    }

    /// The yearly figures of `key`, oldest first, where known.
    static func series(_ coop: Cooperative, _ value: (YearlyFigures) -> Double?) -> [(year: Int, value: Double)] {
        coop.figuresByYear.compactMap { f in value(f).map { (f.year, $0) } }
    }

    /// Whether the last value is at least a tenth below the one before.
    static func fell(_ values: [(year: Int, value: Double)]) -> Bool {
        guard values.count >= 2, let last = values.last else { return false }
        let before = values[values.count - 2].value
        return before > 0 && last.value < before * 0.9
    }

    /// Why the cooperative is a model: one sentence for each of the criteria it scored best on (`criteria`, best
    /// first), as far as its record bears it out; at most `limit`.
    static func strengths(_ coop: Cooperative, criteria: [String], limit: Int = 3) -> [String] {
        var sentences: [String] = []
        for key in criteria where sentences.count < limit {
            if let sentence = strength(key, coop) { sentences.append(sentence) }
        }
        return sentences
    }

    static func strength(_ key: String, _ coop: Cooperative) -> String? {
        let figures = coop.figuresByYear
        switch key {
        case "grade":
            guard let grade = coop.latestGrade else { return nil }
            let points = grade.score.map { " với \(VietnameseNumber.format($0, decimals: 1)) điểm" } ?? ""
            return "Được đánh giá, xếp loại \(grade.grade) năm \(grade.year)\(points) theo \(scheme(grade.scheme))."
        case "profitableYears":
            var run = 0
            for f in figures.reversed() {
                guard let profit = f.profit, profit > 0 else { break }
                run += 1
            }
            guard run >= 2, let last = figures.last else { return nil }
            return "Sản xuất, kinh doanh có lãi liên tục \(run) năm (\(last.year - run + 1)–\(last.year))."
        case "revenueGrowth", "profitGrowth":
            let isRevenue = key == "revenueGrowth"
            let values = series(coop) { isRevenue ? $0.revenue : $0.profit }
            guard let first = values.first, let last = values.last, last.year > first.year, first.value > 0,
                last.value > first.value
            else { return nil }
            let rate = (pow(last.value / first.value, 1 / Double(last.year - first.year)) - 1) * 100
            let what = isRevenue ? "Doanh thu" : "Lợi nhuận"
            return "\(what) tăng bình quân \(VietnameseNumber.format(rate, decimals: 1))%/năm giai đoạn "
                + "\(first.year)–\(last.year), đạt \(money(last.value)) năm \(last.year)."
        case "members":
            guard let members = coop.members else { return nil }
            return "Quy mô \(VietnameseNumber.format(Double(members))) thành viên."
        case "memberGrowth":
            let values = series(coop) { $0.members.map(Double.init) }
            guard let first = values.first, let last = values.last, last.value > first.value else { return nil }
            return "Số thành viên tăng từ \(VietnameseNumber.format(first.value)) (\(first.year)) lên "
                + "\(VietnameseNumber.format(last.value)) (\(last.year))."
        case "memberIncome":
            let values = series(coop, \.memberIncome)
            guard let last = values.last, !fell(values) else { return nil }
            return "Thu nhập bình quân của thành viên đạt \(VietnameseNumber.format(last.value, decimals: 1)) triệu "
                + "đồng/năm (\(last.year))."
        case "ocop":
            let ocop = coop.certifications.filter { $0.kind == .ocop }
            guard let best = ocop.max(by: { ($0.stars ?? 0) < ($1.stars ?? 0) }), let stars = best.stars else {
                return nil
            }
            let count = ocop.count == 1 ? "" : "\(ocop.count) sản phẩm OCOP; "
            return "Có \(count)sản phẩm \(best.product ?? "chủ lực") đạt OCOP \(stars) sao."
        case "certifications":
            let kinds = Array(Set(coop.certifications.map(\.kind).filter { $0 != .ocop }))
            guard !kinds.isEmpty else { return nil }
            let names = Certification.Kind.allCases.filter(kinds.contains).map(\.label).joined(separator: ", ")
            return "Sản phẩm được chứng nhận \(names)."
        case "valueChain":
            guard let chain = coop.valueChains.first else { return nil }
            return "Tham gia liên kết chuỗi giá trị: \(OfficialText.sentenceCase(chain))."
        case "digital":
            guard !coop.digital.isEmpty else { return nil }
            return "Ứng dụng chuyển đổi số: "
                + "\(coop.digital.prefix(3).map(OfficialText.sentenceCase).joined(separator: ", "))."
        case "award":
            guard let best = coop.awards.max(by: { $0.level < $1.level }) else { return nil }
            return "Được tặng \(award(best))."
        case "pilot":
            return coop.pilot
                ? "Là mô hình thí điểm hợp tác xã kiểu mới hoạt động hiệu quả theo Quyết định số 167/QĐ-TTg." : nil
        case "yearsOperating":
            guard let founded = coop.founded, let year = Int(founded.prefix(4)), let last = figures.last?.year,
                last - year >= 10
            else { return nil }
            return "Hoạt động ổn định \(last - year) năm (thành lập năm \(year))."
        default: return nil
        }
    }

    /// An award as a line: its level, the issuer only when the level does not already name it, and the year.
    static func award(_ award: Award) -> String {
        let label = award.level.label
        let issuer = award.issuer.flatMap { issuer -> String? in
            let folded = VietnameseText.fold(issuer)
            let words = folded.split(separator: " ").filter { $0.count > 2 }
            let named = words.allSatisfy { VietnameseText.fold(label).contains($0) }
            return named ? nil : issuer
        }
        return label + (issuer.map { " của \($0)" } ?? "") + (award.year.map { " (năm \($0))" } ?? "")
    }

    /// What the delegation can ask about, from the record.
    static func discussion(_ coop: Cooperative) -> [String] {
        var points: [String] = []
        let ocop = coop.certifications.filter { $0.kind == .ocop }
        if let best = ocop.max(by: { ($0.stars ?? 0) < ($1.stars ?? 0) }) {
            let product = best.product.map { " \(OfficialText.sentenceCase($0))" } ?? ""
            if let stars = best.stars, stars >= 5 {
                points.append(
                    "Kinh nghiệm giữ vững chất lượng sản phẩm OCOP 5 sao\(product), xây dựng thương hiệu và mở rộng "
                        + "thị "
                        + "trường, xuất khẩu.")
            } else {
                let next = (best.stars ?? 2) + 1
                points.append(
                    "Kinh nghiệm xây dựng sản phẩm OCOP\(product) và định hướng nâng hạng lên \(next) sao.")
            }
        }
        if let chain = coop.valueChains.first {
            points.append(
                "Cách tổ chức liên kết chuỗi giá trị (\(OfficialText.sentenceCase(chain))), hiệu quả mang "
                    + "lại cho thành viên.")
        }
        if !coop.digital.isEmpty {
            points.append(
                "Hiệu quả ứng dụng chuyển đổi số "
                    + "(\(coop.digital.prefix(2).map(OfficialText.sentenceCase).joined(separator: ", "))).")
        }
        let measures: [(String, (YearlyFigures) -> Double?, Bool)] = [
            ("doanh thu", \.revenue, false), ("lợi nhuận", \.profit, false),
            (
                "thu nhập bình quân của thành "
                    + "viên", \.memberIncome, true
            ), ("số thành viên", { $0.members.map(Double.init) }, false),
        ]
        for (name, value, perYear) in measures {
            let values = series(coop, value)
            guard fell(values), let last = values.last else { continue }
            let before = values[values.count - 2]
            func amount(_ v: Double) -> String {
                name == "số thành viên"
                    ? VietnameseNumber.format(v)
                    : perYear ? VietnameseNumber.format(v, decimals: 1) + " triệu đồng/năm" : money(v)
            }
            points.append(
                "Nguyên nhân \(name) năm \(last.year) giảm còn \(amount(last.value)) (năm \(before.year): "
                    + "\(amount(before.value))) và giải pháp khắc phục.")
        }
        if coop.pilot {
            points.append("Kết quả thí điểm mô hình hợp tác xã kiểu mới hoạt động hiệu quả (Quyết định số 167/QĐ-TTg).")
        }
        points.append(
            "Khó khăn, vướng mắc về đất đai, vốn, thị trường; kiến nghị, đề xuất với Trung ương và Thành "
                + "phố.")
        return points
    }
}
