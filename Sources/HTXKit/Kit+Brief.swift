import Foundation
import HTXBriefing
import HTXCatalog
import HTXCore
import HTXDocument
import HTXItinerary

/// The document formats, by file extension.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case pdf, docx, html, md

    /// The format of a file name's extension ("htm" and "markdown" too), or nil.
    public init?(fileName: String) {
        switch PathName.fileExtension(fileName).lowercased() {
        case "pdf": self = .pdf
        case "docx": self = .docx
        case "html", "htm": self = .html
        case "md", "markdown": self = .md
        default: return nil
        }
    }
}

/// The making of a briefing packet (`htx brief`, the web's packet download).
public struct BriefRequest: Sendable {
    public var itinerary: String
    /// Leave out personal names, phones and e-mails.
    public var publicOnly = false
    /// Whether the visit's people (signer, contact, delegation, driver, hosts) are given; false for a reader who may
    /// not read the visit file.
    public var visitPeople = true
    public var revision = 1
    public var parentAgency: String?
    public var issuingAgency: String?
    /// When the documents are made, as PDF records it: the clock, or `SOURCE_DATE_EPOCH` (see `Kit.documentTime`).
    public var created: Date?
    /// District outlines for the map (from the seeds) and the attribution their licence asks for; without them the
    /// map names districts at their centres.
    public var boundaries: [DistrictBoundary] = []
    public var boundariesAttribution: String?

    public init(itinerary: String) { self.itinerary = itinerary }
}

/// A packet and what the caller should say about it.
public struct Briefing: Sendable {
    public var document: Document
    /// Stops whose cooperative is no longer in the catalog: the documents give only their name and time.
    public var removedStops: [ItineraryReport.Stop]
}

/// One host's letter, rendered: a file name without extension, and the bytes per format.
public struct LetterFiles: Sendable {
    public var stem: String
    public var files: [(format: DocumentFormat, data: Data)]
}

extension Kit {
    /// The time a document records: `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention)
    /// when it is set, so that the same catalog gives the same bytes, else the clock.
    public func documentTime(environment: [String: String] = ProcessInfo.processInfo.environment) -> Date {
        (try? Kit.sourceDateEpoch(environment)) ?? nil ?? clock()
    }

    /// The latest time `SOURCE_DATE_EPOCH` may give: the last second of year 9999, the last a document date writes.
    public static let latestSourceDate: Int64 = 253_402_300_799

    /// `SOURCE_DATE_EPOCH` as the reproducible-builds convention defines it: whole seconds since 1970 in decimal
    /// digits; nil when unset or empty, refused when malformed ("abc", "-1", "1e9") or past year 9999 (which wrote a
    /// month 13 into a PDF).
    public static func sourceDateEpoch(_ environment: [String: String]) throws -> Date? {
        guard let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty else { return nil }
        guard text.utf8.count <= 12, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let seconds = Int64(text),
            seconds <= latestSourceDate
        else { throw KitError.invalidSourceDateEpoch(text) }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// The briefing packet of a saved itinerary, with the catalog's records and the shortlist's reasons.
    public func briefing(_ request: BriefRequest) throws -> Briefing {
        let plan = try itinerary(request.itinerary)
        let (cooperatives, removed) = try hosts(of: plan.report)
        var criteria: [String: [String]] = [:]
        if let name = plan.saved.parameters["shortlist"], let record = try? catalog.shortlist(name) {
            for entry in record.entries {
                criteria[String(entry.id)] = entry.criteria.pairs.filter { $0.points > 0 }
                    .sorted { $0.points != $1.points ? $0.points > $1.points : $0.key < $1.key }.map(\.key)
            }
        }
        var settings = try settings(plan, cooperatives: cooperatives)
        settings.publicOnly = request.publicOnly
        if !request.visitPeople {
            // Not only hidden by the builders: the copy they read has none.
            settings.visit = settings.visit.withoutPeople
            settings.withoutVisitPeople = true
        }
        settings.revision = request.revision
        if let parent = request.parentAgency {
            settings.visit.issuer = settings.visit.issuer ?? VisitDetails.Issuer()
            settings.visit.issuer?.parent = VietnameseText.clean(parent).uppercased()
        }
        if let issuer = request.issuingAgency {
            settings.visit.issuer = settings.visit.issuer ?? VisitDetails.Issuer()
            settings.visit.issuer?.name = VietnameseText.clean(issuer).uppercased()
        }
        var document = BriefingBuilder(
            settings: settings, report: plan.report, instance: plan.instance, cooperatives: cooperatives,
            criteria: criteria, districts: try catalog.districts().districts, boundaries: request.boundaries,
            boundariesAttribution: request.boundaries.isEmpty ? nil : request.boundariesAttribution
        ).packet()
        document.info.created = request.created
        return Briefing(document: document, removedStops: removed)
    }

    /// The route map of a saved itinerary (the packet's drawing), or nil when nothing on it has a place.
    public func routeMap(_ name: String, boundaries: [DistrictBoundary], attribution: String?) throws -> Drawing? {
        let plan = try itinerary(name)
        return BriefingBuilder(
            settings: BriefingSettings(visit: VisitDetails()), report: plan.report, instance: plan.instance,
            cooperatives: [:], districts: try catalog.districts().districts, boundaries: boundaries,
            boundariesAttribution: boundaries.isEmpty ? nil : attribution
        ).routeDrawing()
    }

    /// One notice per visited cooperative, rendered as DOCX, HTML and (with fonts) PDF.
    public func letters(_ itineraryName: String, fonts: PDFRenderer.Fonts?, created: Date?) throws -> [LetterFiles] {
        let plan = try itinerary(itineraryName)
        let (cooperatives, _) = try hosts(of: plan.report)
        let settings = try settings(plan, cooperatives: cooperatives)
        let letters = LetterBuilder(
            settings: settings, report: plan.report, cooperatives: cooperatives,
            districts: try catalog.districts().districts, instance: plan.instance
        ).letters()
        return try letters.enumerated().map { index, letter in
            var document = letter.document
            document.info.created = created
            var files: [(DocumentFormat, Data)] = [
                (.docx, try Kit.render(document, as: .docx, fonts: fonts)),
                (.html, try Kit.render(document, as: .html, fonts: nil)),
            ]
            if let fonts { files.append((.pdf, try Kit.render(document, as: .pdf, fonts: fonts))) }
            return LetterFiles(
                stem: String(format: "%02d-", index + 1) + VietnameseText.fileName(letter.name), files: files)
        }
    }

    /// A document in `format`; a PDF needs `fonts`, a DOCX paints its drawings with them.
    public static func render(_ document: Document, as format: DocumentFormat, fonts: PDFRenderer.Fonts?) throws -> Data
    {
        let renderer: DocumentRenderer
        switch format {
        case .html: renderer = HTMLRenderer()
        case .md: renderer = MarkdownRenderer()
        case .docx: renderer = DOCXRenderer(raster: fonts.map { DrawingRaster(regular: $0.regular, bold: $0.bold) })
        case .pdf:
            guard let fonts else { throw KitError.noFont }
            renderer = PDFRenderer(fonts: fonts)
        }
        do {
            return Data(try renderer.render(document))
        } catch {
            throw KitError.renderFailed(format: format.rawValue, detail: "\(error)")
        }
    }

    /// A document as Markdown that links its drawings as SVG files named from `imageStem`, with those files (to be
    /// written beside it).
    public static func markdown(
        _ document: Document, imageStem: String
    ) throws -> (text: Data, images: [(name: String, data: Data)]) {
        let renderer = MarkdownRenderer(imageStem: imageStem)
        let text: [UInt8]
        do {
            text = try renderer.render(document)
        } catch {
            throw KitError.renderFailed(format: "md", detail: "\(error)")
        }
        return (Data(text), renderer.images(document).map { ($0.name, Data($0.data)) })
    }
    /// The documents' settings: the itinerary's stored visit details, and whether its records are the sample.
    func settings(_ plan: SavedPlan, cooperatives: [String: Cooperative]) throws -> BriefingSettings {
        var settings = BriefingSettings(visit: try visit(plan.saved.name) ?? VisitDetails())
        settings.illustrative = cooperatives.values.contains(where: \.illustrative)
        return settings
    }

    /// The cooperatives of an itinerary's stops by stop id, and the stops whose cooperative is gone.
    func hosts(of report: ItineraryReport) throws -> ([String: Cooperative], [ItineraryReport.Stop]) {
        var cooperatives: [String: Cooperative] = [:]
        var removed: [ItineraryReport.Stop] = []
        for stop in report.days.flatMap(\.stops) {
            do {
                cooperatives[stop.id] = try catalog.cooperative(stop.id)
            } catch CatalogError.notFound {
                removed.append(stop)
            }
        }
        return (cooperatives, removed)
    }
}

extension Kit {
    /// Stores the people, dates and signatures of itinerary `name`'s documents, after checking that every host it
    /// names (by tax code or id) is one of the itinerary's stops. Returns them as stored.
    @discardableResult
    public func saveVisit(_ name: String, details: VisitDetails) throws -> VisitDetails {
        let plan = try itinerary(name)
        let (cooperatives, _) = try hosts(of: plan.report)
        let stops = Set(plan.report.days.flatMap(\.stops).map(\.id))
        let taxCodes = Set(cooperatives.values.compactMap(\.taxCode))
        for key in (details.hosts ?? [:]).keys.sorted() where !stops.contains(key) && !taxCodes.contains(key) {
            throw KitError.hostNotInItinerary(key: key, itinerary: name)
        }
        try catalog.saveVisit(name, json: try JSONText.encode(details))
        return details
    }

    /// Lays a visit file over the stored details of itinerary `name` (what the file names replaces, what it leaves
    /// out stays; `VisitFile.merged`), checks and stores the result, and says what changed.
    @discardableResult
    public func mergeVisit(_ name: String, file bytes: [UInt8], name fileName: String) throws -> [VisitFile.Change] {
        let (details, changes) = try VisitFile.merged(try visit(name), with: bytes, file: fileName)
        try saveVisit(name, details: details)
        return changes
    }

    /// The stored visit details of itinerary `name`, or nil when none were given.
    public func visit(_ name: String) throws -> VisitDetails? {
        guard let json = try catalog.itinerary(name).visitJSON else { return nil }
        do {
            return try JSONDecoder().decode(VisitDetails.self, from: Data(json.utf8))
        } catch {
            throw KitError.unreadableItinerary(name)
        }
    }
}
