import HTXCore
import Testing

@testable import HTXBriefing

/// Documents write where a cooperative is in the form in force on the visit date (SPEC §12).
@Suite struct PlaceTextTests {
    let districts = [District(code: "017", type: "Huyện", name: "Đông Anh", centre: GeoPoint(lat: 21.1, lon: 105.8))]

    func coop(commune: String?, unit: AdminUnit?) -> Cooperative {
        var coop = Cooperative(name: "HTX Uy Nỗ")
        coop.commune = commune
        coop.district = "Đông Anh"
        coop.unit2025 = unit
        return coop
    }

    @Test func beforeTheReformTheCommuneAndDistrict() {
        let record = coop(commune: "xã Uy Nỗ", unit: AdminUnit(code: "00454", name: "Đông Anh", type: "xã"))
        #expect(OfficialText.place(record, districts, on: "2025-06-30") == "xã Uy Nỗ, huyện Đông Anh")
        #expect(OfficialText.localCommittee(record, districts, on: "2021-10-28") == "UBND huyện Đông Anh")
    }

    @Test func fromTheReformTheUnitWithTheFormerInBrackets() {
        let unit = AdminUnit(code: "00454", name: "Đông Anh", type: "xã")
        let record = coop(commune: "xã Uy Nỗ", unit: unit)
        #expect(
            OfficialText.place(record, districts, on: "2025-07-01")
                == "xã Đông Anh, thành phố Hà Nội (trước 1/7/2025: xã Uy Nỗ, huyện Đông Anh)")
        #expect(OfficialText.localCommittee(record, districts, on: "2026-12-03") == "UBND xã Đông Anh")
        // A commune written with the new name needs only the former district.
        #expect(
            OfficialText.place(coop(commune: "Xã Đông Anh", unit: unit), districts, on: nil)
                == "xã Đông Anh, thành phố Hà Nội (trước 1/7/2025 thuộc huyện Đông Anh)")
        // While the unit is unknown (a split commune), the old names are marked as such; no committee is guessed.
        let split = coop(commune: "xã Uy Nỗ", unit: nil)
        #expect(
            OfficialText.place(split, districts, on: "2026-01-05")
                == "xã Uy Nỗ, huyện Đông Anh (địa danh trước 1/7/2025), thành phố Hà Nội")
        #expect(OfficialText.localCommittee(split, districts, on: "2026-01-05") == nil)
        #expect(OfficialText.localCommittees("2026-01-05") == "UBND các xã, phường")
        #expect(OfficialText.localCommittees("2021-10-28") == "UBND các quận, huyện")
    }
}
