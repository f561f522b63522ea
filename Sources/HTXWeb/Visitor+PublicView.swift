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

    /// Whether this visitor may see the visit file's people (signer, contact, delegation, driver, hosts, their
    /// phones) in any representation: the one rule the packet in every format, the day page, the visit file and the
    /// letters follow (the permission table's `.personal`).
    var seesVisitPeople: Bool { may(.personal) }

    /// A history line as this visitor may see it: in the public view, the organisation instead of the person,
    /// no value of a contact field, and a shortlist decision without its note.
    func shown(_ entry: HistoryEntry) -> HistoryEntry {
        guard publicView else { return entry }
        var copy = entry
        copy.by = entry.org
        if entry.field?.hasPrefix("contacts") == true || entry.action == .create || entry.action == .delete {
            copy.old = nil
            copy.new = nil
        }
        if entry.field?.hasPrefix("shortlist:") == true {
            copy.old = shownDecision(entry.old)
            copy.new = shownDecision(entry.new)
        }
        return copy
    }

    /// A shortlist as this visitor may see it: in the public view, without who decided each entry or the notes
    /// (free text, which may name people).
    func shown(_ record: ShortlistRecord) -> ShortlistRecord {
        guard publicView else { return record }
        var copy = record
        for index in copy.entries.indices {
            copy.entries[index].by = nil
            copy.entries[index].note = nil
        }
        return copy
    }

    /// A shortlist decision's history text ("approved: note") as this visitor may see it: the status alone in the
    /// public view.
    func shownDecision(_ text: String?) -> String? {
        guard publicView, let text else { return text }
        return String(text.prefix { $0 != ":" })
    }
}
