import HTXCore
import HTXShortlist

extension ErrorMessages {
    /// The words for a shortlist that cannot be made, with the flag that changes each quota.
    static func shortlistMessage(_ error: ShortlistError) -> Message {
        switch error {
        case .sizeNotPositive:
            return Message("--size phải lớn hơn 0", "--size must be above 0")
        case .tooFewEligible(let available, let size):
            return Message(
                "chỉ có \(available) HTX đủ điều kiện, ít hơn --size \(size)",
                "only \(available) cooperatives are eligible, fewer than --size \(size)")
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
        case .sectorQuotasExceedSize(let sectors, let perSector, let size):
            return Message(
                "không lựa chọn nào thoả: \(sectors) lĩnh vực × \(perSector) HTX/lĩnh vực "
                    + "(--min-per-sector) cần \(sectors * perSector) HTX, nhưng --size là \(size)",
                "no selection satisfies the quotas: \(sectors) sectors × \(perSector) per sector "
                    + "(--min-per-sector) need \(sectors * perSector), but --size is \(size)")
        case .sectorQuotaCannotHold(let sector, let available, let required):
            return Message(
                "không lựa chọn nào thoả: lĩnh vực \(sector) chỉ có \(available) HTX đủ điều kiện, ít hơn "
                    + "--min-per-sector \(required)",
                "no selection satisfies the quotas: sector \(sector) has only \(available) eligible, below "
                    + "--min-per-sector \(required)")
        case .quotasCannotFill(let maxPerDistrict, let minPerSector, let size):
            return Message(
                "không lựa chọn nào thoả: giới hạn \(maxPerDistrict ?? 0) HTX/quận (--max-per-district) cùng "
                    + "\(minPerSector) HTX/lĩnh vực không chọn đủ \(size) HTX",
                "no selection satisfies the quotas: \(maxPerDistrict ?? 0) per district (--max-per-district) with "
                    + "\(minPerSector) per sector cannot fill \(size) places")
        case .unknownCooperative(let id):
            return Message("không có HTX #\(id) trong danh mục", "no cooperative #\(id) in the catalog")
        case .includedAndExcluded(let id):
            return Message(
                "HTX #\(id) vừa ở --include vừa ở --exclude", "cooperative #\(id) is both in --include and --exclude")
        }
    }
}
