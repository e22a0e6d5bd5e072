import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// File names for team reports. A team name comes from an input file; its file name is made only
/// of lowercase ASCII letters, digits and hyphens, so it can never leave the folder or hide.
public enum TeamSlug {
    /// `Platform & Infra` → `platform-infra`; names that clash, or have no ASCII letter or digit,
    /// get the first 8 hex digits of the name's SHA-256 appended.
    public static func assign(_ teams: [String]) -> [String: String] {
        var base: [String: String] = [:]
        for team in teams {
            var words: [String] = []
            var current = ""
            for scalar in team.unicodeScalars {
                if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    current.unicodeScalars.append(scalar)
                } else if !current.isEmpty {
                    words.append(current.lowercased())
                    current = ""
                }
            }
            if !current.isEmpty { words.append(current.lowercased()) }
            base[team] = String(words.joined(separator: "-").prefix(60))
        }
        var count: [String: Int] = [:]
        for slug in base.values { count[slug, default: 0] += 1 }
        var out: [String: String] = [:]
        for (team, slug) in base {
            let hash = String(SHA256Digest.hex(of: Array(team.utf8)).prefix(8))
            out[team] = slug.isEmpty ? "team-" + hash : count[slug]! > 1 ? slug + "-" + hash : slug
        }
        return out
    }
}
