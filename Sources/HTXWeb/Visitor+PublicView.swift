import HTXCatalog
import HTXCore

/// The public view a viewer gets (SPEC §10): no personal names, phones or e-mails anywhere, the JSON and
/// downloads included.
extension Visitor {
    /// The record as this visitor may see it: without its contacts in the public view.
    func shown(_ coop: Cooperative) -> Cooperative {
        guard publicView else { return coop }
        var copy = coop
        copy.contacts = []
        return copy
    }

    /// A history line as this visitor may see it: in the public view, the organisation instead of the person,
    /// and no value of a contact field.
    func shown(_ entry: HistoryEntry) -> HistoryEntry {
        guard publicView else { return entry }
        var copy = entry
        copy.by = entry.org
        if entry.field?.hasPrefix("contacts") == true || entry.action == .create || entry.action == .delete {
            copy.old = nil
            copy.new = nil
        }
        return copy
    }

    /// A shortlist as this visitor may see it: in the public view, without who decided each entry.
    func shown(_ record: ShortlistRecord) -> ShortlistRecord {
        guard publicView else { return record }
        var copy = record
        for index in copy.entries.indices { copy.entries[index].by = nil }
        return copy
    }
}
