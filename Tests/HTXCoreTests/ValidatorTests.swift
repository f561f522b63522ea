import Foundation
import Testing

@testable import HTXCore

@Suite("Validators")
struct ValidatorTests {
    @Test(
        "valid tax codes normalise and pass the check digit",
        arguments: [
            ("0100233488", "0100233488"), ("0100 109 106", "0100109106"), ("0314409058-002", "0314409058-002"),
            ("0314409058002", "0314409058-002"), ("01.00.23.34.88", "0100233488"),
        ])
    func validTaxCodes(pair: (String, String)) throws {
        let (code, warning) = try TaxCode.parse(pair.0)
        #expect(code.value == pair.1)
        #expect(warning == nil)
    }

    @Test("a wrong check digit is a warning, not a rejection")
    func checkDigit() throws {
        let (code, warning) = try TaxCode.parse("0100233480")
        #expect(code.value == "0100233480")
        #expect(warning != nil)
        #expect(!code.checkDigitHolds)
    }

    @Test("malformed tax codes are refused", arguments: ["12345", "01002334881", "0100ABC488", "0314409058-000", ""])
    func badTaxCodes(text: String) {
        #expect(throws: UserError.self) { try TaxCode.parse(text) }
    }

    @Test(
        "phones are stored in E.164 and printed in national grouping",
        arguments: [
            ("0912 345 678", "+84912345678", "0912 345 678"), ("+84 912345678", "+84912345678", "0912 345 678"),
            ("024 3765 4321", "+842437654321", "024 3765 4321"),
            ("(024) 37.65.43.21", "+842437654321", "024 3765 4321"),
            ("84912345678", "+84912345678", "0912 345 678"), ("0221 3 862 123", "+842213862123", "0221 386 2123"),
        ])
    func phones(triple: (String, String, String)) throws {
        let (phone, warning) = try PhoneNumber.parse(triple.0)
        #expect(phone.e164 == triple.1)
        #expect(phone.national == triple.2)
        #expect(warning == nil)
    }

    @Test(
        "obsolete numbers are converted with a warning",
        arguments: [
            ("01662 345 678", "+84362345678"), ("0123 456 7890", "+84834567890"), ("04 3765 4321", "+842437654321"),
            ("3765 4321", "+842437654321"), ("0199 123 4567", "+84591234567"),
        ])
    func obsoletePhones(pair: (String, String)) throws {
        let (phone, warning) = try PhoneNumber.parse(pair.0)
        #expect(phone.e164 == pair.1)
        #expect(warning != nil)
    }

    @Test(
        "bad phones are refused",
        arguments: ["12345", "0912 345 67", "091234567890", "+1 555 123 4567", "0912-ABC", "01912345678"])
    func badPhones(text: String) {
        #expect(throws: UserError.self) { try PhoneNumber.parse(text) }
    }

    @Test("e-mails")
    func emails() throws {
        #expect(try EmailAddress.normalize(" lienhe@HTX-Example.VN ") == "lienhe@htx-example.vn")
        for bad in ["a@b", "@x.vn", "a b@x.vn", "a@@x.vn", "a@x.vn;b@y.vn"] {
            #expect(throws: UserError.self) { try EmailAddress.normalize(bad) }
        }
    }

    @Test("coordinates: Hanoi bounds and parsing")
    func coordinates() throws {
        #expect(try GeoPoint.parse("21.0285, 105.8542").isInsideHanoi)
        #expect(!GeoPoint(lat: 105.8542, lon: 21.0285).isInsideHanoi)
        #expect(!GeoPoint(lat: 10.77, lon: 106.70).isInsideHanoi)
        #expect(throws: UserError.self) { try GeoPoint.parse("21.02") }
        let office = GeoPoint(lat: 21.0280, lon: 105.8340)
        let lake = GeoPoint(lat: 21.0286, lon: 105.8508)
        #expect(abs(office.distanceKm(to: lake) - 1.74) < 0.05)
    }

    @Test("grade schemes are data, not one hard-coded scale")
    func grades() {
        let scheme = GradeScheme.tt01of2020
        #expect(scheme.label(for: 80) == "Tốt")
        #expect(scheme.label(for: 79.9) == "Khá")
        #expect(scheme.label(for: 50) == "Trung bình")
        #expect(scheme.label(for: 10) == "Yếu")
        #expect(scheme.canonicalLabel("TRUNG BINH") == "Trung bình")
        #expect(GradeScheme.named("tt01/2020") == scheme)
    }

    @Test(
        "dates become ISO 8601",
        arguments: [
            ("15/10/2021", "2021-10-15"), ("2021", "2021"), ("1-7-2025", "2025-07-01"), ("2021-10-15", "2021-10-15"),
        ])
    func dates(pair: (String, String)) {
        #expect(CooperativeNormalizer.isoDate(pair.0) == pair.1)
    }

    @Test("impossible dates are refused", arguments: ["31/02/2021", "2021-13-01", "21", "ngày 5"])
    func badDates(text: String) {
        #expect(CooperativeNormalizer.isoDate(text) == nil)
    }
}

@Suite("Districts and CSV")
struct DistrictTests {
    static let directory: DistrictDirectory = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Seeds/hanoi-districts-2021.csv")
        return try! DistrictDirectory.parseCSV(String(contentsOf: file, encoding: .utf8))
    }()

    @Test(
        "districts are found by code or loosely typed name",
        arguments: [
            ("017", "Đông Anh"), ("17", "Đông Anh"), ("dong anh", "Đông Anh"), ("Huyện Đông Anh", "Đông Anh"),
            ("H. Dong Anh", "Đông Anh"),
            ("THỊ XÃ SƠN TÂY", "Sơn Tây"), ("ung hoa", "Ứng Hòa"), ("Ứng Hoà", "Ứng Hòa"), ("Q. Đống Đa", "Đống Đa"),
            ("bactuliem", "Bắc Từ Liêm"),
        ])
    func find(pair: (String, String)) {
        #expect(DistrictTests.directory.find(pair.0)?.name == pair.1)
    }

    @Test("unknown districts are not guessed", arguments: ["Quận 1", "1000", "Sài Gòn", "", "Quận"])
    func unknown(text: String) {
        #expect(DistrictTests.directory.find(text) == nil)
    }

    @Test("the table has Hanoi's 30 units of 2021")
    func count() {
        #expect(DistrictTests.directory.districts.count == 30)
        #expect(DistrictTests.directory.districts.allSatisfy { $0.centre.isInsideHanoi })
    }

    @Test("CSV cells are quoted and formula-looking cells neutralised")
    func csv() {
        #expect(
            CSVFormat.row(["a", "b,c", "say \"hi\"", "=1+2", "+84912", "-12.5", "@x", "-x"])
                == "a,\"b,c\",\"say \"\"hi\"\"\",'=1+2,'+84912,-12.5,'@x,'-x")
    }

    @Test("JSON text keeps key order and writes empty collections compactly")
    func jsonText() throws {
        var coop = Cooperative(name: "HTX \"Đông\"\n")
        coop.members = 12
        let text = try JSONText.encode(coop, pretty: false)
        #expect(
            text.hasPrefix(
                "{\"id\":null,\"name\":\"HTX \\\"Đông\\\"\\n\",\"taxCode\":null,\"legalForm\":\"Hợp tác "
                    + "xã\",\"sectors\":[]"
            ))
        let decoded = try JSONDecoder().decode(Cooperative.self, from: Data(text.utf8))
        #expect(decoded == coop)
        #expect(
            try JSONText.encode(Contact(role: "Giám đốc"), pretty: false)
                == "{\"role\":\"Giám đốc\",\"name\":null,\"phone\":null,\"email\":null}")
        #expect(
            try JSONText.encode([YearlyFigures(year: 2020, revenue: 1.5)], pretty: false)
                == "[{\"year\":2020,\"revenue\":1.5,\"profit\":null,\"memberIncome\":null,\"members\":null}]")
    }
}
