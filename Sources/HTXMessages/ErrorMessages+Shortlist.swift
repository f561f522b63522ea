import HTXCore
import HTXShortlist

extension ErrorMessages {
    /// The words for a shortlist that cannot be made, with the flag that changes each quota.
    static func shortlistMessage(_ error: ShortlistError) -> Message {
        switch error {
        case .sizeNotPositive:
            return Message("--size phải lớn hơn 0", "--size must be above 0")
        case .tooFewEligible(let available, let size, let considered, let removed):
            return tooFewMessage(available: available, size: size, considered: considered, removed: removed)
        case .tooManyRequired(let required, let size):
            return Message(
                "\(required) HTX bắt buộc (--include) nhiều hơn --size \(size)",
                "\(required) required cooperatives (--include) exceed --size \(size)")
        case .requiredExceedDistrictQuota(let district, let required, let maximum):
            return Message(
                "không lựa chọn nào thoả: \(required) HTX bắt buộc ở \(district) vượt giới hạn \(maximum) "
                    + "HTX/quận (--max-per-district)",
                "no selection satisfies the quotas: \(required) required cooperatives in \(district) exceed "
                    + "\(maximum) per district (--max-per-district)")
        case .sectorQuotasExceedSize(let sectors, let perSector, let size, let eligible):
            let (product, overflow) = sectors.multipliedReportingOverflow(by: perSector)
            let needed = overflow ? Int.max : product
            let lower = size / max(1, sectors)
            // Advice that can work: a larger size only when that many cooperatives are eligible at all.
            let ways =
                needed <= eligible
                ? Message(
                    "tăng --size lên \(needed), hoặc giảm --min-per-sector xuống \(lower)",
                    "raise --size to \(needed), or lower --min-per-sector to \(lower)")
                : Message(
                    "giảm --min-per-sector xuống \(lower) (chỉ có \(eligible) HTX đủ điều kiện)",
                    "lower --min-per-sector to \(lower) (only \(eligible) cooperatives are eligible)")
            let count = overflow ? "hơn \(eligible)" : "\(needed)"
            let countEN = overflow ? "more than \(eligible)" : "\(needed)"
            return Message(
                "không lựa chọn nào thoả: \(sectors) lĩnh vực × \(perSector) HTX/lĩnh vực (--min-per-sector) cần "
                    + "\(count) HTX, nhưng --size là \(size). Cách tiếp tục: \(ways.vi)",
                "no selection satisfies the quotas: \(sectors) sectors × \(perSector) per sector (--min-per-sector) "
                    + "need \(countEN), but --size is \(size). To go on: \(ways.en)")
        case .sectorQuotaCannotHold(let sector, let available, let required):
            return Message(
                "không lựa chọn nào thoả: lĩnh vực \(sector) chỉ có \(available) HTX đủ điều kiện, ít hơn "
                    + "--min-per-sector \(required). Cách tiếp tục: giảm --min-per-sector xuống \(available), "
                    + "nới bộ lọc của tiêu chí (--profile), hoặc nhập thêm HTX lĩnh vực này",
                "no selection satisfies the quotas: sector \(sector) has only \(available) eligible, below "
                    + "--min-per-sector \(required). To go on: lower --min-per-sector to \(available), loosen the "
                    + "profile's filters (--profile), or import more cooperatives of this sector")
        case .quotasCannotFill(let maxPerDistrict, let minPerSector, let size):
            return Message(
                "không lựa chọn nào thoả: giới hạn \(maxPerDistrict ?? 0) HTX/quận (--max-per-district) cùng "
                    + "\(minPerSector) HTX/lĩnh vực không chọn đủ \(size) HTX. Cách tiếp tục: tăng --max-per-district, "
                    + "giảm --min-per-sector, hoặc giảm --size",
                "no selection satisfies the quotas: \(maxPerDistrict ?? 0) per district (--max-per-district) with "
                    + "\(minPerSector) per sector cannot fill \(size) places. To go on: raise --max-per-district, "
                    + "lower --min-per-sector, or lower --size")
        case .unknownCooperative(let id):
            return Message("không có HTX #\(id) trong danh mục", "no cooperative #\(id) in the catalog")
        case .includedAndExcluded(let id):
            return Message(
                "HTX #\(id) vừa ở --include vừa ở --exclude", "cooperative #\(id) is both in --include and --exclude")
        }
    }

    /// "Only 0 of 2,000 are eligible": each filter with how many it removed and how to loosen it, then the way on.
    static func tooFewMessage(
        available: Int, size: Int, considered: Int, removed: [ShortlistError.Removal]
    ) -> Message {
        let of = considered > 0 ? "/\(VietnameseNumber.format(Double(considered)))" : ""
        let ofEN = considered > 0 ? " of \(VietnameseNumber.format(Double(considered)))" : ""
        var vi = "chỉ có \(available)\(of) HTX đủ điều kiện, ít hơn --size \(size)"
        var en = "only \(available)\(ofEN) cooperatives are eligible, fewer than --size \(size)"
        let parts = removed.map { removal -> (vi: String, en: String) in
            let n = VietnameseNumber.format(Double(removal.count))
            switch removal.filter {
            case .excluded: return ("\(n) bị loại bằng --exclude", "\(n) left out with --exclude")
            case .legalForm:
                return (
                    "\(n) không thuộc loại hình xét (filters.legalForms: \(removal.value))",
                    "\(n) of another legal form (filters.legalForms: \(removal.value))"
                )
            case .noGrade:
                return (
                    "\(n) chưa có kết quả xếp loại (filters.minGrade: \(removal.value))",
                    "\(n) have no grade (filters.minGrade: \(removal.value))"
                )
            case .lowGrade:
                return (
                    "\(n) xếp loại dưới \(removal.value) (filters.minGrade)",
                    "\(n) graded below \(removal.value) (filters.minGrade)"
                )
            case .tooYoung:
                return (
                    "\(n) hoạt động chưa đủ \(removal.value) năm (filters.minYearsOperating)",
                    "\(n) operating fewer than \(removal.value) years (filters.minYearsOperating)"
                )
            }
        }
        if !parts.isEmpty {
            vi += "; bộ lọc đã loại: " + parts.map(\.vi).joined(separator: ", ")
            en += "; the filters removed: " + parts.map(\.en).joined(separator: ", ")
        }
        var ways: [(vi: String, en: String)] = []
        if removed.contains(where: { $0.filter == .noGrade }) {
            ways.append(
                ("nhập kết quả xếp loại (cột \"Xếp loại NĂM\")", "import the grades (a \"Xếp loại YEAR\" column)"))
        }
        if removed.contains(where: { [.noGrade, .lowGrade, .legalForm, .tooYoung].contains($0.filter) }) {
            ways.append(
                (
                    "nới hoặc bỏ bộ lọc trong tệp tiêu chí (--profile)",
                    "loosen or drop the filter in the profile (--profile)"
                ))
        }
        if available > 0 { ways.append(("giảm --size xuống \(available)", "lower --size to \(available)")) }
        if !ways.isEmpty {
            vi += ". Cách tiếp tục: " + ways.map(\.vi).joined(separator: "; hoặc ")
            en += ". To go on: " + ways.map(\.en).joined(separator: "; or ")
        }
        return Message(vi, en)
    }
}
