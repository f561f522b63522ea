import HTXCore

/// The words of the pages in Vietnamese and English, by key; the templates read them as `t.KEY`.
enum WebLabels {
    static let pairs: [String: (vi: String, en: String)] = [
        "skip": ("Bỏ qua, đến nội dung", "Skip to content"), "menu": ("Trình đơn", "Menu"),
        "users": ("Người dùng", "Users"), "logout": ("Đăng xuất", "Sign out"),
        "username": ("Tên đăng nhập", "User name"),
        "password": ("Mật khẩu", "Password"), "signIn": ("Đăng nhập", "Sign in"),
        "otp": ("Mã xác thực 6 số (tài khoản có xác thực hai lớp)", "6-digit code (accounts with a second factor)"),
        "signInHint": (
            "Quên mật khẩu: nhờ quản trị viên đặt lại bằng htx user passwd.",
            "Forgot the password: ask an administrator to set a new one with htx user passwd."
        ),
        "role": ("Vai trò", "Role"), "org": ("Cơ quan", "Organisation"), "disable": ("Khoá", "Disable"),
        "addUser": ("Thêm người dùng", "Add a user"), "addUserButton": ("Thêm", "Add"),
        "districtForRole": ("Quận/huyện (vai trò quận/huyện)", "District (district role)"),
        "newPassword": ("Mật khẩu (12–128 ký tự)", "Password (12–128 characters)"),
        "repeatPassword": ("Nhập lại mật khẩu", "Repeat the password"), "auditLog": ("Nhật ký truy cập", "Audit log"),
        "event": ("Sự kiện", "Event"), "detail": ("Chi tiết", "Detail"), "address": ("Địa chỉ máy", "Address"),
        "active": ("Đang dùng", "Active"), "disabled": ("Đã khoá", "Disabled"),
        "catalog": ("Danh mục HTX", "Catalogue"), "check": ("Kiểm tra dữ liệu", "Data quality"),
        "shortlist": ("Danh sách", "Shortlist"), "itinerary": ("Lịch trình", "Itinerary"),
        "footer": ("danh mục hợp tác xã", "cooperative catalogue"), "search": ("Tìm kiếm", "Search"),
        "district": ("Quận/huyện (2021)", "District (2021)"), "unit": ("Xã/phường (từ 1/7/2025)", "Commune (2025)"),
        "sector": ("Lĩnh vực", "Sector"), "grade": ("Xếp loại", "Grade"),
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
        "weights": ("Trọng số tiêu chí", "Criterion weights"),
        "minGrade": ("Xếp loại tối thiểu", "Lowest grade accepted"), "none": ("Không giới hạn", "Any"),
        "minYears": ("Số năm hoạt động tối thiểu", "Minimum years in operation"),
        "nearMisses": ("Suýt được chọn và bị loại", "Near-misses and those left out"),
        "whyNot": ("Vì sao không chọn", "Why not chosen"), "decisions": ("Lịch sử duyệt", "Decisions"),
        "noDecisions": ("Chưa có quyết định nào.", "No decision yet."),
        "departAt": ("Xuất phát", "Leave"), "returnAt": ("Về", "Back"), "lunch": ("Ăn trưa", "Lunch"),
        "onTheDay": ("Trong ngày", "On the day"), "visitDetails": ("Thông tin chuyến đi, người ký", "Visit details"),
        "reorder": ("Thử thứ tự khác", "Try another order"),
        "reorderHelp": (
            "Sửa thứ tự mã HTX của từng ngày (cách nhau bởi dấu phẩy); htx tính lại giờ và nêu ràng buộc bị vi phạm, "
                + "không lưu gì.",
            "Change each day's order of cooperative ids (commas); htx works out the times and names any broken "
                + "constraint, and saves nothing."
        ),
        "orderOfDay": ("Thứ tự ngày", "Order of day"), "evaluate": ("Đánh giá", "Evaluate"),
        "orderFits": ("Thứ tự này thoả mọi ràng buộc.", "This order meets every constraint."),
        "orderBroken": ("Thứ tự này vi phạm:", "This order breaks:"),
        "backToItinerary": ("Về lịch trình", "Back to the itinerary"),
        "replan": ("Bị trễ: dời phần còn lại của ngày", "Running late: shift the rest of the day"),
        "dayNumber": ("Ngày thứ", "Day"),
        "afterStop": ("Sau điểm (mã HTX; để trống: từ lúc xuất phát)", "After stop (id; empty: from departure)"),
        "delayMinutes": ("Trễ (phút)", "Delay (minutes)"), "replanButton": ("Dời lịch", "Replan"),
        "replannedNote": ("Đã dời:", "Replanned:"),
        "changes": ("Thay đổi", "Changes"), "noChanges": ("Không có gì thay đổi.", "Nothing changed."),
        "nextStop": ("Điểm tiếp theo", "Next stop"), "receiver": ("Người đón", "Received by"),
        "noReceiver": ("Chưa có người đón trong thông tin chuyến đi.", "No receiver in the visit details yet."),
        "arrivedNext": ("Đã xong điểm này → điểm sau", "Done here → next stop"),
        "dayDone": ("Đã hết các điểm trong ngày.", "Every stop of the day is done."),
        "lateBy": ("Đang bị trễ? Báo trễ để dời các điểm còn lại:", "Running late? Shift the remaining stops:"),
        "minutes": ("phút", "min"), "driver": ("Lái xe", "Driver"),
        "visitFile": ("Tệp thông tin chuyến đi (YAML)", "Visit file (YAML)"),
        "visitHelp": (
            "Ngày ban hành, số văn bản, người ký, người liên hệ, thành phần đoàn, xe và người đón tại từng HTX; "
                + "kiểm tra như htx brief --visit.",
            "Issue date, number, signer, contact, delegation, vehicle and each host's receiver; checked as "
                + "htx brief --visit checks a file."
        ),
        "visitSample": (
            "Chưa có thông tin cho lịch trình này: dưới đây là mẫu minh hoạ, sửa rồi lưu.",
            "No details for this itinerary yet: below is the illustrative sample; edit it, then save."
        ),
        "fileTable": ("Tệp như htx đọc được (ô có vấn đề được tô)", "The file as htx read it (problem cells marked)"),
        "mapping": ("Ghép cột", "Column mapping"),
        "mappingHelp": (
            "Mỗi cột của tệp và trường htx đọc vào; sửa rồi xem lại (để trống: bỏ qua cột). Ví dụ: revenue 2021, "
                + "grade 2021, contact.phone.",
            "Each column of the file and the field htx reads it into; change it, then preview again (empty: leave "
                + "the column out). For example: revenue 2021, grade 2021, contact.phone."
        ),
        "readAs": ("Đọc thành trường", "Read as"), "previewAgain": ("Xem lại với cách ghép này", "Preview again"),
        "approvedCount": ("đã duyệt", "approved"), "done": ("đã xong", "done"),
        "uploading": ("Đang gửi tệp", "Uploading"),
        "withContacts": ("XLSX kèm liên hệ cá nhân", "XLSX with personal contacts"),
        "date": ("Ngày đầu", "First day"), "days": ("Số ngày", "Days"), "planButton": ("Lập lịch", "Plan"),
    ]

    static func table(_ lang: Lang) -> [String: String] { pairs.mapValues { lang == .vi ? $0.vi : $0.en } }

    /// One label in `lang`; the key itself when there is no such label.
    static func text(_ key: String, _ lang: Lang) -> String { pairs[key].map { lang == .vi ? $0.vi : $0.en } ?? key }

    /// The names of a record's fields (the keys of `coop show`).
    static let fields: [String: (vi: String, en: String)] = [
        "name": ("Tên", "Name"), "otherNames": ("Tên khác", "Other names"), "taxCode": ("Mã số thuế", "Tax code"),
        "legalForm": ("Loại hình", "Legal form"), "sectors": ("Lĩnh vực", "Sectors"), "address": ("Địa chỉ", "Address"),
        "commune": ("Xã/phường", "Commune"), "district": ("Quận/huyện (2021)", "District (2021)"),
        "unit2025": ("Xã/phường từ 1/7/2025", "Unit in force since 1 July 2025"), "location": ("Toạ độ", "Location"),
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
