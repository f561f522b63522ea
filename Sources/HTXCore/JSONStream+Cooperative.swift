extension JSONStream {
    /// Writes a record as `Cooperative.encode(to:)` does, key for key, without the `Encoder` machinery: an export of
    /// a hundred thousand records spent most of its time in dynamic casts and generic containers. `JSONStreamTests`
    /// checks the two give the same text.
    func cooperative(_ coop: Cooperative) {
        let object = open(object: true)
        func key(_ name: String) { member(of: object, key: name) }
        func text(_ name: String, _ value: String?) {
            key(name)
            if let value { string(value) } else { raw("null") }
        }
        func number(_ name: String, _ value: Double?) {
            key(name)
            raw(value.map(JSONText.number) ?? "null")
        }
        func integer(_ name: String, _ value: Int?) {
            key(name)
            raw(value.map { String($0) } ?? "null")
        }
        /// A list of objects, each written by `fields` into its own frame.
        func list<T>(_ name: String, _ items: [T], _ fields: (Int, T) -> Void) {
            key(name)
            let array = open(object: false)
            for item in items {
                member(of: array, key: nil)
                let inner = open(object: true)
                fields(inner, item)
                close(deeperThan: inner)
            }
            close(deeperThan: array)
        }
        func strings(_ name: String, _ items: [String]) {
            key(name)
            let array = open(object: false)
            for item in items {
                member(of: array, key: nil)
                string(item)
            }
            close(deeperThan: array)
        }
        func field(_ frame: Int, _ name: String, _ value: String?) {
            member(of: frame, key: name)
            if let value { string(value) } else { raw("null") }
        }
        func field(_ frame: Int, _ name: String, number value: Double?) {
            member(of: frame, key: name)
            raw(value.map(JSONText.number) ?? "null")
        }
        func field(_ frame: Int, _ name: String, integer value: Int?) {
            member(of: frame, key: name)
            raw(value.map { String($0) } ?? "null")
        }

        key("id")
        raw(coop.id.map { String($0) } ?? "null")
        text("name", coop.name)
        text("taxCode", coop.taxCode)
        text("legalForm", coop.legalForm.label)
        strings("sectors", coop.sectors.map(\.label))
        text("address", coop.address)
        text("commune", coop.commune)
        text("district", coop.district)
        key("unit2025")
        if let unit = coop.unit2025 {
            let inner = open(object: true)
            field(inner, "code", unit.code)
            field(inner, "name", unit.name)
            field(inner, "type", unit.type)
            close(deeperThan: inner)
        } else {
            raw("null")
        }
        key("location")
        if let point = coop.location {
            let inner = open(object: true)
            field(inner, "lat", number: point.lat)
            field(inner, "lon", number: point.lon)
            close(deeperThan: inner)
        } else {
            raw("null")
        }
        text("founded", coop.founded)
        integer("members", coop.members)
        integer("employees", coop.employees)
        number("charterCapital", coop.charterCapital)
        list("figures", coop.figuresByYear) { frame, figure in
            field(frame, "year", integer: figure.year)
            field(frame, "revenue", number: figure.revenue)
            field(frame, "profit", number: figure.profit)
            field(frame, "memberIncome", number: figure.memberIncome)
            field(frame, "members", integer: figure.members)
        }
        list("grades", coop.grades.sorted { $0.year < $1.year }) { frame, grade in
            field(frame, "year", integer: grade.year)
            field(frame, "scheme", grade.scheme)
            field(frame, "score", number: grade.score)
            field(frame, "grade", grade.grade)
        }
        list("certifications", coop.certifications) { frame, certification in
            field(frame, "kind", certification.kind.rawValue)
            field(frame, "product", certification.product)
            field(frame, "stars", integer: certification.stars)
            field(frame, "year", integer: certification.year)
            field(frame, "issuer", certification.issuer)
            field(frame, "note", certification.note)
        }
        list("awards", coop.awards) { frame, award in
            field(frame, "title", award.title)
            field(frame, "level", award.level.rawValue)
            field(frame, "issuer", award.issuer)
            field(frame, "year", integer: award.year)
        }
        list("contacts", coop.contacts) { frame, contact in
            field(frame, "role", contact.role)
            field(frame, "name", contact.name)
            field(frame, "phone", contact.phone)
            field(frame, "email", contact.email)
        }
        text("achievements", coop.achievements)
        strings("otherNames", coop.otherNames)
        strings("products", coop.products)
        strings("valueChains", coop.valueChains)
        strings("digital", coop.digital)
        key("receptionHours")
        let windows = open(object: false)
        for window in coop.receptionHours {
            member(of: windows, key: nil)
            let pair = open(object: false)
            member(of: pair, key: nil)
            string(TimeWindow.format(window.start))
            member(of: pair, key: nil)
            string(TimeWindow.format(window.end))
            close(deeperThan: pair)
        }
        close(deeperThan: windows)
        key("pilot")
        raw(coop.pilot ? "true" : "false")
        text("note", coop.note)
        key("illustrative")
        raw(coop.illustrative ? "true" : "false")
        close(deeperThan: object)
    }
}
