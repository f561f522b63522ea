import HTXCatalog
import HTXCore

extension Kit {
    /// Checks free text a person typed (a shortlist's name, a note, who made a change): cleaned, not empty when
    /// `required` (nor made only of characters that show as nothing), and without control characters, which would
    /// reach every terminal and document that shows it.
    static func checked(_ text: String?, _ field: KitError.TextField, required: Bool = false) throws -> String? {
        guard let text else {
            if required { throw KitError.badText(field: field, scalar: nil) }
            return nil
        }
        if let scalar = VietnameseText.invisibleControl(in: text) {
            throw KitError.badText(field: field, scalar: scalar.value)
        }
        let clean = VietnameseText.clean(text)
        // A name of Hangul fillers or soft hyphens shows as nothing: as good as empty.
        if required && !VietnameseText.hasVisibleCharacter(clean) { throw KitError.badText(field: field, scalar: nil) }
        return clean
    }

    /// Checks who made a change (`--by`, a user's organisation).
    static func checked(_ origin: ChangeOrigin) throws -> ChangeOrigin {
        var origin = origin
        origin.by = try checked(origin.by, .origin)
        return origin
    }
}
