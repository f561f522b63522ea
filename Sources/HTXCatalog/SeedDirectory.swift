import Foundation
import HTXCore

/// The `Seeds/` folder read at run time: Hanoi's 2021 district table and the illustrative sample catalog.
public struct SeedDirectory: Sendable {
    public let url: URL

    public static let districtsFile = "hanoi-districts-2021.csv"
    public static let unitsFile = "hanoi-communes-2025.csv"
    public static let unitMappingFile = "hanoi-commune-mapping-2025.csv"
    /// Hanoi's commune-level units of 2021 and where each went on 1 January 2025.
    public static let units2021File = "hanoi-communes-2021.csv"
    public static let unit2021MappingFile = "hanoi-commune-mapping-2021-2025.csv"
    public static let sampleFile = "sample-catalog.json"
    public static let profileFile = "shortlist-profile.yaml"
    public static let boundariesFile = "hanoi-districts-2021.geojson"
    /// The line the boundaries' licence (CC BY 3.0 IGO) asks every map drawn from them to print, as its SOURCE
    /// note gives it.
    public static let boundariesAttribution =
        "District boundaries: Government of Viet Nam / OCHA ROAP via HDX and geoBoundaries, CC BY 3.0 IGO. Simplified."

    /// The default criteria profile's text and path.
    public func defaultProfile() throws -> (text: String, path: String) {
        let file = url.appendingPathComponent(SeedDirectory.profileFile)
        return (try InputFile.text(file.path), file.path)
    }

    /// The commonest passwords, which `htx user add` refuses (one per line).
    public func commonPasswords() throws -> String {
        try InputFile.text(url.appendingPathComponent("common-passwords.txt").path)
    }

    /// The illustrative visit details `htx demo` signs its documents with, as bytes, and their path.
    public func sampleVisit() throws -> (bytes: [UInt8], path: String) {
        let file = url.appendingPathComponent("sample-visit.yaml")
        let bytes = try InputFile.read(file.path, limit: InputFile.settingsBytes) { size in
            UserError("\(file.path): \(size) byte", "\(file.path): \(size) bytes")
        }
        return (bytes, file.path)
    }

    public init(url: URL) { self.url = url }

    /// Finds `Seeds/`: `$HTX_SEEDS`, then `./Seeds`, then `../share/htx/Seeds` beside the running executable (an
    /// installed htx, SPEC §13), then the folders above it (a build tree inside the package).
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CatalogError) -> SeedDirectory {
        var candidates: [URL] = []
        if let explicit = environment["HTX_SEEDS"], !explicit.isEmpty {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        candidates.append(
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Seeds"))
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            folder = URL(fileURLWithPath: exe).deletingLastPathComponent()
        }
        candidates.append(folder.deletingLastPathComponent().appendingPathComponent("share/htx/Seeds"))
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("Seeds"))
            folder.deleteLastPathComponent()
        }
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(districtsFile).path) {
            return SeedDirectory(url: candidate)
        }
        throw .seedsNotFound(searched: candidates.prefix(4).map(\.path))
    }

    /// Reads the 30 district-level units of 2021.
    public func districts() throws -> DistrictDirectory {
        let file = url.appendingPathComponent(SeedDirectory.districtsFile)
        let text = try InputFile.text(file.path)
        let directory = try DistrictDirectory.parseCSV(text, file: file.path)
        guard directory.districts.count == 30 else {
            throw CatalogError.seedInvalid(
                file: file.path, detail: "\(directory.districts.count) districts, expected 30")
        }
        return directory
    }

    /// Reads the 126 commune-level units in force since 1 July 2025, the 526 of 1 January 2025 that went into them,
    /// and the 579 of 2021 that went into those, composed (`UnitDirectory.parseCSV`).
    public func units() throws -> UnitDirectory {
        let units = url.appendingPathComponent(SeedDirectory.unitsFile)
        let mapping = url.appendingPathComponent(SeedDirectory.unitMappingFile)
        let list2021 = url.appendingPathComponent(SeedDirectory.units2021File)
        let mapping2021 = url.appendingPathComponent(SeedDirectory.unit2021MappingFile)
        let unitsText = try InputFile.text(units.path)
        let mappingText = try InputFile.text(mapping.path)
        // Each step checked on its own: 126 units, 526 before them, 579 in 2021, every one of them mapped.
        let direct = try UnitDirectory.parseCSV(
            units: unitsText, mapping: mappingText, files: (units.path, mapping.path))
        guard direct.units.count == 126, direct.formers.count == 526 else {
            throw CatalogError.seedInvalid(
                file: units.path,
                detail: "\(direct.units.count) units and \(direct.formers.count) former units, expected 126 and 526")
        }
        let listed = Set(try UnitDirectory.listedCodes(try InputFile.text(list2021.path), file: list2021.path))
        let directory = try UnitDirectory.parseCSV(
            units: unitsText, mapping: mappingText, files: (units.path, mapping.path),
            earlier: EarlierUnits(mapping: try InputFile.text(mapping2021.path), file: mapping2021.path))
        let mapped = Set(directory.formers.prefix(directory.earlierCount).map(\.code))
        guard listed.count == 579, mapped == listed else {
            throw CatalogError.seedInvalid(
                file: mapping2021.path,
                detail: "\(listed.count) units of 2021 listed and \(mapped.count) mapped, expected 579 and the same")
        }
        return directory
    }

    /// Reads the outlines of the 30 district-level units of 2021 that maps are drawn on.
    public func districtBoundaries() throws -> [DistrictBoundary] {
        let file = url.appendingPathComponent(SeedDirectory.boundariesFile)
        let bytes = try InputFile.read(file.path, limit: 16 << 20) { size in
            UserError("\(file.path): \(size) byte", "\(file.path): \(size) bytes")
        }
        do {
            let boundaries = try DistrictBoundary.parseGeoJSON(Data(bytes))
            guard boundaries.count == 30 else {
                throw CatalogError.seedInvalid(file: file.path, detail: "\(boundaries.count) districts, expected 30")
            }
            return boundaries
        } catch let error as UserError {
            throw CatalogError.seedInvalid(file: file.path, detail: error.message.en)
        }
    }

    /// The sample file's shape: a note saying the data is invented, and `coop show` records.
    struct SampleFile: Decodable {
        var note: String
        var cooperatives: [Cooperative]
    }

    /// Reads the illustrative sample catalog; every record must carry `"illustrative": true`.
    public func sampleCatalog() throws -> [Cooperative] {
        let file = url.appendingPathComponent(SeedDirectory.sampleFile)
        do {
            let sample = try JSONDecoder().decode(SampleFile.self, from: Data(contentsOf: file))
            if let real = sample.cooperatives.first(where: { !$0.illustrative }) {
                throw CatalogError.seedInvalid(file: file.path, detail: "\(real.name) is not marked illustrative")
            }
            return sample.cooperatives
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError.seedInvalid(file: file.path, detail: String(describing: error))
        }
    }
}
