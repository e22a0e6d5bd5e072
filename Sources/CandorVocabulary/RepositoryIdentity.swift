/// How the organisation names its repositories, from the policy's `repositories:` section: the
/// organisation a bare name belongs to, and the names other tools use for a repository.
public struct RepositoryNaming: Sendable, Equatable {
    /// The owner (GitHub organisation, GitLab group) a bare name such as `route-planner` belongs to.
    public var owner: String?
    /// Names other tools use → the name the repository directory uses (a CodeGuru association's
    /// CodeCommit mirror, a service that deploys under another name). Keys are compared without case.
    public var aliases: [String: String]

    public init(owner: String? = nil, aliases: [String: String] = [:]) {
        self.owner = owner
        self.aliases = aliases
    }
}

/// One repository identity across sources (docs/formats.md, "Repository names").
///
/// Every source names a repository its own way: `gh api` as `owner/name`, SARIF and DevLake as a
/// URL (`https://github.com/owner/name.git`, `git@github.com:owner/name`), CodeGuru as an
/// association's name, a hand-kept directory often as a bare `name`. The canonical key is
/// `owner/name` in lower case, from any of these: a URL loses its scheme, host and `.git`; a bare
/// name gets the policy's owner, or — without one — the one `owner/name` among all the names seen
/// that ends in it. A bare name that ends two of them (`acme/shared-config`, `acme-labs/shared-config`)
/// is ambiguous and matches nothing; a name no other source uses is unmatched; both are reported,
/// never silently dropped. Pure.
public enum RepositoryIdentity {
    public enum Resolution: Sendable, Equatable {
        /// The canonical key.
        case key(String)
        /// A bare name that ends several `owner/name`s (listed): it matches none of them.
        case ambiguous(String, candidates: [String])
    }

    /// The name in lower case without URL scheme, host, `.git` or slashes at the ends; nil when empty.
    public static func normalise(_ raw: String) -> String? {
        var s = Substring(raw.trimmingASCIISpaces())
        guard !s.isEmpty, s.count <= 500 else { return nil }
        if let scheme = s.range(of: "://") {
            s = s[scheme.upperBound...]
            if let slash = s.firstIndex(of: "/") { s = s[s.index(after: slash)...] } else { return nil }
        } else if s.hasPrefix("git@"), let colon = s.firstIndex(of: ":") {
            s = s[s.index(after: colon)...]
        }
        while s.hasSuffix("/") { s = s.dropLast() }
        if s.lowercased().hasSuffix(".git") { s = s.dropLast(4) }
        while s.hasPrefix("/") { s = s.dropFirst() }
        let text = s.lowercased()
        return text.isEmpty ? nil : text
    }

    /// The last path component: the repository's own name.
    public static func name(_ normalised: String) -> String {
        normalised.split(separator: "/").last.map(String.init) ?? normalised
    }

    /// The canonical key of each of `raws` (every repository name the store holds, directories'
    /// and records' alike), under `naming`.
    public static func resolve(_ raws: Set<String>, naming: RepositoryNaming) -> [String: Resolution] {
        // Keys compared without case; two that differ only in case: the first in sorted order wins, every run.
        let aliases = Dictionary(naming.aliases.sorted { $0.key < $1.key }.map { ($0.key.lowercased(), $0.value) }) { a, _ in a }
        let owner = naming.owner.flatMap(normalise)
        // An alias may name the raw text, its normalised form, or its own name (an association's
        // `KF-LandingZone` under whatever owner the tool reports).
        func aliased(_ raw: String) -> String? {
            let text = raw.trimmingASCIISpaces()
            let n = normalise(text)
            let target = aliases[text.lowercased()] ?? n.flatMap { aliases[$0] ?? aliases[name($0)] }
            return normalise(target ?? text)
        }
        // The qualified names any source uses, by their own name.
        var qualified: [String: Set<String>] = [:]
        for raw in raws {
            guard let n = aliased(raw), n.contains("/") else { continue }
            qualified[name(n), default: []].insert(n)
        }
        var out: [String: Resolution] = [:]
        for raw in raws {
            guard let n = aliased(raw) else { continue }
            if n.contains("/") { out[raw] = .key(n); continue }
            if let owner { out[raw] = .key(owner + "/" + n); continue }
            let candidates = qualified[n] ?? []
            switch candidates.count {
            case 0: out[raw] = .key(n)
            case 1: out[raw] = .key(candidates.first!)
            default: out[raw] = .ambiguous(n, candidates: candidates.sorted())
            }
        }
        return out
    }
}
