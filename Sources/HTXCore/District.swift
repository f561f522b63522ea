/// A district-level unit of Hanoi as of 2021 (quận, huyện, thị xã), with its GSO code and centre point.
public struct District: Codable, Sendable, Equatable {
    /// The statistical code of QĐ 124/2004/QĐ-TTg, e.g. `017`.
    public var code: String
    /// "Quận", "Huyện" or "Thị xã".
    public var type: String
    /// The name without its type, e.g. "Đông Anh".
    public var name: String
    public var centre: GeoPoint

    public init(code: String, type: String, name: String, centre: GeoPoint) {
        self.code = code
        self.type = type
        self.name = name
        self.centre = centre
    }

    /// The full name with its type: "Huyện Đông Anh".
    public var fullName: String { "\(type) \(name)" }
}

/// The dated reference table of Hanoi's 30 district-level units of 2021, with lookup by code or loosely typed name.
public struct DistrictDirectory: Sendable {
    public let districts: [District]
    private let byKey: [String: District]

    public init(_ districts: [District]) {
        self.districts = districts
        var map: [String: District] = [:]
        for district in districts {
            map[VietnameseText.fold(district.name)] = district
            map[VietnameseText.fold(district.fullName)] = district
            map[VietnameseText.fold(district.name).replacingOccurrences(of: " ", with: "")] = district
        }
        byKey = map
    }

    /// Reads the seed CSV (`code,type,name,lat,lon`), throwing on a malformed line with its line number.
    public static func parseCSV(
        _ text: String, file: String = "hanoi-districts-2021.csv"
    ) throws(UserError) -> DistrictDirectory {
        var districts: [District] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                VietnameseText.clean(String($0))
            }
            guard cells.count == 5, let lat = Double(cells[3]), let lon = Double(cells[4]) else {
                throw UserError(
                    "\(file), dòng \(index + 1): cần 5 cột code,type,name,lat,lon",
                    "\(file), line \(index + 1): expected 5 columns code,type,name,lat,lon")
            }
            districts.append(
                District(code: cells[0], type: cells[1], name: cells[2], centre: GeoPoint(lat: lat, lon: lon)))
        }
        return DistrictDirectory(districts)
    }

    /// Finds a district by code ("017", "17") or name, with or without "Quận/Huyện/Thị xã", any case or tones.
    public func find(_ text: String) -> District? {
        let trimmed = text.trimmingSpaces
        if !trimmed.isEmpty, trimmed.count <= 3, trimmed.allSatisfy(\.isASCII), let number = Int(trimmed) {
            return districts.first { Int($0.code) == number }
        }
        let folded = VietnameseText.fold(text)
        if let found = byKey[folded] { return found }
        for prefix in ["quan ", "huyen ", "thi xa ", "q ", "h ", "tx "] where folded.hasPrefix(prefix) {
            if let found = byKey[String(folded.dropFirst(prefix.count))] { return found }
        }
        return nil
    }
}
