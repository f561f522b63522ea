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
    /// Build again over a shortlist of the same name: the decisions of picks still chosen are kept, a rejected
    /// pick stays out unless included, and every change of status goes to history.
    public var replace = false
    /// On a rebuild, let approved picks drop out of the new choice (else the rebuild is refused, naming them).
    public var dropApproved = false
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
        let name = try Kit.checked(request.name, .shortlistName, required: true) ?? request.name
        let include = try ids(request.include)
        var exclude = try ids(request.exclude)
        // A rebuild keeps what was decided: a rejected pick stays out unless asked for again.
        let previous = request.replace ? try catalog.shortlists().contains { $0.name == name } : false
        let before = previous ? try catalog.shortlist(name) : nil
        for entry in before?.entries ?? [] where entry.status == .rejected && !include.contains(entry.id) {
            exclude.insert(entry.id)
        }
        let options = ShortlistBuilder.Options(
            size: request.size, minPerSector: request.minPerSector, maxPerDistrict: request.maxPerDistrict,
            exclude: exclude, include: include)
        var record = try ShortlistBuilder(profile: profile, options: options)
            .build(name: name, coops: catalog.allCooperatives(), builtAt: timestamp)
        if let before {
            record = try Kit.carryDecisions(
                from: before, into: record, include: include, dropApproved: request.dropApproved)
        }
        try catalog.saveShortlist(record, replace: request.replace, origin: try Kit.checked(request.origin))
        return record
    }

    /// The new choice with the decisions of the old one on the picks it keeps (status, note, who); a rejected pick
    /// asked for again goes back to proposed. Approved picks the new choice drops are refused unless `dropApproved`.
    static func carryDecisions(
        from before: ShortlistRecord, into record: ShortlistRecord, include: Set<Int64>, dropApproved: Bool
    ) throws -> ShortlistRecord {
        let chosen = Set(record.entries.map(\.id))
        let lost = before.entries.filter { $0.status == .approved && !chosen.contains($0.id) }
        if !lost.isEmpty && !dropApproved {
            throw KitError.approvedPicksDropped(shortlist: record.name, picks: lost.map { "#\($0.id) \($0.name)" })
        }
        var record = record
        let old = Dictionary(before.entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for index in record.entries.indices {
            guard let decided = old[record.entries[index].id] else { continue }
            if decided.status == .rejected && include.contains(decided.id) { continue }
            record.entries[index].status = decided.status
            record.entries[index].note = decided.note
            record.entries[index].by = decided.by
        }
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
