import CandorVocabulary
import Yams

/// What the policy says about one source family: the dataset its records belong to and the fields kept.
public struct SourcePolicy: Sendable, Equatable {
    public var family: SourceFamily
    public var dataset: Dataset
    /// Optional fields kept; nil keeps every field candor reads from this source. Prohibited fields
    /// are already removed. A source the policy does not list keeps the fields a published figure
    /// reads (``SourceFamily/usedFields``): minimal by default.
    public var allowedFields: Set<String>?
    /// Why the organisation keeps this source's records beyond what candor's published figures read
    /// (`purpose:`): without it, records no figure reads (a retired metric's only source, event
    /// types no metric interprets) are read and not stored.
    public var purpose: String?
    /// The policy line of `fields:` (or of the entry), for messages.
    public var fieldsLine: Int?

    /// Parses one `sources:` entry. `prohibited` are the policy's prohibited fields.
    static func parse(family: SourceFamily, node: Node, prohibited: Set<String>, path: String) throws -> SourcePolicy {
        var result = SourcePolicy(family: family, dataset: family.defaultDataset, allowedFields: Set(family.usedFields))
        result.fieldsLine = node.mark?.line
        guard let mapping = node.mapping else {
            throw PolicyError(path: path, line: node.mark?.line, message: "sources.\(family.rawValue) must be a mapping",
                              hint: "for example:  \(family.rawValue): {dataset: \(family.defaultDataset.rawValue), fields: used}")
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
            case "purpose":
                guard let text = value.string?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty, text.count <= 500,
                      !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "sources.\(family.rawValue).purpose must be one sentence on one line (at most 500 characters)",
                                      hint: "say who uses the records no published figure reads, and for what; or remove purpose: to keep only what the figures read")
                }
                result.purpose = text
            case "fields":
                result.fieldsLine = value.mark?.line
                if value.string == "all" { result.allowedFields = nil; continue }
                if value.string == "used" { result.allowedFields = Set(family.usedFields); continue }
                guard let list = value.sequence, list.allSatisfy({ $0.string != nil }) else {
                    throw PolicyError(path: path, line: value.mark?.line, message: "sources.\(family.rawValue).fields must be `used`, `all` or a list of field names",
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
                                  hint: "a source takes dataset:, fields: and purpose:")
            }
        }
        if !prohibited.isEmpty {
            let base = result.allowedFields ?? Set(family.optionalFields)
            let kept = base.subtracting(prohibited)
            if kept != base || result.allowedFields != nil { result.allowedFields = kept }
        }
        return result
    }

    public init(family: SourceFamily, dataset: Dataset, allowedFields: Set<String>? = nil, purpose: String? = nil) {
        self.family = family
        self.dataset = dataset
        self.allowedFields = allowedFields
        self.purpose = purpose
    }

    /// Refuses what the policy may not keep of this source: a field read against another without it
    /// (`fieldRequirements`), and a field no published figure reads without a `purpose:` saying why.
    /// `prohibitedLine` is the line of `prohibited_fields`, when it is what split a pair.
    func validate(path: String, prohibited: Set<String>, prohibitedLine: Int?) throws {
        let kept = allowedFields ?? Set(family.optionalFields)
        for (field, needs) in family.fieldRequirements.sorted(by: { $0.key < $1.key }) where kept.contains(field) {
            for need in needs where !kept.contains(need) {
                let byProhibition = prohibited.contains(need)
                throw PolicyError(path: path, line: byProhibition ? prohibitedLine : fieldsLine,
                                  message: "\(family.rawValue) would keep \(field) but not \(need), which it is read against",
                                  hint: byProhibition ? "prohibit both (\(field), \(need)) or neither: one without the other would bias the figures that read them"
                                    : "keep both (\(field), \(need)) or drop both: one without the other would bias the figures that read them")
            }
        }
        let readers = family.fieldReaders
        let unread = family.optionalFields.filter { kept.contains($0) && (readers[$0] ?? []).isEmpty }
        if !unread.isEmpty, purpose == nil {
            throw PolicyError(path: path, line: fieldsLine,
                              message: "sources.\(family.rawValue) keeps \(unread.count > 6 ? "\(unread.count) fields" : unread.joined(separator: ", ")) that no published figure reads, without a purpose",
                              hint: "say who uses \(unread.count == 1 ? "it" : "them") and why in sources.\(family.rawValue).purpose, or keep only what the figures read (fields: used)")
        }
    }

    /// What candor keeps of a source the policy does not list: the fields a published figure reads.
    public static func minimal(_ family: SourceFamily, prohibited: Set<String> = []) -> SourcePolicy {
        SourcePolicy(family: family, dataset: family.defaultDataset, allowedFields: Set(family.usedFields).subtracting(prohibited))
    }
}
