import HTXCore

/// Builds a shortlist from the catalog's records: filters, scores, exact constrained selection, reasons and
/// near-misses.
public struct ShortlistBuilder: Sendable {
    /// The selection's parameters (`shortlist build` options).
    public struct Options: Sendable {
        public var size: Int
        public var minPerSector: Int
        public var maxPerDistrict: Int?
        public var exclude: Set<Int64>
        public var include: Set<Int64>

        public init(
            size: Int = 8, minPerSector: Int = 0, maxPerDistrict: Int? = nil, exclude: Set<Int64> = [],
            include: Set<Int64> = []
        ) {
            self.size = size
            self.minPerSector = minPerSector
            self.maxPerDistrict = maxPerDistrict
            self.exclude = exclude
            self.include = include
        }
    }

    public var profile: CriteriaProfile
    public var options: Options

    /// How many near-misses the report lists.
    public static let nearMisses = 10

    public init(profile: CriteriaProfile, options: Options) {
        self.profile = profile
        self.options = options
    }

    /// The latest year any record has figures or grades for: the "data as of" year criteria are computed against.
    public static func dataYear(_ coops: [Cooperative]) -> Int {
        coops.flatMap { $0.figures.map(\.year) + $0.grades.map(\.year) }.max() ?? 2000
    }

    /// Why a record fails the profile's filters (which filter, and in words), or nil when it passes.
    func filterReason(_ coop: Cooperative, year: Int) -> (filter: ShortlistError.Removal, reason: String)? {
        let filters = profile.filters
        if !filters.legalForms.isEmpty, !filters.legalForms.contains(coop.legalForm) {
            let forms = filters.legalForms.map(\.label).joined(separator: ", ")
            return (
                .init(filter: .legalForm, count: 1, value: forms),
                "loại hình \(coop.legalForm.label) không thuộc diện xét"
            )
        }
        if let minimum = filters.minGrade {
            let scheme = GradeScheme.tt01of2020
            guard let latest = coop.latestGrade else {
                return (
                    .init(filter: .noGrade, count: 1, value: minimum),
                    "chưa có kết quả xếp loại (yêu cầu từ \(minimum))"
                )
            }
            if let rank = scheme.rank(of: latest.grade), let required = scheme.rank(of: minimum), rank > required {
                return (
                    .init(filter: .lowGrade, count: 1, value: minimum),
                    "xếp loại \(latest.grade) năm \(latest.year), dưới mức \(minimum)"
                )
            }
        }
        if let minimumYears = filters.minYearsOperating, let founded = coop.founded.flatMap({ Int($0.prefix(4)) }),
            year - founded < minimumYears
        {
            return (
                .init(filter: .tooYoung, count: 1, value: String(minimumYears)),
                "mới hoạt động \(year - founded) năm (yêu cầu từ \(minimumYears) năm)"
            )
        }
        return nil
    }

    /// Builds the shortlist named `name` from `coops` (which must carry their ids).
    public func build(name: String, coops: [Cooperative], builtAt: String) throws(ShortlistError) -> ShortlistRecord {
        let year = ShortlistBuilder.dataYear(coops)
        let known = Set(coops.compactMap(\.id))
        for id in options.include.union(options.exclude).sorted() where !known.contains(id) {
            throw .unknownCooperative(id)
        }
        if let both = options.include.intersection(options.exclude).min() { throw .includedAndExcluded(both) }
        var eligible: [CooperativeScore] = []
        var filtered: [(CooperativeScore, String)] = []
        var removals: [ShortlistError.Removal] = []
        func count(_ removal: ShortlistError.Removal) {
            if let at = removals.firstIndex(where: { $0.filter == removal.filter }) {
                removals[at].count += 1
            } else {
                removals.append(removal)
            }
        }
        for coop in coops {
            if options.exclude.contains(coop.id ?? -1) {
                count(.init(filter: .excluded, count: 1, value: ""))
                continue
            }
            let score = CooperativeScore(coop, profile: profile, year: year, explain: false)
            if !options.include.contains(coop.id ?? -1), let (removal, reason) = filterReason(coop, year: year) {
                count(removal)
                filtered.append((score, reason))
            } else {
                eligible.append(score)
            }
        }
        // Preference order: score, then Vietnamese name order.
        eligible.sort { a, b in
            a.total != b.total ? a.total > b.total : VietnameseText.areInIncreasingOrder(a.coop.name, b.coop.name)
        }
        if options.size > 0, eligible.count < options.size {
            throw .tooFewEligible(
                available: eligible.count, size: options.size, considered: coops.count, removed: removals)
        }
        let selector = ShortlistSelector(
            size: options.size, minPerSector: options.minPerSector, maxPerDistrict: options.maxPerDistrict)
        let candidates = eligible.map {
            ShortlistSelector.Candidate(
                score: $0.total, sector: ($0.coop.sectors.first ?? .other).label,
                district: $0.coop.district ?? "(chưa rõ quận/huyện)")
        }
        let required = Set(eligible.indices.filter { options.include.contains(eligible[$0].coop.id ?? -1) })
        let chosen = try selector.select(candidates, required: required)
        let chosenSet = Set(chosen)
        let entries = chosen.enumerated().map { rank, index in
            let score = CooperativeScore(eligible[index].coop, profile: profile, year: year)
            var reasons = score.reasons.prefix(3).map(\.vi)
            var kinds = [ShortlistRecord.ReasonKind](repeating: .strength, count: reasons.count)
            if required.contains(index) {
                reasons.insert("đưa vào theo yêu cầu của người lập danh sách", at: 0)
                kinds.insert(.included, at: 0)
            }
            if !score.missing.isEmpty {
                let missing = score.missing.map { $0.label.vi.lowercased() }.joined(separator: ", ")
                reasons.append("thiếu dữ liệu: \(missing) (độ tin cậy \(Int((score.confidence * 100).rounded()))%)")
                kinds.append(.missingData)
            }
            return ShortlistRecord.Entry(
                rank: rank + 1, id: score.coop.id ?? 0, name: score.coop.name, district: score.coop.district,
                sector: score.coop.sectors.first?.label, score: score.rounded,
                criteria: CriterionPoints(score.points.map { ($0.0.rawValue, ($0.1 * 10).rounded() / 10) }),
                confidence: (score.confidence * 100).rounded() / 100, reasons: reasons, reasonKinds: kinds)
        }
        let cutoff = chosen.map { eligible[$0].total }.min() ?? 0
        var districtCounts: [String: Int] = [:]
        var sectorCounts: [String: Int] = [:]
        for index in chosen {
            districtCounts[candidates[index].district, default: 0] += 1
            sectorCounts[candidates[index].sector, default: 0] += 1
        }
        var misses: [ShortlistRecord.Miss] = []
        for index in eligible.indices where !chosenSet.contains(index) {
            guard misses.count < ShortlistBuilder.nearMisses else { break }
            let score = eligible[index]
            let candidate = candidates[index]
            let reason: String
            if let maximum = options.maxPerDistrict, score.total >= cutoff,
                (districtCounts[candidate.district] ?? 0) >= maximum
            {
                reason = "vượt giới hạn \(maximum) HTX/quận \(candidate.district)"
            } else if score.total >= cutoff {
                reason =
                    "nhường chỗ để đủ \(options.minPerSector) HTX/lĩnh vực (lĩnh vực \(candidate.sector) đã có "
                    + "\(sectorCounts[candidate.sector] ?? 0))"
            } else {
                reason =
                    "điểm \(VietnameseNumber.format(score.rounded, decimals: 1)) thấp hơn HTX cuối danh sách "
                    + "(\(VietnameseNumber.format((cutoff * 10).rounded() / 10, decimals: 1)))"
            }
            misses.append(
                ShortlistRecord.Miss(
                    id: score.coop.id ?? 0, name: score.coop.name, score: score.rounded, reason: reason))
        }
        for (score, reason) in filtered.sorted(by: { $0.0.total > $1.0.total }) where score.total >= cutoff {
            misses.append(
                ShortlistRecord.Miss(
                    id: score.coop.id ?? 0, name: score.coop.name, score: score.rounded, reason: reason))
        }
        for coop in coops where options.exclude.contains(coop.id ?? -1) {
            misses.append(
                ShortlistRecord.Miss(
                    id: coop.id ?? 0, name: coop.name, score: nil, reason: "loại theo yêu cầu của người lập danh sách"))
        }
        var parameters = ["size": String(options.size), "minPerSector": String(options.minPerSector)]
        if let maximum = options.maxPerDistrict { parameters["maxPerDistrict"] = String(maximum) }
        if !options.exclude.isEmpty {
            parameters["exclude"] = options.exclude.sorted().map(String.init).joined(separator: ",")
        }
        if !options.include.isEmpty {
            parameters["include"] = options.include.sorted().map(String.init).joined(separator: ",")
        }
        // What the profile weighed and filtered, so that a list can be audited and built again the same way.
        parameters["weights"] = profile.weights.map { "\($0.0.rawValue)=\(CriteriaProfile.weightText($0.1))" }
            .joined(separator: ",")
        if let grade = profile.filters.minGrade { parameters["minGrade"] = grade }
        if let years = profile.filters.minYearsOperating { parameters["minYearsOperating"] = String(years) }
        return ShortlistRecord(
            name: name, profile: profile.name, parameters: parameters, builtAt: builtAt, dataYear: year,
            entries: entries, notSelected: misses)
    }
}
