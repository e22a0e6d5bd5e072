import Testing
@testable import CandorIngest
@testable import CandorPolicy
@testable import CandorVocabulary

/// The one list of sources: every format has exactly one adapter, of its kind.
@Suite("Source registry")
struct SourceRegistryTests {
    @Test("every input format is read by exactly one adapter, a CSV adapter for CSV formats and a JSON one for JSON")
    func everyFormatOnce() {
        for format in InputFormat.allCases {
            let csv = SourceRegistry.csvAdapters.filter { $0.formats.contains(format) }.count
            let json = SourceRegistry.jsonAdapters.filter { $0.formats.contains(format) }.count
            #expect(csv + json == 1, "\(format): \(csv) CSV and \(json) JSON adapters")
            #expect((json == 1) == format.isJSON, "\(format)")
        }
    }

    @Test("recognition follows the registry's order: the policy's survey mapping wins over the other CSV shapes")
    func surveyFirst() throws {
        let header = ["person_id", "team", "from", "to"]
        #expect(SourceRegistry.recognise(csvHeader: header) == .directory)
        let mapping = SurveyMapping(teamColumn: "team", submittedColumn: nil, scale: 5, favourableFrom: 4, items: [.init(id: "x", column: "person_id")])
        #expect(SourceRegistry.recognise(csvHeader: header, survey: mapping) == .survey)
    }
}
