import CandorVocabulary

/// Every count of people a report prints goes through here, so the rule is decided in one place: a
/// count from 1 to k − 1 could single those people out (who objected, who used a tool, whose weeks
/// pile up past a target), so it is printed "fewer than k"; zero and counts of at least k are printed
/// as they are. A caller that prints a coarsened count must not print a total or a complement that
/// gives it back by subtraction (each call site says how it avoids that). Pure.
public enum PeopleCount {
    /// Whether `n` may be printed exactly.
    public static func isExact(_ n: Int, k: Int) -> Bool { n == 0 || n >= k }

    /// "0", "fewer than 5", "1,234".
    public static func published(_ n: Int, k: Int) -> String {
        isExact(n, k: k) ? Format.count(n) : "fewer than \(k)"
    }

    /// With its noun: "fewer than 5 people", "12 people" (the singular only where k is 1).
    public static func published(_ n: Int, k: Int, noun: String, plural: String? = nil) -> String {
        let word = n == 1 ? noun : (plural ?? noun + "s")
        return isExact(n, k: k) ? "\(Format.count(n)) \(word)" : "fewer than \(k) \(plural ?? noun + "s")"
    }
}
