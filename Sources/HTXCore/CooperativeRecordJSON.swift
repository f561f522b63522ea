/// Writes a cooperative as compact JSON with the keys of `Cooperative.CodingKeys`, by hand: the catalog stores
/// one per record, and at import scale a generic `Encoder` costs more than everything else in a row together.
/// Top-level keys whose value is null, an empty list or false are left out (the decoder defaults them), so a
/// sparse record stays small. `Cooperative`'s `Decodable` reads it back; a test proves the two agree.
public enum CooperativeRecordJSON {
    /// The record without its id, as the catalog stores it.
    public static func encode(_ coop: Cooperative) -> String {
        var w = Writer()
        w.open()
        w.key("name")
        w.string(coop.name)
        w.optional("taxCode", coop.taxCode)
        w.key("legalForm")
        w.string(coop.legalForm.label)
        if !coop.sectors.isEmpty {
            w.key("sectors")
            w.strings(coop.sectors.map(\.label))
        }
        w.optional("address", coop.address)
        w.optional("commune", coop.commune)
        w.optional("district", coop.district)
        if let unit = coop.unit2025 {
            w.key("unit2025")
            w.raw("{\"code\":")
            w.string(unit.code)
            w.raw(",\"name\":")
            w.string(unit.name)
            w.raw(",\"type\":")
            w.string(unit.type)
            w.raw("}")
        }
        if let p = coop.location {
            w.key("location")
            w.raw("{\"lat\":")
            w.number(p.lat)
            w.raw(",\"lon\":")
            w.number(p.lon)
            w.raw("}")
        }
        w.optional("founded", coop.founded)
        if let v = coop.members {
            w.key("members")
            w.number(Double(v))
        }
        if let v = coop.employees {
            w.key("employees")
            w.number(Double(v))
        }
        if let v = coop.charterCapital {
            w.key("charterCapital")
            w.number(v)
        }
        let inOrder = zip(coop.figures, coop.figures.dropFirst()).allSatisfy { $0.year < $1.year }
        w.list("figures", inOrder ? coop.figures : coop.figuresByYear) { w, f in
            w.raw("{\"year\":")
            w.raw(String(f.year))
            w.raw(",\"revenue\":")
            w.number(f.revenue)
            w.raw(",\"profit\":")
            w.number(f.profit)
            w.raw(",\"memberIncome\":")
            w.number(f.memberIncome)
            w.raw(",\"members\":")
            w.number(f.members.map(Double.init))
            w.raw("}")
        }
        w.list("grades", coop.grades.sorted { $0.year < $1.year }) { w, g in
            w.raw("{\"year\":\(g.year),\"scheme\":")
            w.string(g.scheme)
            w.raw(",\"score\":")
            w.number(g.score)
            w.raw(",\"grade\":")
            w.string(g.grade)
            w.raw("}")
        }
        w.list("certifications", coop.certifications) { w, c in
            w.raw("{\"kind\":")
            w.string(c.kind.rawValue)
            w.raw(",\"product\":")
            w.string(c.product)
            w.raw(",\"stars\":")
            w.number(c.stars.map(Double.init))
            w.raw(",\"year\":")
            w.number(c.year.map(Double.init))
            w.raw(",\"issuer\":")
            w.string(c.issuer)
            w.raw(",\"note\":")
            w.string(c.note)
            w.raw("}")
        }
        w.list("awards", coop.awards) { w, a in
            w.raw("{\"title\":")
            w.string(a.title)
            w.raw(",\"level\":")
            w.string(a.level.rawValue)
            w.raw(",\"issuer\":")
            w.string(a.issuer)
            w.raw(",\"year\":")
            w.number(a.year.map(Double.init))
            w.raw("}")
        }
        w.list("contacts", coop.contacts) { w, c in
            w.raw("{\"role\":")
            w.string(c.role)
            w.raw(",\"name\":")
            w.string(c.name)
            w.raw(",\"phone\":")
            w.string(c.phone)
            w.raw(",\"email\":")
            w.string(c.email)
            w.raw("}")
        }
        w.optional("achievements", coop.achievements)
        w.strings("otherNames", coop.otherNames)
        w.strings("products", coop.products)
        w.strings("valueChains", coop.valueChains)
        w.strings("digital", coop.digital)
        if !coop.receptionHours.isEmpty {
            w.list("receptionHours", coop.receptionHours) { w, t in
                w.raw("[\"")
                w.raw(TimeWindow.format(t.start))
                w.raw("\",\"")
                w.raw(TimeWindow.format(t.end))
                w.raw("\"]")
            }
        }
        if coop.pilot {
            w.key("pilot")
            w.raw("true")
        }
        w.optional("note", coop.note)
        if coop.illustrative {
            w.key("illustrative")
            w.raw("true")
        }
        w.raw("}")
        return w.out
    }

    struct Writer {
        var out = ""
        var first = true

        init() { out.reserveCapacity(1024) }

        mutating func open() { out += "{" }
        mutating func raw(_ text: String) { out.append(text) }
        mutating func key(_ name: String) {
            out.append(first ? "\"" : ",\"")
            first = false
            out.append(name)
            out.append("\":")
        }
        mutating func optional(_ name: String, _ text: String?) {
            guard let text else { return }
            key(name)
            JSONText.writeString(text, into: &out)
        }
        mutating func string(_ text: String?) {
            guard let text else {
                out += "null"
                return
            }
            JSONText.writeString(text, into: &out)
        }
        /// Writes `"name": [items]`, or nothing when there are none.
        mutating func strings(_ name: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            key(name)
            strings(items)
        }
        mutating func strings(_ items: [String]) {
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                JSONText.writeString(item, into: &out)
            }
            out += "]"
        }
        mutating func number(_ value: Double?) { out += value.map(JSONText.number) ?? "null" }
        /// Writes `"name":[…]`, or nothing when the list is empty.
        mutating func list<T>(_ name: String, _ items: [T], _ body: (inout Writer, T) -> Void) {
            guard !items.isEmpty else { return }
            key(name)
            array(items, body)
        }
        mutating func array<T>(_ items: [T], _ body: (inout Writer, T) -> Void) {
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                body(&self, item)
            }
            out += "]"
        }
    }
}
