import HTXCore

/// A change a district officer may not make: a cooperative of another district (SPEC §10).
public struct DistrictRefusal: LocalizedMessageError, Sendable, Equatable {
    public var message: Message

    /// The refusal of an edit of a cooperative in `found` (or moved to it) by the officer of `own`.
    public static func edit(name: String, found: String?, own: String) -> DistrictRefusal {
        DistrictRefusal(
            message: Message(
                "\(name) thuộc \(found ?? "quận/huyện chưa ghi"), không phải \(own): tài khoản quận/huyện chỉ sửa HTX "
                    + "của quận/huyện mình; nhờ Liên minh HTX sửa giúp",
                "\(name) is in \(found ?? "no district yet"), not \(own): a district account edits its own district's "
                    + "cooperatives only; ask the Alliance to make this change"))
    }

    /// Whether `district` is `own`, accents and case aside; no district is no one's.
    public static func isOwn(_ district: String?, _ own: String) -> Bool {
        district.map { VietnameseText.fold($0) == VietnameseText.fold(own) } ?? false
    }
}
