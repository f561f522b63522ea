import HTXCore

/// What a use case refuses, with the values the words need; the words themselves (Vietnamese, English, the flag
/// or the form field to change) are chosen at the edge (`HTXCommands`, the web layer).
public enum KitError: Error, Equatable, Sendable {
    /// A name or note that is empty, or carries an invisible control character (an escape sequence, a direction
    /// override): the field, and the character (nil when the text is empty).
    case badText(field: TextField, scalar: UInt32?)
    /// A sector that is neither a known name nor a code.
    case unknownSector(String)
    /// A date that is not `YYYY-MM-DD`.
    case invalidDate(String)
    /// A saved itinerary whose programme no longer reads back.
    case unreadableItinerary(String)
    /// The departure and return times are not times, or the return is not after the departure.
    case invalidDayTimes(depart: String, returnBy: String)
    /// The lunch rule is not `HH:MM-HH:MM/MIN`.
    case invalidLunch(String)
    /// The start place is not `Name@lat,lon` (or `lat,lon`).
    case invalidStart(String)
    /// A travel-matrix file cannot be read: its name, and where and why.
    case invalidMatrix(file: String, row: Int?, column: String?, value: String?, problem: MatrixProblem)
    /// A saved itinerary's day that no longer reads back (saved by an older htx, or edited by hand).
    case unreadableDay(itinerary: String, day: Int)
    /// A stop named in a replan is not in the itinerary.
    case stopNotInItinerary(stop: String, itinerary: String)
    /// A stop given with a day it is not on: the day it is on, and the day asked for.
    case stopOnAnotherDay(stop: String, day: Int, asked: Int)
    /// A day number that the itinerary does not have.
    case noSuchDay(Int, days: Int)
    /// An order to check has constraints it breaks (the evaluation itself is in the result).
    case orderViolations(count: Int)
    /// The unknown extension of an output or input file.
    case unknownFormat(extension: String, allowed: [String])
    /// No PDF font was given and none is installed.
    case noFont
    /// A visit file (the people, dates and signatures of the documents) cannot be used: its name, the field
    /// ("signer.name", "hosts.0100334006.phone"; empty for the whole file), and why.
    case invalidVisit(file: String, field: String, problem: VisitProblem)
    /// The visit file names a host that is not a stop of the itinerary.
    case hostNotInItinerary(key: String, itinerary: String)
    /// A document could not be rendered.
    case renderFailed(format: String, detail: String)
    /// A rebuilt shortlist would drop picks that were approved (named "#id name"): refused unless asked for.
    case approvedPicksDropped(shortlist: String, picks: [String])
    /// `SOURCE_DATE_EPOCH` is set to something that is not whole seconds since 1970 up to year 9999.
    case invalidSourceDateEpoch(String)
    /// The last administrator who may sign in cannot be disabled: nobody could manage the accounts any more.
    case lastAdministrator(String)
    /// A new second-factor key could not be shown (standard output refused it): nothing was stored.
    case totpNotShown(String, reason: Message)

    /// The free text a use case takes besides records.
    public enum TextField: String, Sendable, Equatable {
        case shortlistName, itineraryName, note, origin
    }

    /// What is wrong in a visit file.
    public enum VisitProblem: Equatable, Sendable {
        case notUTF8
        /// The YAML or JSON parser's own words, or a value of the wrong type.
        case unreadable(Message)
        case unknownKey(String, suggestion: String?)
        case tooLarge
        case controlCharacter(UInt32)
        case notADate(String)
        case notAPhone(String)
    }

    /// What is wrong in a travel-matrix file.
    public enum MatrixProblem: Equatable, Sendable {
        case empty
        case cellCount(expected: Int)
        case notMinutes
        case repeatedID
    }
}
