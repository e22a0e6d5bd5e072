import CandorPolicy
import CandorVocabulary
import GRDB

/// What every handle on the store can do: read. The reads (`Reads/`) are written once, for any
/// `StoreReading`; only ``CandorStore`` adds transactions, purge and the audit append.
public protocol StoreReading: Sendable {
    /// The main database file (governance tables); each dataset has a file beside it.
    var path: String { get }
    /// The datasets this handle can read.
    var datasets: Set<Dataset> { get }
    /// The connection reads go through; opaque outside the store.
    var connection: StoreConnection { get }
    /// Makes sure the assistants' tier is up to date and made under `consent` before it is read: a
    /// handle that can write brings it up to date, one that cannot throws with what to run.
    func prepareAssistantTier(_ consent: ConsentRule?) throws
    /// The same for the pull-request tier, made under `consent` and this connection's repository naming.
    func preparePullRequestTier(_ consent: ConsentRule?) throws
    /// The same for the survey tier.
    func prepareSurveyTier() throws
    /// The same for the events tier, made under `consent`.
    func prepareEventTier(_ consent: ConsentRule?) throws
    /// The same for the seats tier.
    func prepareSeatTier() throws
}

extension StoreReading {
    var queue: DatabaseQueue { connection.queue }
}

/// A connection to the store's files, as only the store can use it.
public struct StoreConnection: Sendable {
    let queue: DatabaseQueue
}

/// A read-only handle on the store that sees some datasets: what reports read through.
///
/// Its connection is opened read-only, with only its datasets attached; as a type it has no
/// transaction, purge or audit append, so a report cannot write by construction.
public struct StoreReader: StoreReading {
    public let path: String
    public let datasets: Set<Dataset>
    public let connection: StoreConnection

    public func prepareAssistantTier(_ consent: ConsentRule?) throws { try requireAssistantTier(consent) }
    public func preparePullRequestTier(_ consent: ConsentRule?) throws { try requirePullRequestTier(consent) }
    public func prepareSurveyTier() throws { try requireSurveyTier() }
    public func prepareEventTier(_ consent: ConsentRule?) throws { try requireEventTier(consent) }
    public func prepareSeatTier() throws { try requireSeatTier() }
}
