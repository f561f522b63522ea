import Foundation
import HTXCatalog
import HTXCore
import HTXShortlist

/// The making of a shortlist (`htx shortlist build`, the web's shortlist form).
public struct ShortlistRequest: Sendable {
    public var name: String
    /// A criteria profile's file name (for messages) and YAML text; nil for the default one in `Seeds/`.
    public var profile: (name: String, text: String)?
    public var size = 8
    public var minPerSector = 0
    public var maxPerDistrict: Int?
    /// Cooperatives (ids or tax codes) to leave out, and to take whatever their score.
    public var exclude: [String] = []
    public var include: [String] = []
    /// Build again over a shortlist of the same name (its statuses stay in history).
    public var replace = false
    public var origin: ChangeOrigin

    public init(name: String, origin: ChangeOrigin) {
        self.name = name
        self.origin = origin
    }
}

extension Kit {
    /// Scores every cooperative, chooses exactly `size` under the quotas, and saves the shortlist.
    public func buildShortlist(_ request: ShortlistRequest) throws -> ShortlistRecord {
        let profile: CriteriaProfile
        if let given = request.profile {
            profile = try CriteriaProfile.parse(yaml: given.text, file: given.name)
        } else {
            let (text, path) = try SeedDirectory.locate().defaultProfile()
            profile = try CriteriaProfile.parse(yaml: text, file: PathName.name(path))
        }
        func ids(_ refs: [String]) throws -> Set<Int64> {
            Set(try refs.compactMap { try catalog.cooperative($0).id })
        }
        let options = ShortlistBuilder.Options(
            size: request.size, minPerSector: request.minPerSector, maxPerDistrict: request.maxPerDistrict,
            exclude: try ids(request.exclude), include: try ids(request.include))
        let name = try Kit.checked(request.name, .shortlistName, required: true) ?? request.name
        let record = try ShortlistBuilder(profile: profile, options: options)
            .build(name: name, coops: catalog.allCooperatives(), builtAt: timestamp)
        try catalog.saveShortlist(record, replace: request.replace, origin: try Kit.checked(request.origin))
        return record
    }

    /// A saved shortlist.
    public func shortlist(_ name: String) throws -> ShortlistRecord {
        try catalog.shortlist(name)
    }

    /// The approvals and rejections of shortlist `name`'s picks, oldest first, with who decided and the note.
    public func shortlistHistory(_ name: String) throws -> [(id: Int64, name: String, entry: HistoryEntry)] {
        _ = try catalog.shortlist(name)
        return try catalog.shortlistHistory(name)
    }

    /// Every saved shortlist, newest first.
    public func shortlists() throws -> [ShortlistSummary] {
        try catalog.shortlists()
    }

    /// Approves, rejects or re-proposes one pick, with a note; the change goes to history.
    public func setShortlistStatus(
        _ name: String, cooperative ref: String, status: ShortlistRecord.Status, note: String?, origin: ChangeOrigin
    ) throws -> ShortlistRecord.Entry {
        try catalog.setShortlistStatus(
            name, ref: ref, status: status, note: try Kit.checked(note, .note), origin: try Kit.checked(origin))
    }
}
