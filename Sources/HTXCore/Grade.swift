/// A cooperative's grade for one year under a named grading scheme.
public struct Grade: Codable, Sendable, Equatable {
    public var year: Int
    /// The scheme's code, e.g. `TT01/2020`.
    public var scheme: String
    public var score: Double?
    /// The grade's label in the scheme, e.g. `Tốt`.
    public var grade: String

    public init(year: Int, scheme: String, score: Double?, grade: String) {
        self.year = year
        self.scheme = scheme
        self.score = score
        self.grade = grade
    }
}

/// A grading scheme: named bands over a score, highest first. Never one hard-coded scale.
public struct GradeScheme: Sendable, Equatable {
    /// One band: its label and the lowest score it takes.
    public struct Band: Sendable, Equatable {
        public var label: String
        public var minimum: Double
    }

    public var code: String
    public var title: String
    /// Bands from best to worst.
    public var bands: [Band]

    /// Thông tư 01/2020/TT-BKHĐT: Tốt ≥ 80, Khá 65–<80, Trung bình 50–<65, Yếu < 50.
    public static let tt01of2020 = GradeScheme(
        code: "TT01/2020", title: "Thông tư 01/2020/TT-BKHĐT",
        bands: [
            Band(label: "Tốt", minimum: 80), Band(label: "Khá", minimum: 65),
            Band(label: "Trung bình", minimum: 50), Band(label: "Yếu", minimum: 0),
        ])

    /// The schemes the tool knows by code.
    public static let known: [GradeScheme] = [.tt01of2020]

    /// Finds a known scheme by code, ignoring case and punctuation.
    public static func named(_ code: String) -> GradeScheme? {
        known.first { VietnameseText.fold($0.code) == VietnameseText.fold(code) }
    }

    /// The band a score falls in.
    public func label(for score: Double) -> String {
        bands.first { score >= $0.minimum }?.label ?? bands.last?.label ?? ""
    }

    /// The scheme's own spelling of a label typed loosely ("tot", "TRUNG BINH"), or nil.
    public func canonicalLabel(_ text: String) -> String? {
        bands.first { VietnameseText.fold($0.label) == VietnameseText.fold(text) }?.label
    }

    /// The rank of a label, 0 for the best band; nil when the label is not in this scheme.
    public func rank(of label: String) -> Int? {
        bands.firstIndex { VietnameseText.fold($0.label) == VietnameseText.fold(label) }
    }
}
