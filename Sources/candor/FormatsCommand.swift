import ArgumentParser
import CandorVocabulary

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the export formats candor reads, with an example of each.")

    func run() {
        for format in InputFormat.allCases {
            print("\(format.rawValue)\n    \(format.summary)\n    e.g. \(format.example)")
        }
    }
}
