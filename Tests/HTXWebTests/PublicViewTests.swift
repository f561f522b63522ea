import Foundation
import HTTPTypes
import HTXCatalog
import HTXCore
import HTXKit
import HTXTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HTXWeb

@Suite("The viewer's public view (SPEC §10)")
struct PublicViewTests {
    /// Every personal name, phone and e-mail the demo holds: the cooperatives' contacts, the visit's signer,
    /// contact person, delegation members, hosts and driver.
    static func personalStrings(_ kit: Kit) throws -> Set<String> {
        var found: Set<String> = []
        for summary in try kit.list() {
            for contact in try kit.cooperative(String(summary.id)).contacts {
                found.formUnion([contact.name, contact.phone, contact.email].compactMap { $0 })
            }
        }
        let visit = try #require(try kit.visit(Kit.demoName))
        var people = [visit.contact, visit.vehicle?.driver].compactMap { $0 }
        people += (visit.hosts ?? [:]).values
        found.formUnion(people.flatMap { [$0.name, $0.phone].compactMap { $0 } })
        found.formUnion((visit.delegation?.members ?? []).compactMap(\.name))
        found.formUnion([visit.signer?.name].compactMap { $0 })
        return found.filter { $0.count >= 5 }
    }

    @Test("no personal name, phone or e-mail on any page, JSON, download or document a viewer can reach")
    func nothingPersonal() async throws {
        let fixture = try await AccessFixture()
        let personal = try PublicViewTests.personalStrings(fixture.kit)
        #expect(personal.count > 100, "the demo has people to hide: \(personal.count)")
        // A contact's phone changed through the server: its history line holds both numbers.
        let coop = try #require(try fixture.kit.list(district: AccessFixture.district, sector: nil, grade: nil).first)
        try await fixture.test { client in
            let alliance = try await AccessFixture.signIn(client, AccessFixture.user(.alliance))
            let version = try fixture.kit.version(String(coop.id))
            let edit = try await client.execute(
                uri: "/coops/\(coop.id)", method: .post, headers: alliance.formHeaders,
                body: WebFixture.form([
                    ("_csrf", alliance.csrf), ("_version", String(version)), ("members", "123"),
                ]))
            #expect(edit.status == .seeOther, "\(edit.status)")
            // Contacts are changed from the command line; their old and new values are in history.
            _ = try fixture.kit.editCooperative(
                String(coop.id),
                fields: [
                    FieldValue(
                        "contacts",
                        #"[{"role":"Giám đốc","name":"Người Mới Tên Riêng","phone":"+84912345678","#
                            + #""email":"moi@example.org"}]"#
                    )
                ],
                origin: ChangeOrigin(by: "Người Sửa Bằng Dòng Lệnh", source: "htx coop edit"))
            // A decision's note is free text: it may name someone.
            let entry = try #require(try fixture.kit.shortlist(Kit.demoName).entries.first)
            _ = try fixture.kit.setShortlistStatus(
                Kit.demoName, cooperative: String(entry.id), status: .approved, note: "gọi Người Mới Tên Riêng",
                origin: ChangeOrigin(by: "Người Sửa Bằng Dòng Lệnh", source: "htx shortlist approve"))
            let viewer = try await AccessFixture.signIn(client, AccessFixture.user(.viewer))
            let allianceSees = try await client.execute(
                uri: "/coops/\(coop.id)", method: .get, headers: alliance.headers)
            let secret = personal.first { allianceSees.text.contains($0) }
            #expect(secret != nil, "the alliance sees the contacts (the check below would prove nothing otherwise)")
            var addresses = [
                "/coops", "/coops?format=json", "/coops?q=dong+anh&format=json", "/coops?format=csv",
                "/coops?format=csv&contacts=1", "/check", "/check?format=json", "/shortlists", "/shortlists/demo",
                "/shortlists/demo?format=json", "/itineraries", "/itineraries/demo", "/itineraries/demo?format=json",
                "/itineraries/demo/today?day=1", "/itineraries/demo/today?day=2", "/itineraries/demo/packet.html",
                "/itineraries/demo/packet.md", "/itineraries/demo/check?day1=1",
            ]
            for summary in try fixture.kit.list() {
                addresses += ["/coops/\(summary.id)", "/coops/\(summary.id)?format=json"]
            }
            addresses += ["/coops/\(entry.id)"]
            var pages = 0
            for address in addresses {
                let response = try await client.execute(uri: address, method: .get, headers: viewer.headers)
                #expect(response.status == .ok, "\(address): \(response.status)")
                let text = response.text
                for value in personal where text.contains(value) {
                    Issue.record("\(address) shows \(value) to a viewer")
                }
                for value in ["Người Mới Tên Riêng", "moi@example.org", "+84912345678", "Người Sửa Bằng Dòng Lệnh"] {
                    #expect(!text.contains(value), "\(address) shows \(value)")
                }
                #expect(!text.contains(AccessFixture.user(.alliance)), "\(address) names the user who changed it")
                pages += 1
            }
            #expect(pages == addresses.count)
            for refused in [
                "/itineraries/demo/letters.zip", "/itineraries/demo/letters%2Ezip", "/itineraries/demo/letters.zi%70",
                "/itineraries/demo/%6Cetters.zip", "/itineraries/demo/visit", "/itineraries/demo/vi%73it", "/import",
                "/users", "/audit",
            ] {
                let response = try await client.execute(uri: refused, method: .get, headers: viewer.headers)
                #expect(response.status == .forbidden, "\(refused): \(response.status)")
            }
            let page = try await client.execute(uri: "/coops/\(coop.id)", method: .get, headers: viewer.headers)
            #expect(page.text.contains("Cơ quan alliance"), "history names the organisation instead")
            #expect(!page.text.contains("class=\"edit\""), "no edit form for a viewer")
        }
    }
}
