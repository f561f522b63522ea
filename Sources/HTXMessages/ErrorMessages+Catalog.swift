import HTXCatalog
import HTXCore

extension ErrorMessages {
    /// The words for a catalog error.
    static func catalogMessage(_ error: CatalogError) -> Message {
        switch error {
        case .notInitialized(let path):
            return Message(
                "chưa có danh mục ở \(path); chạy `htx init` (thêm --sample để có dữ liệu mẫu) hoặc chỉ --db/HTX_DB",
                "no catalog at \(path); run `htx init` (add --sample for sample data) or point --db/HTX_DB at one")
        case .notFound(let ref):
            return Message(
                "không tìm thấy HTX \"\(ref)\" (dùng mã nội bộ hoặc mã số thuế; `htx search` để tìm)",
                "no cooperative \"\(ref)\" (use the internal id or the tax code; `htx search` finds them)")
        case .duplicateTaxCode(let code, let id, let name):
            return Message(
                "mã số thuế \(code) đã thuộc về #\(id) \(name); sửa bản ghi đó bằng `htx coop edit \(id)`",
                "tax code \(code) already belongs to #\(id) \(name); change that record with `htx coop edit \(id)`")
        case .invalid(let findings):
            let errors = findings.filter { $0.severity == .error }
            func join(_ lang: Lang) -> String {
                errors.map { ($0.field.map { "\($0): " } ?? "") + $0.message.text(lang) }.joined(separator: "; ")
            }
            return Message(join(.vi), join(.en))
        case .busy:
            return Message(
                "danh mục đang bận: một tiến trình khác đang ghi; thử lại sau giây lát",
                "the catalog is busy: another process is writing; try again in a moment")
        case .seedsNotFound(let searched):
            return Message(
                "không tìm thấy thư mục Seeds/ (đã tìm: \(searched.joined(separator: ", "))); đặt "
                    + "HTX_SEEDS=đường/dẫn/Seeds",
                "Seeds/ folder not found (looked in: \(searched.joined(separator: ", "))); set HTX_SEEDS=path/to/Seeds")
        case .seedInvalid(let file, let detail):
            return Message("tệp mẫu \(file) hỏng: \(detail)", "seed file \(file) is damaged: \(detail)")
        case .notACatalog(let path, let reason):
            let what: Message
            switch reason {
            case .empty: what = Message("là tệp rỗng (0 byte)", "is an empty file (0 bytes)")
            case .notAFile: what = Message("không phải một tệp (là thư mục?)", "is not a file (a folder?)")
            case .notSQLite: what = Message("không phải tệp SQLite", "is not an SQLite file")
            case .otherDatabase(let tables):
                let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                what = Message(
                    "là cơ sở dữ liệu SQLite của ứng dụng khác (có: \(tables.isEmpty ? "không có bảng" : shown))",
                    "is another application's SQLite database (holding: \(tables.isEmpty ? "no table" : shown))")
            }
            return Message(
                "\(path) \(what.vi), không phải danh mục htx; tệp được giữ nguyên. Chỉ đúng danh mục bằng --db/HTX_DB, "
                    + "hoặc tạo danh mục mới ở chỗ khác: htx init --db TỆP-MỚI.sqlite",
                "\(path) \(what.en), not an htx catalog; it was left untouched. Point --db/HTX_DB at the catalog, "
                    + "or create a new one elsewhere: htx init --db NEW-FILE.sqlite")
        case .newerSchema(let path, let madeBy, let migrations):
            let list = migrations.joined(separator: ", ")
            let recorded = madeBy.map { Message(" (tệp ghi là \($0))", " (the file says \($0))") } ?? Message("", "")
            return Message(
                "\(path) có lược đồ mới hơn htx \(Catalog.softwareVersion) này biết (\(list))\(recorded.vi): chỉ đọc "
                    + "được, không ghi; "
                    + "dùng bản htx mới hơn để sửa đổi",
                "\(path) has a schema newer than this htx \(Catalog.softwareVersion) knows (\(list))\(recorded.en): "
                    + "it can be read "
                    + "but not written; use the newer htx to change it")
        case .readOnly(let path):
            return Message(
                "không được ghi vào danh mục \(path) (tệp, tệp -shm hoặc thư mục chứa nó chỉ cho đọc); "
                    + "kiểm tra quyền (ls -l) hoặc chép danh mục sang chỗ ghi được",
                "the catalog \(path) cannot be written (the file, its -shm file or its folder is read-only); "
                    + "check the permissions (ls -l) or copy the catalog somewhere writable")
        case .upgradeNeedsWrite(let path):
            return Message(
                "danh mục \(path) do htx cũ hơn tạo và cần nâng cấp lược đồ, nhưng không ghi được vào nó; "
                    + "chép danh mục sang chỗ ghi được rồi chạy lại",
                "the catalog \(path) comes from an older htx and needs its schema upgraded, but it cannot be "
                    + "written; copy it somewhere writable and run again")
        case .diskFull(let path):
            return Message(
                "không ghi được\(path.map { " \($0)" } ?? ""): đĩa đã đầy; giải phóng chỗ trống rồi chạy lại (danh "
                    + "mục giữ nguyên)",
                "cannot write\(path.map { " \($0)" } ?? ""): the disk is full; free some space and run again "
                    + "(the catalog is unchanged)")
        case .inputOutput(let path, let detail):
            return Message(
                "lỗi đọc/ghi tệp\(path.map { " \($0)" } ?? "") (\(detail)); kiểm tra chỗ trống và ổ đĩa rồi chạy lại",
                "reading or writing\(path.map { " \($0)" } ?? "") failed (\(detail)); check the free space and "
                    + "the disk, then run again")
        case .writeFailed(let path):
            return Message(
                "không ghi được\(path.map { " \($0)" } ?? ""): đĩa đầy, hết hạn mức hoặc lỗi ổ đĩa; giải phóng chỗ "
                    + "trống rồi chạy lại "
                    + "(danh mục giữ nguyên)",
                "cannot write\(path.map { " \($0)" } ?? ""): the disk is full, a quota or size limit is reached, or "
                    + "the "
                    + "disk failed; free some space and run again (the catalog is unchanged)")
        case .cannotOpen(let path):
            return Message(
                "không mở được danh mục\(path.map { " \($0)" } ?? ""); kiểm tra đường dẫn và quyền của thư mục",
                "cannot open the catalog\(path.map { " \($0)" } ?? ""); check the path and the folder's permissions")
        case .damaged(let path, let detail):
            return Message(
                "danh mục\(path.map { " \($0)" } ?? "") bị hỏng (\(detail)); chạy `htx doctor` để kiểm tra, "
                    + "rồi khôi phục từ bản sao lưu nếu cần",
                "the catalog\(path.map { " \($0)" } ?? "") is damaged (\(detail)); run `htx doctor` to check it, "
                    + "then restore a backup if needed")
        case .backupOfDamaged(let path, let detail):
            return Message(
                "danh mục\(path.map { " \($0)" } ?? "") bị hỏng (\(detail)): bản sao lưu sẽ chép cả chỗ hỏng và đẩy "
                    + "bản tốt ra khỏi vòng lưu, nên chưa sao lưu. Khôi phục bản sao lưu gần nhất; nếu không có, cứu "
                    + "phần còn đọc được vào danh mục mới: htx doctor --salvage TỆP-MỚI.sqlite",
                "the catalog\(path.map { " \($0)" } ?? "") is damaged (\(detail)): a backup would copy the damage "
                    + "and push good backups out of rotation, so none was made. Restore the latest backup; without "
                    + "one, salvage what can still be read into a new catalog: htx doctor --salvage NEW.sqlite")
        case .database(let path, let detail):
            return Message(
                "lỗi cơ sở dữ liệu\(path.map { " (\($0))" } ?? ""): \(detail)",
                "database error\(path.map { " (\($0))" } ?? ""): \(detail)")
        case .backupExists(let path):
            return Message(
                "\(path) đã tồn tại; chọn tên khác để không ghi đè",
                "\(path) already exists; choose another name so nothing is overwritten")
        case .userExists(let name, let disabled):
            if disabled {
                return Message(
                    "đã có người dùng \(name), đang bị khoá; mở lại bằng htx user enable \(name), hoặc chọn tên khác",
                    "there is already a user \(name), disabled; enable it with htx user enable \(name), or choose "
                        + "another name")
            }
            return Message(
                "đã có người dùng \(name); chọn tên khác, hoặc đổi mật khẩu bằng htx user passwd \(name)",
                "there is already a user \(name); choose another name, or change the password with "
                    + "htx user passwd \(name)")
        case .unknownDistrict(let text):
            return Message(
                "không có quận/huyện \"\(text)\"; xem danh sách trong Seeds/\(SeedDirectory.districtsFile)",
                "no district \"\(text)\"; see the list in Seeds/\(SeedDirectory.districtsFile)")
        case .unknownUnit(let text):
            return Message(
                "không có xã/phường \"\(text)\" trong 126 đơn vị từ 1/7/2025, 526 đơn vị từ 1/1/2025 hay 579 đơn vị "
                    + "năm 2021; xem Seeds/\(SeedDirectory.unitsFile) và Seeds/\(SeedDirectory.units2021File)",
                "no commune or ward \"\(text)\" among the 126 units in force since 1 July 2025, the 526 of 1 January "
                    + "2025 or the 579 of 2021; see Seeds/\(SeedDirectory.unitsFile) and "
                    + "Seeds/\(SeedDirectory.units2021File)")
        case .unknownGrade(let text, let known):
            return Message(
                "xếp loại \"\(text)\" không rõ; dùng: \(known.joined(separator: ", "))",
                "unknown grade \"\(text)\"; use: \(known.joined(separator: ", "))")
        case .invalidRecord(let index, let name, let findings):
            let words = catalogMessage(.invalid(findings))
            return Message("bản ghi \(index) (\(name)): \(words.vi)", "record \(index) (\(name)): \(words.en)")
        case .itineraryExists(let name):
            return Message(
                "đã có lịch trình \"\(name)\"; thêm --replace để lập lại",
                "an itinerary \"\(name)\" exists; add --replace to plan it again")
        case .noSuchItinerary(let name, let known):
            return Message(
                "không có lịch trình \"\(name)\""
                    + (known.isEmpty
                        ? "; lập bằng `htx itinerary plan \(name) …`" : "; đã có: \(known.joined(separator: ", "))"),
                "no itinerary \"\(name)\""
                    + (known.isEmpty
                        ? "; plan one with `htx itinerary plan \(name) …`"
                        : "; there are: \(known.joined(separator: ", "))"))
        case .shortlistExists(let name):
            return Message(
                "đã có danh sách \"\(name)\"; thêm --replace để lập lại (trạng thái duyệt cũ vẫn còn trong lịch sử)",
                "a shortlist \"\(name)\" exists; add --replace to build it again (old statuses stay in history)")
        case .noSuchShortlist(let name, let known):
            return Message(
                "không có danh sách \"\(name)\""
                    + (known.isEmpty
                        ? "; lập bằng `htx shortlist build \(name)`" : "; đã có: \(known.joined(separator: ", "))"),
                "no shortlist \"\(name)\""
                    + (known.isEmpty
                        ? "; build one with `htx shortlist build \(name)`"
                        : "; there are: \(known.joined(separator: ", "))"))
        case .unsavableShortlist(let name, let detail):
            return Message(
                "danh sách \"\(name)\" không lưu được vì không đọc lại được (\(detail.vi)); kiểm tra trọng số của hồ "
                    + "sơ tiêu chí",
                "shortlist \"\(name)\" is not saved: it would not read back (\(detail.en)); check the profile's weights"
            )
        case .unreadableShortlist(let name, let detail):
            return Message(
                "danh sách \"\(name)\" đã lưu không đọc lại được (\(detail.vi)); lập lại: htx shortlist build \(name) "
                    + "--replace",
                "the saved shortlist \"\(name)\" cannot be read back (\(detail.en)); build it again: htx shortlist "
                    + "build \(name) --replace"
            )
        case .notOnShortlist(let id, let name, let shortlist):
            return Message(
                "#\(id) \(name) không có trong danh sách \"\(shortlist)\"",
                "#\(id) \(name) is not on shortlist \"\(shortlist)\"")
        case .staleEdit(let id, let name, let by, let at):
            return Message(
                "#\(id) \(name) đã được \(by ?? "người khác") sửa lúc \(at) sau khi anh/chị mở; chưa ghi gì: mở lại "
                    + "hồ sơ, "
                    + "xem thay đổi rồi sửa lại",
                "#\(id) \(name) was changed by \(by ?? "someone else") at \(at) after you opened it; nothing was "
                    + "written: "
                    + "open the record again, see the change and edit again")
        }
    }
}
