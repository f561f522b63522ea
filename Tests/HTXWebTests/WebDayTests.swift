import Foundation
import HTTPTypes
import HTXCatalog
import HTXCore
import HTXKit
import HTXShortlist
import HTXTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import HTXWeb

@Suite("Web: selection downloads, profile, decisions, reordering, replanning, the day, visit details")
struct WebDayTests {
    @Test("the list's selection downloads as CSV and XLSX, filtered and searched as shown, every record whole")
    func selectionDownloads() async throws {
        let fixture = try await WebFixture()
        let dongAnh = try fixture.kit.list(district: "Đông Anh", sector: nil, grade: nil)
        #expect(!dongAnh.isEmpty)
        try await fixture.test { client in
            let csv = try await client.execute(uri: "/coops?district=%C4%90%C3%B4ng%20Anh&format=csv", method: .get)
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.contains("danh-muc-htx.csv") == true)
            let lines = csv.text.split(whereSeparator: \.isNewline)
            #expect(lines.count == dongAnh.count + 1, "a header and one line per record of the district")
            for coop in dongAnh { #expect(csv.text.contains(coop.name), "\(coop.name)") }
            // A search inside the filter: only its hits that the filter keeps.
            let searched = try await client.execute(
                uri: "/coops?q=nong%20nghiep&district=%C4%90%C3%B4ng%20Anh&format=csv", method: .get)
            let hits = try fixture.kit.search("nong nghiep", limit: 500).results.map(\.id)
            let kept = Set(dongAnh.map(\.id))
            #expect(searched.text.split(whereSeparator: \.isNewline).count == hits.filter(kept.contains).count + 1)
            // Personal contacts only when asked for.
            #expect(!csv.text.contains("0900") || csv.text.contains("Liên hệ") == false)
            let full = try await client.execute(
                uri: "/coops?district=%C4%90%C3%B4ng%20Anh&format=csv&contacts=1", method: .get)
            #expect(full.text.count > csv.text.count, "the full file holds the contacts the public one leaves out")
            // A search with a grade: the page and the download agree.
            let graded = try await client.execute(uri: "/coops?q=HTX&grade=T%E1%BB%91t", method: .get)
            let gradedCSV = try await client.execute(uri: "/coops?q=HTX&grade=T%E1%BB%91t&format=csv", method: .get)
            let shownCount = try #require(graded.text.firstMatch(of: /(\d+) hợp tác xã/).map { Int($0.1) ?? -1 })
            #expect(shownCount > 0 && gradedCSV.text.split(whereSeparator: \.isNewline).count == shownCount + 1)
            let xlsx = try await client.execute(uri: "/coops?format=xlsx", method: .get)
            #expect(xlsx.status == .ok && xlsx.text.hasPrefix("PK") && xlsx.headers[.contentType] == WebApp.xlsxType)
            let page = try await client.execute(uri: "/coops?district=%C4%90%C3%B4ng%20Anh", method: .get)
            #expect(page.text.contains("href=\"/coops?district=%C4%90%C3%B4ng%20Anh&amp;format=csv\""))
        }
    }

    @Test("the build form weighs the criteria: a changed weight changes the record's profile; a bad weight is 400")
    func weightedBuild() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let form = try await client.execute(uri: "/shortlists", method: .get)
            #expect(form.text.contains("name=\"w-grade\"") && form.text.contains("value=\"20\""))
            var fields = [("_csrf", WebFixture.token), ("name", "chi-ocop"), ("size", "5")]
            for criterion in Criterion.allCases { fields.append(("w-" + criterion.rawValue, "0")) }
            fields.removeAll { $0.0 == "w-ocop" }
            fields.append(("w-ocop", "10"))
            fields += [("minGrade", ""), ("minYears", "")]
            let built = try await client.execute(
                uri: "/shortlists", method: .post, headers: WebFixture.formHeaders, body: WebFixture.form(fields))
            #expect(built.status == .seeOther)
            let record = try fixture.kit.shortlist("chi-ocop")
            #expect(record.profile == "mac-dinh-web")
            for entry in record.entries { #expect(entry.criteria.pairs.map(\.key) == ["ocop"]) }
            #expect(try fixture.kit.shortlist("chi-ocop").parameters["weights"] == "ocop=10")
            let page = try await client.execute(uri: "/shortlists/chi-ocop", method: .get)
            #expect(page.text.contains("Trọng số: OCOP 10."))
            let bad = try await client.execute(
                uri: "/shortlists", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("name", "x"), ("w-grade", "nhiều")]))
            #expect(bad.status == .badRequest && bad.text.contains("Xếp loại"))
            // The refused form comes back as typed, with the reason above it.
            #expect(bad.text.contains("name=\"w-grade\" inputmode=\"decimal\" value=\"nhiều\""))
            #expect(bad.text.contains("id=\"s-name\" name=\"name\" value=\"x\"") && bad.text.contains("role=\"alert\""))
            let range = try await client.execute(
                uri: "/shortlists", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("name", "x"), ("w-grade", "-3")]))
            #expect(range.status == .badRequest)
            #expect(throws: CatalogError.self) { try fixture.kit.shortlist("x") }
        }
    }

    @Test("a profile written as YAML reads back equal, whatever its title holds")
    func profileYAML() throws {
        let (text, _) = try Fixtures.seeds.defaultProfile()
        var profile = try CriteriaProfile.parse(yaml: text, file: "p")
        #expect(try CriteriaProfile.parse(yaml: profile.yaml, file: "p") == profile)
        profile.title = "Tiêu đề \"lạ\"\ncriteria: {grade: 999}"
        #expect(try CriteriaProfile.parse(yaml: profile.yaml, file: "p") == profile)
    }

    @Test("the shortlist page lists near-misses and the decisions, newest first, with who and the note")
    func decisions() async throws {
        let fixture = try await WebFixture()
        let record = try fixture.kit.shortlist("demo")
        let first = try #require(record.entries.first)
        let miss = try #require(record.notSelected.first)
        try await fixture.test { client in
            let before = try await client.execute(uri: "/shortlists/demo", method: .get)
            #expect(before.text.contains(miss.name))
            let earlier = before.text.components(separatedBy: "· web ·").count
            _ = try await client.execute(
                uri: "/shortlists/demo/entries/\(first.id)", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("status", "rejected"), ("note", "Trùng xã")]))
            let after = try await client.execute(uri: "/shortlists/demo", method: .get)
            #expect(after.text.contains("→ Không duyệt – Trùng xã"))
            #expect(after.text.components(separatedBy: "· web ·").count == earlier + 1)
            let newest = try #require(after.text.range(of: "<ol class=\"history\">"))
            #expect(after.text[newest.upperBound...].prefix(400).contains("Trùng xã"), "newest first")
        }
    }

    @Test("a reordered day is evaluated at once: times, the broken constraint named, nothing saved; JSON too")
    func reorder() async throws {
        let fixture = try await WebFixture()
        let saved = try fixture.kit.itinerary("demo").report
        let days = saved.days.map { $0.stops.map(\.id) }
        try await fixture.test { client in
            let page = try await client.execute(uri: "/itineraries/demo", method: .get)
            #expect(page.text.contains("name=\"day1\" value=\"\(days[0].joined(separator: ","))\""))
            var query = days.enumerated().map { "day\($0 + 1)=\($1.joined(separator: ","))" }.joined(separator: "&")
            let same = try await client.execute(uri: "/itineraries/demo/check?\(query)", method: .get)
            #expect(same.status == .ok && same.text.contains("Thứ tự này thoả mọi ràng buộc."))
            // The first day without its last stop: a must-visit is missing, and said so by name.
            let short = days[0].dropLast()
            query =
                "day1=\(short.joined(separator: ","))"
                + days.dropFirst().enumerated().map { "&day\($0 + 2)=\($1.joined(separator: ","))" }.joined()
            let broken = try await client.execute(uri: "/itineraries/demo/check?\(query)&format=json", method: .get)
            let answer = try JSONSerialization.jsonObject(with: Data(broken.text.utf8)) as? [String: Any]
            let violations = try #require(answer?["violations"] as? [String])
            let missing = try #require(saved.days[0].stops.last)
            #expect(violations.contains { $0.contains(missing.name) }, "\(violations)")
            #expect(try fixture.kit.itinerary("demo").report == saved, "nothing saved")
        }
    }

    @Test("a delay after a stop shifts the rest of the day, is saved and listed; the day's phone view follows it")
    func replanAndToday() async throws {
        let fixture = try await WebFixture()
        let day = try #require(try fixture.kit.itinerary("demo").report.days.first)
        let first = try #require(day.stops.first)
        try await fixture.test { client in
            let today = try await client.execute(uri: "/itineraries/demo/today?day=1", method: .get)
            #expect(today.status == .ok && today.text.contains("Điểm tiếp theo: \(first.name)"))
            #expect(today.text.contains("name=\"_csrf\" value=\"\(WebFixture.token)\""))
            let next = try await client.execute(uri: "/itineraries/demo/today?day=1&done=\(first.id)", method: .get)
            #expect(next.text.contains("Điểm tiếp theo: \(day.stops[1].name)"))
            let refused = try await client.execute(
                uri: "/itineraries/demo/replan", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("day", "1"), ("after", first.id), ("delay", "45")]))
            #expect(refused.status == .forbidden, "no token, no change")
            let replanned = try await client.execute(
                uri: "/itineraries/demo/replan", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([
                    ("_csrf", WebFixture.token), ("day", "1"), ("after", first.id), ("delay", "45"),
                ]))
            #expect(replanned.status == .ok && replanned.text.contains("Thay đổi"))
            let after = try #require(try fixture.kit.itinerary("demo").report.days.first)
            #expect(after.stops[0].start == first.start, "the stop already done keeps its time")
            #expect(
                after.stops.dropFirst().map(\.start) != day.stops.dropFirst().map(\.start) || after.stops != day.stops)
            // The same form sent twice (a reload, a double tap): the second is refused, the delay counted once.
            let plan = try fixture.kit.itineraryVersion("demo")
            let form = WebFixture.form([
                ("_csrf", WebFixture.token), ("_plan", plan), ("day", "1"), ("after", first.id), ("delay", "15"),
            ])
            let once = try await client.execute(
                uri: "/itineraries/demo/replan", method: .post, headers: WebFixture.formHeaders, body: form)
            #expect(once.status == .ok)
            let shifted = try fixture.kit.itinerary("demo").report
            let twice = try await client.execute(
                uri: "/itineraries/demo/replan", method: .post, headers: WebFixture.formHeaders, body: form)
            #expect(twice.status == .conflict && twice.text.contains("đã thay đổi sau khi trang này được mở"))
            #expect(try fixture.kit.itinerary("demo").report == shifted, "nothing shifted the second time")
            let bad = try await client.execute(
                uri: "/itineraries/demo/replan", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("delay", "abc")]))
            #expect(bad.status == .badRequest)
            #expect(try await client.execute(uri: "/itineraries/demo/today?day=9", method: .get).status == .badRequest)
        }
    }

    @Test("visit details are edited as their file: stored when valid, refused beside the text when not")
    func visitDetails() async throws {
        let fixture = try await WebFixture()
        let host = try #require(try fixture.kit.itinerary("demo").report.days.first?.stops.first)
        try await fixture.test { client in
            let form = try await client.execute(uri: "/itineraries/demo/visit", method: .get)
            #expect(form.status == .ok && form.text.contains("<textarea"))
            let text =
                "issuedOn: 2021-10-22\nhosts:\n  \"\(host.id)\":\n    name: Nguyễn Thị Hoa\n"
                + "    title: Giám đốc\n    phone: \"0900 000 911\"\n"
            let saved = try await client.execute(
                uri: "/itineraries/demo/visit", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("visit", text)]))
            #expect(saved.status == .seeOther)
            #expect(try fixture.kit.visit("demo")?.hosts?[host.id]?.name == "Nguyễn Thị Hoa")
            let today = try await client.execute(uri: "/itineraries/demo/today?day=1", method: .get)
            #expect(today.text.contains("Nguyễn Thị Hoa") && today.text.contains("href=\"tel:0900000911\""))
            let again = try await client.execute(uri: "/itineraries/demo/visit", method: .get)
            #expect(again.text.contains("Nguyễn Thị Hoa"), "the stored details come back as text")
            // What the page shows, sent back as it is, stores the same details.
            let shown = try #require(again.text.range(of: "spellcheck=\"false\">")).upperBound
            let end = try #require(again.text[shown...].range(of: "</textarea>")).lowerBound
            let echoed = String(again.text[shown..<end]).replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            let stored = try fixture.kit.visit("demo")
            let resent = try await client.execute(
                uri: "/itineraries/demo/visit", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("visit", echoed)]))
            let restored = try fixture.kit.visit("demo")
            #expect(resent.status == .seeOther && restored == stored)
            let bad = try await client.execute(
                uri: "/itineraries/demo/visit", method: .post, headers: WebFixture.formHeaders,
                body: WebFixture.form([("_csrf", WebFixture.token), ("visit", "issuedOn: 2021-10-22\nsignr: x\n")]))
            #expect(bad.status == .badRequest && bad.text.contains("signr") && bad.text.contains("aria-invalid"))
            #expect(try fixture.kit.visit("demo")?.hosts?[host.id]?.name == "Nguyễn Thị Hoa", "nothing changed")
        }
    }

    @Test("an unknown address is a 404 page with the security headers; the language link keeps the query")
    func unknownAndLanguage() async throws {
        let fixture = try await WebFixture()
        try await fixture.test { client in
            let missing = try await client.execute(uri: "/khong-co/trang", method: .get)
            #expect(missing.status == .notFound && missing.text.contains("Không có trang này"))
            #expect(missing.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            let post = try await client.execute(uri: "/khong-co", method: .post)
            #expect(post.status == .forbidden, "a post without the token is refused before anything else")
            let page = try await client.execute(uri: "/coops?q=dong%20anh&page=1", method: .get)
            #expect(page.text.contains("href=\"/coops?q=dong%20anh&amp;page=1&amp;lang=en\""))
            let elsewhere = try await client.execute(uri: "//evil.example/x", method: .get)
            #expect(
                !elsewhere.text.contains("href=\"//evil") && elsewhere.text.contains("href=\"/evil.example/x?lang=en\"")
            )
            let nested = try await client.execute(uri: "/coops/1/khong-co", method: .get)
            #expect(nested.status == .notFound && nested.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test("a record's page draws its figures as an SVG chart and words its history")
    func chart() async throws {
        let fixture = try await WebFixture()
        let coop = try #require(
            try fixture.kit.list().first { (try? fixture.kit.cooperative(String($0.id)))?.figures.isEmpty == false })
        try await fixture.test { client in
            let page = try await client.execute(uri: "/coops/\(coop.id)", method: .get)
            #expect(page.text.contains("<figure class=\"chart\"><svg"))
            #expect(page.text.contains("tạo hồ sơ"))
        }
    }
}
