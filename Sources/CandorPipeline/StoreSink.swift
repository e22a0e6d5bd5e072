import CandorIngest
import CandorPolicy
import CandorStorage
import CandorVocabulary

// The store's writer is what every adapter writes to. This conformance is checked by the compiler:
// a source whose sink protocol (in its adapter folder) names a write the store does not have does
// not build.
extension StoreWriter: RecordSink {
    public func qDeveloperActivityWriter() throws -> any QDeveloperActivityWriter { try qDeveloperActivityUpserter() }
}

extension ActivityUpserter: QDeveloperActivityWriter {}
