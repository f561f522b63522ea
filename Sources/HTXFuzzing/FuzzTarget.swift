import Foundation
import HTXCatalog
import HTXCore
import HTXItinerary
import HTXShortlist

/// One parser that libFuzzer (and the corpus replay test) throws arbitrary bytes at.
///
/// `run` returns normally for any input the parser accepts or rejects with a `UserError`; it traps when an
/// invariant breaks (an unexpected error kind, a value that does not survive a round trip, a reader that
/// never ends, a dry run that changed the catalog), so the fuzzer reports it as a crash.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case csv, xlsx, sheet, taxcode, phone, search, profile, itinerary

    /// Exercises the target on `bytes`.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .csv: FuzzTarget.csv(bytes)
        case .xlsx: FuzzTarget.xlsx(bytes)
        case .sheet: FuzzTarget.sheet(bytes)
        case .taxcode: FuzzTarget.taxCode(String(decoding: bytes, as: UTF8.self))
        case .phone: FuzzTarget.phone(String(decoding: bytes, as: UTF8.self))
        case .search: FuzzTarget.search(String(decoding: bytes, as: UTF8.self))
        case .profile: FuzzTarget.profile(String(decoding: bytes, as: UTF8.self))
        case .itinerary: FuzzTarget.itinerary(bytes)
        }
    }

    /// The in-memory catalog every input runs against: the 2021 districts and the 50 sample cooperatives.
    static let fixture: (catalog: Catalog, coops: [Cooperative], count: Int) = {
        do {
            let seeds = try SeedDirectory.locate()
            let catalog = try Catalog.inMemory(now: { Date(timeIntervalSince1970: 1_764_000_000) })
            try catalog.loadDistricts(seeds.districts())
            try catalog.loadUnits(seeds.units())
            _ = try catalog.addAll(seeds.sampleCatalog(), origin: ChangeOrigin(by: "fuzz", source: "fuzz"))
            let coops = try catalog.allCooperatives()
            return (catalog, coops, coops.count)
        } catch {
            fatalError("fuzz fixture: \(error) (run from the package folder, or set HTX_SEEDS)")
        }
    }()

    /// Fails loudly when `error` is anything but a message meant for the user (`UserError`, or `CatalogError` and
    /// `ImportError`, which the edge words).
    static func expectUserError(_ error: Error, _ what: String) {
        guard error is UserError || error is CatalogError || error is ImportError else {
            fatalError("\(what): unexpected \(type(of: error)): \(error)")
        }
    }

    /// Reads every row of a table, trapping if the reader yields more rows than the input could hold.
    static func drain<R: TableReader>(_ reader: inout R, limit: Int) {
        var rows = 0
        while true {
            do {
                guard try reader.next() != nil else { return }
            } catch { return }
            rows += 1
            if rows > limit { fatalError("reader yielded more than \(limit) rows") }
        }
    }

    /// Dry-runs an import of `reader`'s rows and checks that the catalog still holds what it held.
    static func dryRunImport<R: TableReader>(_ reader: inout R, format: String) {
        let catalog = fixture.catalog
        var options = ImportOptions(origin: ChangeOrigin(by: "fuzz", source: "fuzz"))
        options.dryRun = true
        do {
            _ = try catalog.importTable(
                &reader, file: "fuzz.\(format)", format: format, encoding: nil, options: options)
        } catch { expectUserError(error, "import") }
        guard (try? catalog.count()) == fixture.count else { fatalError("a dry-run import changed the catalog") }
    }

    static func csv(_ bytes: [UInt8]) {
        guard let decoded = try? TextEncoding.decode(bytes, file: "fuzz.csv") else { return }
        var reader = CSVReader(utf8: decoded.utf8, file: "fuzz.csv")
        drain(&reader, limit: decoded.utf8.count + 1)
        var again = CSVReader(utf8: decoded.utf8, file: "fuzz.csv")
        dryRunImport(&again, format: "csv")
    }

    static func xlsx(_ bytes: [UInt8]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("htx-fuzz-\(getpid()).xlsx")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes)) else {
            fatalError("cannot write \(url.path)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        guard var reader = try? XLSXReader(url: url, sheet: nil, file: "fuzz.xlsx") else { return }
        // A sheet's cells are bounded by the budget the reader enforces on merged ranges.
        drain(&reader, limit: 1_100_000)
        guard var again = try? XLSXReader(url: url, sheet: nil, file: "fuzz.xlsx") else {
            fatalError("XLSX opened once, not twice")
        }
        dryRunImport(&again, format: "xlsx")
    }

    /// A worksheet's XML, without the ZIP around it (which a fuzzer mostly breaks before reaching the XML): its tokens
    /// must not depend on the chunks it is read in, and reading it must end, twice alike, in rows or a user's error.
    static func sheet(_ bytes: [UInt8]) {
        let whole = XMLTranscript.tokens(bytes, chunk: bytes.count)
        for size in [1, 2, 7, 61] where XMLTranscript.tokens(bytes, chunk: size) != whole {
            fatalError("the sheet's tokens depend on the chunks it is read in (\(size) bytes)")
        }
        let shared = ["Tên HTX", "Quận/Huyện", "HTX Rau sạch Vân Nội", "Đông Anh", ""]
        guard var reader = try? XLSXReader(sheetXML: bytes, sharedStrings: shared, file: "fuzz.xlsx") else { return }
        drain(&reader, limit: 1_100_000)
        guard var again = try? XLSXReader(sheetXML: bytes, sharedStrings: shared, file: "fuzz.xlsx") else {
            fatalError("the sheet opened once, not twice")
        }
        dryRunImport(&again, format: "xlsx")
    }

    /// A tax code that parses must parse again, from its stored form, to itself.
    static func taxCode(_ text: String) {
        guard let (code, _) = try? TaxCode.parse(text) else { return }
        guard let (again, _) = try? TaxCode.parse(code.value), again == code else {
            fatalError("tax code \(code.value) does not round-trip")
        }
        _ = code.checkDigitHolds
    }

    /// A phone that parses must come back from its E.164 form and from its national grouping.
    static func phone(_ text: String) {
        guard let (phone, _) = try? PhoneNumber.parse(text) else { return }
        guard PhoneNumber(e164: phone.e164) == phone else {
            fatalError("phone \(phone.e164) does not come back from E.164")
        }
        guard let (again, _) = try? PhoneNumber.parse(phone.national), again == phone else {
            fatalError("phone \(phone.e164) does not round-trip through \(phone.national)")
        }
    }

    /// Any query is searchable: the FTS5 expressions built from it never make SQLite fail.
    static func search(_ text: String) {
        _ = SearchQuery(text).tiers.map(\.expression)
        do { _ = try fixture.catalog.search(text, limit: 5) } catch {
            fatalError("search \(text.debugDescription) failed: \(error)")
        }
    }

    /// A profile that parses can score and select over the sample catalog.
    static func profile(_ text: String) {
        guard let profile = try? CriteriaProfile.parse(yaml: text, file: "fuzz.yaml") else { return }
        let builder = ShortlistBuilder(profile: profile, options: .init(size: 8, minPerSector: 0))
        do {
            let list = try builder.build(name: "fuzz", coops: fixture.coops, builtAt: "2026-01-01")
            guard list.entries.count <= 8 else { fatalError("shortlist larger than its size") }
        } catch {}
    }

    /// An instance that parses writes back to JSON that parses to the same shape, and small ones solve.
    static func itinerary(_ bytes: [UInt8]) {
        guard let instance = try? ItineraryInstance.parse(json: Data(bytes), file: "fuzz.json") else { return }
        guard let json = try? instance.json(),
            let again = try? ItineraryInstance.parse(json: Data(json.utf8), file: "again.json"),
            again.sites.count == instance.sites.count, again.travel == instance.travel
        else {
            fatalError("instance does not round-trip through its JSON")
        }
        if instance.sites.count <= 6 && instance.days <= 3 {
            _ = ItinerarySolver(instance: instance, timeLimit: 0.2).solve()
        }
    }
}
