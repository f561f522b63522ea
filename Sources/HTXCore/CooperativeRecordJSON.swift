/// Writes a cooperative as compact JSON with the keys of `Cooperative.CodingKeys`, by hand: the catalog stores
/// one per record, and at import scale a generic `Encoder` costs more than everything else in a row together.
/// `Cooperative`'s `Decodable` reads it back; a test proves the two agree.
public enum CooperativeRecordJSON {
    /// The record without its id, as the catalog stores it.
    public static func encode(_ coop: Cooperative) -> String {
        var w = Writer()
        w.open()
        w.key("name"); w.string(coop.name)
        w.key("taxCode"); w.string(coop.taxCode)
        w.key("legalForm"); w.string(coop.legalForm.label)
        w.key("sectors"); w.strings(coop.sectors.map(\.label))
        w.key("address"); w.string(coop.address)
        w.key("commune"); w.string(coop.commune)
        w.key("district"); w.string(coop.district)
        w.key("location")
        if let p = coop.location { w.raw("{\"lat\":"); w.number(p.lat); w.raw(",\"lon\":"); w.number(p.lon); w.raw("}") } else { w.raw("null") }
        w.key("founded"); w.string(coop.founded)
        w.key("members"); w.number(coop.members.map(Double.init))
        w.key("employees"); w.number(coop.employees.map(Double.init))
        w.key("charterCapital"); w.number(coop.charterCapital)
        w.key("figures"); w.array(coop.figuresByYear) { w, f in
            w.raw("{\"year\":\(f.year),\"revenue\":"); w.number(f.revenue); w.raw(",\"profit\":"); w.number(f.profit)
            w.raw(",\"memberIncome\":"); w.number(f.memberIncome); w.raw(",\"members\":"); w.number(f.members.map(Double.init)); w.raw("}")
        }
        w.key("grades"); w.array(coop.grades.sorted { $0.year < $1.year }) { w, g in
            w.raw("{\"year\":\(g.year),\"scheme\":"); w.string(g.scheme); w.raw(",\"score\":"); w.number(g.score)
            w.raw(",\"grade\":"); w.string(g.grade); w.raw("}")
        }
        w.key("certifications"); w.array(coop.certifications) { w, c in
            w.raw("{\"kind\":"); w.string(c.kind.rawValue); w.raw(",\"product\":"); w.string(c.product)
            w.raw(",\"stars\":"); w.number(c.stars.map(Double.init)); w.raw(",\"year\":"); w.number(c.year.map(Double.init))
            w.raw(",\"issuer\":"); w.string(c.issuer); w.raw(",\"note\":"); w.string(c.note); w.raw("}")
        }
        w.key("awards"); w.array(coop.awards) { w, a in
            w.raw("{\"title\":"); w.string(a.title); w.raw(",\"level\":"); w.string(a.level.rawValue)
            w.raw(",\"issuer\":"); w.string(a.issuer); w.raw(",\"year\":"); w.number(a.year.map(Double.init)); w.raw("}")
        }
        w.key("contacts"); w.array(coop.contacts) { w, c in
            w.raw("{\"role\":"); w.string(c.role); w.raw(",\"name\":"); w.string(c.name)
            w.raw(",\"phone\":"); w.string(c.phone); w.raw(",\"email\":"); w.string(c.email); w.raw("}")
        }
        w.key("achievements"); w.string(coop.achievements)
        w.key("otherNames"); w.strings(coop.otherNames)
        w.key("products"); w.strings(coop.products)
        w.key("valueChains"); w.strings(coop.valueChains)
        w.key("digital"); w.strings(coop.digital)
        w.key("receptionHours"); w.array(coop.receptionHours) { w, t in
            w.raw("[\""); w.raw(TimeWindow.format(t.start)); w.raw("\",\""); w.raw(TimeWindow.format(t.end)); w.raw("\"]")
        }
        w.key("pilot"); w.raw(coop.pilot ? "true" : "false")
        w.key("note"); w.string(coop.note)
        w.key("illustrative"); w.raw(coop.illustrative ? "true" : "false")
        w.raw("}")
        return w.out
    }

    struct Writer {
        var out = ""
        var first = true

        init() { out.reserveCapacity(1024) }

        mutating func open() { out += "{" }
        mutating func raw(_ text: String) { out += text }
        mutating func key(_ name: String) {
            if !first { out += "," }
            first = false
            out += "\"" + name + "\":"
        }
        mutating func string(_ text: String?) {
            guard let text else { out += "null"; return }
            JSONText.writeString(text, into: &out)
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
