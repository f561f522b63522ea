import Foundation
import HTXCore

extension CriteriaProfile {
    /// The profile as the YAML file `parse(yaml:file:)` reads back to an equal profile.
    ///
    /// Every criterion is written, a left-out one with weight 0, so the file shows what could be weighed. Text is
    /// written as JSON strings, which YAML reads as double-quoted scalars: nothing a name holds can change the
    /// file's structure.
    public var yaml: String {
        func quoted(_ text: String) -> String {
            let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
            return String(decoding: data, as: UTF8.self)
        }
        var lines = ["name: \(quoted(name))", "title: \(quoted(title))", "", "filters:"]
        if let grade = filters.minGrade { lines.append("  minGrade: \(quoted(grade))") }
        if let years = filters.minYearsOperating { lines.append("  minYearsOperating: \(years)") }
        lines.append("  legalForms: [\(filters.legalForms.map { quoted($0.rawValue) }.joined(separator: ", "))]")
        lines += ["", "criteria:"]
        let weighed = Dictionary(weights.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
        for criterion in Criterion.allCases {
            lines.append("  \(criterion.rawValue): \(CriteriaProfile.weightText(weighed[criterion] ?? 0))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A weight as a person writes it: no ".0" on whole numbers.
    public static func weightText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// The weight of `criterion`, 0 when the profile leaves it out.
    public func weight(_ criterion: Criterion) -> Double {
        weights.first { $0.0 == criterion }?.1 ?? 0
    }
}
