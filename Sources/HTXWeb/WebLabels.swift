import HTXCore

/// The words of the pages in Vietnamese and English, by key; the templates read them as `t.KEY`.
enum WebLabels {
    static let pairs: [String: (vi: String, en: String)] = [
        "skip": ("Bỏ qua, đến nội dung", "Skip to content"), "menu": ("Trình đơn", "Menu"),
        "catalog": ("Danh mục HTX", "Catalogue"), "check": ("Kiểm tra dữ liệu", "Data quality"),
        "shortlist": ("Danh sách", "Shortlist"), "itinerary": ("Lịch trình", "Itinerary"),
        "footer": ("danh mục hợp tác xã", "cooperative catalogue"), "search": ("Tìm kiếm", "Search"),
        "district": ("Quận/huyện", "District"), "sector": ("Lĩnh vực", "Sector"), "grade": ("Xếp loại", "Grade"),
        "all": ("Tất cả", "All"), "filter": ("Lọc", "Filter"), "name": ("Tên hợp tác xã", "Cooperative"),
        "taxCode": ("Mã số thuế", "Tax code"), "pages": ("Trang", "Pages"), "previous": ("Trang trước", "Previous"),
        "next": ("Trang sau", "Next"), "download": ("Tải về", "Download"), "record": ("Hồ sơ", "Record"),
        "figures": ("Kết quả sản xuất, kinh doanh", "Business results"), "year": ("Năm", "Year"),
        "revenue": ("Doanh thu (tr.đ)", "Revenue (m VND)"), "profit": ("Lợi nhuận (tr.đ)", "Profit (m VND)"),
        "income": ("Thu nhập BQ thành viên", "Member income"), "members": ("Thành viên", "Members"),
        "edit": ("Sửa hồ sơ", "Edit the record"), "save": ("Lưu", "Save"), "history": ("Lịch sử thay đổi", "History"),
        "rank": ("Hạng", "Rank"), "score": ("Điểm", "Score"), "points": ("Điểm theo tiêu chí", "Points by criterion"),
        "reasons": ("Lý do", "Reasons"), "status": ("Trạng thái", "Status"), "decide": ("Quyết định", "Decision"),
        "note": ("Ghi chú", "Note"), "approve": ("Duyệt", "Approve"), "reject": ("Không duyệt", "Reject"),
        "time": ("Thời gian", "Time"), "stop": ("Nơi đến", "Stop"), "travel": ("Di chuyển", "Travel"),
        "map": ("Sơ đồ lộ trình", "Route map"), "documents": ("Tài liệu", "Documents"),
        "letters": ("Thư thông báo", "Letters"), "back": ("Về danh mục", "Back to the catalogue"),
        "import": ("Nhập dữ liệu", "Import"), "encoding": ("Bảng mã", "Encoding"),
        "headerRow": ("Dòng tiêu đề", "Header row"),
        "rows": ("Số dòng", "Rows"), "added": ("Thêm", "Added"), "updated": ("Cập nhật", "Updated"),
        "unchanged": ("Không đổi", "Unchanged"), "unknownColumns": ("Cột chưa nhận ra", "Unrecognised columns"),
        "row": ("Dòng", "Row"), "column": ("Cột", "Column"), "value": ("Giá trị", "Value"),
        "problem": ("Vấn đề", "Problem"),
        "commit": ("Nhập vào danh mục", "Import into the catalogue"), "upload": ("Gửi tệp", "Upload files"),
        "files": ("Tệp CSV hoặc XLSX (một hoặc nhiều)", "CSV or XLSX files (one or more)"),
        "columnMap": ("Ghép cột (mỗi dòng: Tên cột = trường)", "Column map (one per line: Column = field)"),
        "dryRun": ("Chỉ xem trước, chưa ghi", "Preview only, write nothing"), "send": ("Gửi", "Send"),
        "shortlists": ("Danh sách điển hình", "Shortlists"), "itineraries": ("Lịch trình", "Itineraries"),
        "build": ("Lập danh sách mới", "Build a shortlist"), "listName": ("Tên danh sách", "Shortlist name"),
        "size": ("Số HTX", "How many"),
        "maxPerDistrict": (
            "Tối đa mỗi quận/huyện (0: không giới hạn)",
            "At most per district (0: no limit)"
        ), "minPerSector": ("Tối thiểu mỗi lĩnh vực", "At least per sector"),
        "replace": ("Thay bản cùng tên", "Replace one of the same name"), "buildButton": ("Lập danh sách", "Build"),
        "plan": ("Lập lịch trình", "Plan an itinerary"), "itineraryName": ("Tên lịch trình", "Itinerary name"),
        "date": ("Ngày đầu", "First day"), "days": ("Số ngày", "Days"), "planButton": ("Lập lịch", "Plan"),
    ]

    static func table(_ lang: Lang) -> [String: String] { pairs.mapValues { lang == .vi ? $0.vi : $0.en } }

    /// The names of a record's fields (the keys of `coop show`).
    static let fields: [String: (vi: String, en: String)] = [
        "name": ("Tên", "Name"), "otherNames": ("Tên khác", "Other names"), "taxCode": ("Mã số thuế", "Tax code"),
        "legalForm": ("Loại hình", "Legal form"), "sectors": ("Lĩnh vực", "Sectors"), "address": ("Địa chỉ", "Address"),
        "commune": ("Xã/phường", "Commune"), "district": ("Quận/huyện", "District"), "location": ("Toạ độ", "Location"),
        "lat": ("Vĩ độ", "Latitude"), "lon": ("Kinh độ", "Longitude"), "founded": ("Thành lập", "Founded"),
        "members": ("Thành viên", "Members"), "employees": ("Lao động", "Employees"),
        "charterCapital": ("Vốn điều lệ (triệu đồng)", "Charter capital (m VND)"),
        "figures": ("Số liệu", "Figures"), "grades": ("Xếp loại", "Grades"),
        "certifications": ("Chứng nhận", "Certifications"), "awards": ("Khen thưởng", "Awards"),
        "contacts": ("Liên hệ", "Contacts"), "achievements": ("Thành tích", "Achievements"),
        "products": ("Sản phẩm, dịch vụ", "Products"), "valueChains": ("Liên kết chuỗi", "Value chains"),
        "digital": ("Chuyển đổi số", "Digital"), "receptionHours": ("Giờ tiếp đón", "Reception hours"),
        "pilot": ("Thí điểm HTX kiểu mới", "New-model pilot"), "note": ("Ghi chú", "Note"),
    ]

    static func field(_ key: String, _ lang: Lang) -> String {
        fields[key].map { lang == .vi ? $0.vi : $0.en } ?? key
    }
}
