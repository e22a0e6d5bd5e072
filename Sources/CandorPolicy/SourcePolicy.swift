import CandorVocabulary
import Yams

/// What the policy says about one source family: the dataset its records belong to and the fields kept.
public struct SourcePolicy: Sendable, Equatable {
    public var family: SourceFamily
    public var dataset: Dataset
    /// Optional fields kept; nil keeps every field candor reads from this source. Prohibited fields
    /// are already removed.
    public var allowedFields: Set<String>?

    /// Parses one `sources:` entry. `prohibited` are the policy's prohibited fields.
    static func parse(family: SourceFamily, node: Node, prohibited: Set<String>, path: String) throws -> SourcePolicy {
        var result = SourcePolicy(family: family, dataset: family.defaultDataset, allowedFields: nil)
        guard let mapping = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "sources.\(family.rawValue) must be a mapping",
                              hint: "for example:  \(family.rawValue): {dataset: \(family.defaultDataset.rawValue), fields: all}")
        }
        for (key, value) in mapping {
            switch key.string ?? "" {
            case "dataset":
                guard let name = value.string, let dataset = Dataset(rawValue: name) else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "sources.\(family.rawValue).dataset must be one of "
                                      + Dataset.allCases.map(\.rawValue).joined(separator: ", "),
                                      hint: "the dataset decides which reports may read these records")
                }
                result.dataset = dataset
            case "fields":
                if value.string == "all" { continue }
                guard let list = value.sequence, list.allSatisfy({ $0.string != nil }) else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "sources.\(family.rawValue).fields must be `all` or a list of field names",
                                      hint: "fields not listed are dropped at ingest and counted")
                }
                let known = Set(family.optionalFields)
                var allowed: Set<String> = []
                for item in list {
                    let name = item.string!
                    if SourceFamily.contentFields.contains(name.lowercased()) || prohibited.contains(name) {
                        throw PolicyError(path: path, line: item.mark?.line, message: "'\(name)' is a prohibited field and can never be allowed",
                                          hint: "candor never stores content (prompts, responses, code, snippets, file contents, free text) or a field the policy prohibits")
                    }
                    guard known.contains(name) else {
                        throw PolicyError(path: path, line: item.mark?.line, message: "\(family.rawValue) has no optional field '\(name)'",
                                          hint: known.isEmpty ? "every field candor keeps from \(family.rawValue) is part of the record's identity; remove `fields:`"
                                            : "its optional fields: \(family.optionalFields.joined(separator: ", "))")
                    }
                    allowed.insert(name)
                }
                result.allowedFields = allowed
            default:
                throw PolicyError(path: path, line: key.mark?.line, message: "unknown key '\(key.string ?? "")' in sources.\(family.rawValue)",
                                  hint: "a source takes dataset: and fields:")
            }
        }
        if !prohibited.isEmpty {
            let base = result.allowedFields ?? Set(family.optionalFields)
            let kept = base.subtracting(prohibited)
            if kept != base || result.allowedFields != nil { result.allowedFields = kept }
        }
        return result
    }

    public init(family: SourceFamily, dataset: Dataset, allowedFields: Set<String>? = nil) {
        self.family = family
        self.dataset = dataset
        self.allowedFields = allowedFields
    }
}
