import HTXCore
import HTXDocument

/// The parts every document the Alliance issues shares, laid out as Nghị định 30/2020 (appendix I) asks: the header
/// with the agency, the motto and their rules, the number and the date; the closing with "Nơi nhận" and the
/// signature block with room for signature and seal.
enum OfficialBlocks {
    /// The header: agency (rule below, a third of its width) and number on the left; motto (rule below, as wide as
    /// it) and place and date on the right; `subject` ("V/v …") under the number for a letter.
    static func header(_ settings: BriefingSettings, number: String, subject: String? = nil) -> Block {
        var left = [
            Paragraph(settings.parentAgency, alignment: .center, size: 12),
            Paragraph([.bold(settings.issuingAgency)], alignment: .center, size: 12, rule: .fraction(0.35)),
            Paragraph(number, alignment: .center),
        ]
        if let subject { left.append(Paragraph(subject, alignment: .center, size: 12)) }
        let right = [
            Paragraph([.bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], alignment: .center, size: 12),
            Paragraph([.bold("Độc lập - Tự do - Hạnh phúc")], alignment: .center, size: 13, rule: .text),
            Paragraph([.italic(settings.placeAndDate)], alignment: .center),
        ]
        return sideBySide(left, right, widths: [0.42, 0.58])
    }

    /// "Nơi nhận:" with its lines on the left, the signature block on the right: authority and position in bold,
    /// four empty lines for signature and seal, then the signer's name (or a dotted line to write it; left blank in
    /// the public copy, which names no person).
    static func closing(_ settings: BriefingSettings, recipients: [String]) -> Block {
        let left =
            [Paragraph([Run("Nơi nhận:", bold: true, italic: true)], alignment: .left, size: 12)]
            + recipients.map { Paragraph($0, alignment: .left, size: 11) }
        let signer = settings.signer
        let right =
            [
                Paragraph([.bold(signer.authority)], alignment: .center),
                Paragraph([.bold(signer.title)], alignment: .center),
            ] + Array(repeating: Paragraph("", alignment: .center), count: 4)
            + [Paragraph([.bold(settings.hidesVisitPeople ? "" : signer.name)], alignment: .center)]
        return sideBySide(left, right, widths: [0.5, 0.5])
    }

    /// Two columns of paragraphs side by side in a borderless table, the shorter one padded with empty lines.
    static func sideBySide(_ left: [Paragraph], _ right: [Paragraph], widths: [Double]) -> Block {
        let rows = max(left.count, right.count)
        return .table(
            Table(
                widths: widths,
                rows: (0..<rows).map { i in
                    [i < left.count ? left[i] : Paragraph(""), i < right.count ? right[i] : Paragraph("")]
                }, borders: false))
    }
}
