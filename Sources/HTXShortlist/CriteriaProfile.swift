import Foundation
import HTXCore
import Yams

/// A criteria profile: weighted criteria and hard filters, read from a human-readable YAML file.
public struct CriteriaProfile: Sendable, Equatable {
    /// Hard filters: a cooperative that fails one is not eligible, and the report says which.
    public struct Filters: Sendable, Equatable {
        /// The lowest latest grade accepted (a label of the grade's scheme), or nil.
        public var minGrade: String?
        public var minYearsOperating: Int?
        /// Accepted legal forms; empty means all.
        public var legalForms: [LegalForm]

        public init(minGrade: String? = nil, minYearsOperating: Int? = nil, legalForms: [LegalForm] = []) {
            self.minGrade = minGrade
            self.minYearsOperating = minYearsOperating
            self.legalForms = legalForms
        }
    }

    public var name: String
    public var title: String
    /// Weights by criterion, in the criteria's fixed order; zero-weight criteria are left out.
    public var weights: [(Criterion, Double)]
    public var filters: Filters

    public static func == (a: CriteriaProfile, b: CriteriaProfile) -> Bool {
        a.name == b.name && a.title == b.title && a.filters == b.filters
            && a.weights.map(\.0) == b.weights.map(\.0) && a.weights.map(\.1) == b.weights.map(\.1)
    }

    public init(name: String, title: String, weights: [(Criterion, Double)], filters: Filters) {
        self.name = name
        self.title = title
        self.weights = weights
        self.filters = filters
    }

    /// The file's shape.
    struct File: Decodable {
        var name: String
        var title: String?
        var filters: FileFilters?
        var criteria: [String: Double]
    }

    struct FileFilters: Decodable {
        var minGrade: String?
        var minYearsOperating: Int?
        var legalForms: [String]?
    }

    /// Parses a profile; `file` names it in error messages. Unknown criteria, negative weights and unknown
    /// legal forms are errors that list what is accepted.
    public static func parse(yaml text: String, file: String) throws(UserError) -> CriteriaProfile {
        let parsed: File
        do {
            parsed = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            let detail = DecodingProblem.describe(error)
            throw UserError(
                "\(file): không đọc được hồ sơ tiêu chí (YAML): \(detail.vi)",
                "\(file): cannot read the criteria profile (YAML): \(detail.en)")
        }
        var weights: [(Criterion, Double)] = []
        for key in parsed.criteria.keys {
            guard Criterion(rawValue: key) != nil else {
                throw UserError(
                    "\(file): không có tiêu chí \"\(key)\"; các tiêu chí: "
                        + "\(Criterion.allCases.map(\.rawValue).joined(separator: ", "))",
                    "\(file): no criterion \"\(key)\"; criteria: "
                        + "\(Criterion.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
        }
        for criterion in Criterion.allCases {
            guard let weight = parsed.criteria[criterion.rawValue] else { continue }
            guard weight.isFinite, weight == 0 || (CriteriaProfile.weightRange).contains(weight) else {
                let range = CriteriaProfile.weightRange
                throw UserError(
                    "\(file): trọng số của \(criterion.rawValue) là \(weight); dùng 0 (bỏ tiêu chí) hoặc từ "
                        + "\(VietnameseNumber.format(range.lowerBound, decimals: 3)) đến "
                        + "\(VietnameseNumber.format(range.upperBound))",
                    "\(file): the weight of \(criterion.rawValue) is \(weight); use 0 (to leave it out) or "
                        + "\(range.lowerBound) to \(range.upperBound)")
            }
            if weight > 0 { weights.append((criterion, weight)) }
        }
        guard !weights.isEmpty else {
            throw UserError(
                "\(file): không có tiêu chí nào có trọng số > 0", "\(file): no criterion has a weight above 0")
        }
        var filters = Filters()
        if let f = parsed.filters {
            if let grade = f.minGrade {
                guard GradeScheme.tt01of2020.canonicalLabel(grade) != nil else {
                    throw UserError(
                        "\(file): minGrade \"\(grade)\" không có trong thang \(GradeScheme.tt01of2020.code)",
                        "\(file): minGrade \"\(grade)\" is not in the \(GradeScheme.tt01of2020.code) scheme")
                }
                filters.minGrade = GradeScheme.tt01of2020.canonicalLabel(grade)
            }
            if let years = f.minYearsOperating, !(0...200).contains(years) {
                throw UserError(
                    "\(file): minYearsOperating \(years) phải từ 0 đến 200",
                    "\(file): minYearsOperating \(years) must be 0 to 200")
            }
            filters.minYearsOperating = f.minYearsOperating
            filters.legalForms = try (f.legalForms ?? []).map { (text) throws(UserError) -> LegalForm in
                guard let form = LegalForm.parse(text) else {
                    throw UserError(
                        "\(file): loại hình \"\(text)\" không rõ", "\(file): unknown legal form \"\(text)\"")
                }
                return form
            }
        }
        return CriteriaProfile(
            name: parsed.name, title: parsed.title ?? parsed.name, weights: weights, filters: filters)
    }

    /// The weights a criterion may take besides 0: small enough that sums and products stay exact, large enough
    /// for any scale people use (weights out of 10, out of 100, in per mille).
    public static let weightRange = 0.001...1000.0

    /// The sum of the weights: a perfect cooperative scores this many points.
    public var totalWeight: Double { weights.reduce(0) { $0 + $1.1 } }
}
