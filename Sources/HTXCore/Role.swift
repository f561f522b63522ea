/// Who a user of the office web application is (SPEC §10); `may(_:)` says what each role may do.
public enum Role: String, CaseIterable, Codable, Sendable {
    case admin, alliance, department, district, viewer

    /// The role's name in a listing.
    public var label: Message {
        switch self {
        case .admin: Message("Quản trị", "Administrator")
        case .alliance: Message("Liên minh HTX", "Cooperative Alliance")
        case .department: Message("Sở KH&ĐT", "Department of Planning and Investment")
        case .district: Message("Phòng kinh tế quận/huyện", "District economic office")
        case .viewer: Message("Chỉ xem", "Viewer")
        }
    }
}
