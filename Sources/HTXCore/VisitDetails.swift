/// The people, dates and signatures of a visit (docs/CONTRACT.md §5): who issues the programme and the letters, on
/// what date and under what number, who signs, whom the hosts call, who comes, where lunch is, the bus and its
/// driver, and who receives the delegation at each cooperative. Every part is optional: the documents leave a
/// blank to fill by hand where a value is missing.
public struct VisitDetails: Codable, Sendable, Equatable {
    /// The issuing agency and the one above it, and the agency's symbol in document numbers ("LMHTX").
    public struct Issuer: Codable, Sendable, Equatable {
        public var parent: String?
        public var name: String?
        public var symbol: String?

        public init(parent: String? = nil, name: String? = nil, symbol: String? = nil) {
            self.parent = parent
            self.name = name
            self.symbol = symbol
        }
    }

    /// Who signs: on whose behalf ("TM. BAN THƯỜNG VỤ"), the position, and the name.
    public struct Signer: Codable, Sendable, Equatable {
        public var authority: String?
        public var title: String?
        public var name: String?

        public init(authority: String? = nil, title: String? = nil, name: String? = nil) {
            self.authority = authority
            self.title = title
            self.name = name
        }
    }

    /// A person to call: name, position and phone.
    public struct Person: Codable, Sendable, Equatable {
        public var name: String?
        public var title: String?
        public var phone: String?

        public init(name: String? = nil, title: String? = nil, phone: String? = nil) {
            self.name = name
            self.title = title
            self.phone = phone
        }
    }

    /// One member of the delegation; `head` marks who leads it.
    public struct Member: Codable, Sendable, Equatable {
        public var name: String?
        public var position: String?
        public var organisation: String?
        public var head: Bool?

        public init(name: String? = nil, position: String? = nil, organisation: String? = nil, head: Bool? = nil) {
            self.name = name
            self.position = position
            self.organisation = organisation
            self.head = head
        }
    }

    /// The delegation: its name and members.
    public struct Delegation: Codable, Sendable, Equatable {
        public var name: String?
        public var members: [Member]?

        public init(name: String? = nil, members: [Member]? = nil) {
            self.name = name
            self.members = members
        }
    }

    /// Where lunch is and who hosts it.
    public struct Lunch: Codable, Sendable, Equatable {
        public var place: String?
        public var host: String?

        public init(place: String? = nil, host: String? = nil) {
            self.place = place
            self.host = host
        }
    }

    /// The vehicle, its plate and its driver.
    public struct Vehicle: Codable, Sendable, Equatable {
        public var description: String?
        public var plate: String?
        public var driver: Person?

        public init(description: String? = nil, plate: String? = nil, driver: Person? = nil) {
            self.description = description
            self.plate = plate
            self.driver = driver
        }
    }

    /// The date of the programme and the letters, `YYYY-MM-DD`.
    public var issuedOn: String?
    /// The document number; nil or empty leaves room to write it by hand.
    public var number: String?
    public var issuer: Issuer?
    public var signer: Signer?
    public var contact: Person?
    public var delegation: Delegation?
    public var lunch: Lunch?
    public var vehicle: Vehicle?
    /// Who receives the delegation at each cooperative, by tax code or internal id.
    public var hosts: [String: Person]?

    public init() {}

    /// The details without their people: no signer's name, contact person, delegation members, driver or hosts
    /// (the names and phones that only the roles reading everything may see); the agencies, dates, vehicle and
    /// lunch stay.
    public var withoutPeople: VisitDetails {
        var copy = self
        copy.signer?.name = nil
        copy.contact = nil
        copy.delegation?.members = nil
        copy.vehicle?.driver = nil
        copy.hosts = nil
        return copy
    }

    /// The keys the file may hold, at each level, for refusing a misspelt one.
    public static let keys: [String: Set<String>] = [
        "": ["issuedOn", "number", "issuer", "signer", "contact", "delegation", "lunch", "vehicle", "hosts"],
        "issuer": ["parent", "name", "symbol"],
        "signer": ["authority", "title", "name"],
        "contact": ["name", "title", "phone"],
        "delegation": ["name", "members"],
        "delegation.members": ["name", "position", "organisation", "head"],
        "lunch": ["place", "host"],
        "vehicle": ["description", "plate", "driver"],
        "vehicle.driver": ["name", "title", "phone"],
        "hosts.*": ["name", "title", "phone"],
    ]
}
