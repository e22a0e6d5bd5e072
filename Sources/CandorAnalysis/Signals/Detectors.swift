import CandorVocabulary
import CandorPolicy

/// The eight gaming-signal detectors. Pure: each takes a team's facts for the previous and the current
/// period (or the current period and the policy's targets and calendar) and returns a ``Signal`` or
/// nothing. docs/signals.md describes each: definition, test, threshold, minimum evidence, alternative
/// explanations and the question it suggests.
public enum Detectors {

    /// The question each detector asks the team: about the team's process, never about a person.
    static let acceptanceInflationQuestion = "Are we accepting suggestions we then cut down or undo, and what would make them worth keeping whole?"
    static let suppressionQuestion = "Which of the findings we suppressed would we still suppress after a second look, and is anything we care about no longer scanned?"
    static let rubberStampQuestion = "Do our reviews still catch what we want them to catch, and what would tell us if they stopped?"
    static let bunchingQuestion = "Does the target still tell us what we wanted to know, or has reaching it become the work?"
    static let burstQuestion = "Did the review date change when or how we worked, and is that what we want from it?"
    static let surveySelectionQuestion = "Did anything about when or how this survey ran make answering harder, and would the picture change if more of the team answered?"
    static let churnQuestion = "Which accepted suggestions do we end up rewriting, and should we be accepting them at all?"
    /// Every detector's question (the first with its metric's name left as `{metric}`).
    public static var questions: [String] {
        ["What did we expect the rise in {metric} to change, and what would show us it has?", acceptanceInflationQuestion, suppressionQuestion, rubberStampQuestion, bunchingQuestion, burstQuestion, surveySelectionQuestion, churnQuestion]
    }
    /// One entry per detector, in the order the issue and the reports list them.
    public struct Info: Sendable, Equatable {
        public var id: String
        public var name: String
        /// Whether it compares the period with the previous one (otherwise it looks inside the period).
        public var betweenPeriods: Bool
    }

    public static let all: [Info] = [
        Info(id: "leading-without-outcome", name: "Leading without outcome", betweenPeriods: true),
        Info(id: "acceptance-inflation", name: "Acceptance inflation", betweenPeriods: true),
        Info(id: "suppression-instead-of-fixing", name: "Suppression instead of fixing", betweenPeriods: true),
        Info(id: "rubber-stamp-reviews", name: "Rubber-stamp reviews", betweenPeriods: true),
        Info(id: "threshold-bunching", name: "Threshold bunching", betweenPeriods: false),
        Info(id: "pre-review-burst", name: "Pre-review burst", betweenPeriods: false),
        Info(id: "survey-selection", name: "Survey selection", betweenPeriods: true),
        Info(id: "churn-after-acceptance", name: "Churn after acceptance", betweenPeriods: true),
    ]

    static func fmt(_ v: MetricValue) -> String {
        guard let e = v.estimate else { return "–" }
        // Lines per acceptance is a plain ratio; everything else is in its registry unit.
        let format: (Double) -> String = MetricRegistry.metric(v.metric).map { m in { m.unit.format($0) } }
            ?? (v.metric == "signal.quick_approvals" ? { Format.percent($0) } : { Format.fixed($0, decimals: 2) })
        let interval = v.interval.map { " (95% \(format($0.lower))–\(format($0.upper)))" } ?? ""
        return format(e) + interval
    }

    /// "10 points" for a difference of proportions.
    static func points(_ x: Double) -> String { "\(Format.fixed(x * 100, decimals: 0)) points" }

    static func name(_ v: MetricValue) -> String { MetricRegistry.metric(v.metric)?.name ?? v.metric.rawValue }

    /// "p = 0.004", "p < 0.001".
    public static func pValue(_ p: Double) -> String { p < 0.001 ? "p < 0.001" : "p = \(Format.fixed(p, decimals: 3))" }

    static func change(_ b: MetricValue, _ a: MetricValue, _ family: inout TestFamily) -> String {
        guard let t = family.change(b, a) else { return "" }
        return "difference \(t.statistic), two-sided \(pValue(t.p))"
    }

    /// 1. Leading without outcome: an adoption metric (leading) improved significantly while its paired
    /// outcome, measured in both periods, did not improve.
    /// Recorded programme changes to the leading metric (`changes`, over both periods) come first among
    /// the alternatives: the signal still asks whether the outcome followed.
    public static func leadingWithoutOutcome(before: [MetricID: MetricValue], after: [MetricID: MetricValue], team: String?, family: inout TestFamily,
                                             changes: [ProgrammeChange] = []) -> [Signal] {
        MetricRegistry.all.filter { $0.kind == .leading && $0.dimension == .adoption }.compactMap { leading in
            guard let lb = before[leading.id], let la = after[leading.id], family.movement(lb, la) == .improved,
                  let ob = before[leading.pairedWith], let oa = after[leading.pairedWith], oa.estimate != nil, ob.estimate != nil,
                  ob.label != .suppressed, oa.label != .suppressed,
                  family.movement(ob, oa) != .improved else { return nil }
            let outcome = MetricRegistry.metric(leading.pairedWith)!
            let outcomeTest = family.change(ob, oa).map { "the outcome's change: \($0.statistic), \(pValue($0.p))" } ?? "the outcome rests on too little evidence to show a change"
            return Signal(detector: "leading-without-outcome", team: team,
                          title: "\(leading.name) rose; \(outcome.name.prefix(1).lowercased() + outcome.name.dropFirst()) did not follow",
                          evidence: ["\(leading.name): \(fmt(lb)) → \(fmt(la))", "\(outcome.name): \(fmt(ob)) → \(fmt(oa))"],
                          test: "the leading metric's \(change(lb, la, &family)), significant at a \(family.criterion); \(outcomeTest)",
                          alternatives: changes.filter { $0.metrics.contains(leading.id.rawValue) }.map { "the rise coincides with a recorded change: \($0.day.iso8601) \($0.description)" }
                            + ["the outcome lags the leading metric by more than a quarter", "the team's work changed in kind (new product, new codebase)",
                                         "the outcome rests on too few events to move yet"],
                          question: "What did we expect the rise in \(leading.name.lowercased()) to change, and what would show us it has?")
        }
    }

    /// 2. Acceptance inflation: acceptance up while accepted lines per acceptance or persistence went down.
    public static func acceptanceInflation(before: [MetricID: MetricValue], after: [MetricID: MetricValue], team: String?, family: inout TestFamily) -> Signal? {
        guard let ab = before["ai.acceptance_rate"], let aa = after["ai.acceptance_rate"], family.movement(ab, aa) == .improved else { return nil }
        var worse: [String] = []
        for id in ["signal.lines_per_acceptance", "ai.persistence"] as [MetricID] {
            guard let b = before[id], let a = after[id], family.movement(b, a) == .worsened else { continue }
            worse.append("\(id == "signal.lines_per_acceptance" ? "AI lines per accepted suggestion" : name(a)): \(fmt(b)) → \(fmt(a)) (\(change(b, a, &family)))")
        }
        guard !worse.isEmpty else { return nil }
        return Signal(detector: "acceptance-inflation", team: team, title: "More suggestions accepted, less code kept from each",
                      evidence: ["Inline suggestion acceptance rate: \(fmt(ab)) → \(fmt(aa)) (\(change(ab, aa, &family)))"] + worse,
                      test: "changes in opposite directions (differences of two estimates from their intervals), each significant at a \(family.criterion)",
                      alternatives: ["suggestions got shorter (a new model, a language with terser completions)", "the team now accepts and then adapts suggestions on purpose"],
                      question: acceptanceInflationQuestion)
    }

    /// One team's scanning and finding counts in a period, for detector 3.
    public struct QualityCounts: Sendable, Equatable {
        /// Findings that stopped being open in the period, and how many of them by suppression or dismissal.
        public var closed: Int
        public var hidden: Int
        /// Repositories with at least one scan or code review in the period.
        public var repositoriesScanned: Int
        /// Lines analysed and lines excluded from analysis (CodeGuru Reviewer metered and suppressed lines).
        public var meteredLines: Int64
        public var excludedLines: Int64
        /// Recommendations the team marked not useful (CodeGuru ThumbsDown).
        public var thumbsDown: Int
        public init(closed: Int, hidden: Int, repositoriesScanned: Int, meteredLines: Int64, excludedLines: Int64, thumbsDown: Int = 0) {
            self.closed = closed; self.hidden = hidden; self.repositoriesScanned = repositoriesScanned
            self.meteredLines = meteredLines; self.excludedLines = excludedLines; self.thumbsDown = thumbsDown
        }
        var excludedShare: Double { meteredLines + excludedLines > 0 ? Double(excludedLines) / Double(meteredLines + excludedLines) : 0 }
    }

    /// 3. Suppression instead of fixing: new findings fell while the share of findings closed by
    /// suppression or dismissal rose (one-sided Fisher exact test), or scan coverage fell (fewer
    /// repositories scanned, or a larger share of lines excluded from analysis).
    public static func suppressionInsteadOfFixing(newBefore: MetricValue, newAfter: MetricValue, before: QualityCounts, after: QualityCounts,
                                                  team: String?, thresholds: SignalThresholds, family: inout TestFamily) -> Signal? {
        guard newBefore.label != .suppressed, newAfter.label != .suppressed, let nb = newBefore.estimate, let na = newAfter.estimate, na < nb else { return nil }
        var reasons: [String] = [], tests: [String] = []
        let shareBefore = before.closed > 0 ? Double(before.hidden) / Double(before.closed) : 0
        let shareAfter = after.closed > 0 ? Double(after.hidden) / Double(after.closed) : 0
        if after.closed >= 5, before.closed >= 5 {
            // Collected whatever the direction (a share that fell has p near 1): a family that took in only
            // tests already leaning the right way would understate how many were run.
            let p = SignalStatistics.fisherGreater(x1: before.hidden, n1: before.closed, x2: after.hidden, n2: after.closed)
            if family.significant("fisher|suppression-share|\(TestFamily.scope(team))", p: p), shareAfter > shareBefore {
                reasons.append("findings closed by suppression or dismissal: \(before.hidden) of \(before.closed) (\(Format.percent(shareBefore, decimals: 0))) → \(after.hidden) of \(after.closed) (\(Format.percent(shareAfter, decimals: 0)))")
                tests.append("suppression share rose: one-sided Fisher exact \(pValue(p)), significant at a \(family.criterion)")
            }
        }
        if after.repositoriesScanned < before.repositoriesScanned {
            reasons.append("repositories scanned: \(before.repositoriesScanned) → \(after.repositoriesScanned)")
            tests.append("fewer repositories scanned")
        }
        if after.excludedShare - before.excludedShare >= thresholds.coverageExclusionRise {
            reasons.append("lines excluded from analysis: \(Format.percent(before.excludedShare, decimals: 0)) → \(Format.percent(after.excludedShare, decimals: 0)) of scanned lines")
            tests.append("the excluded share rose by at least \(points(thresholds.coverageExclusionRise))")
        }
        guard !reasons.isEmpty else { return nil }
        var evidence = ["\(name(newAfter)): \(fmt(newBefore)) → \(fmt(newAfter))"] + reasons
        if after.thumbsDown > before.thumbsDown { evidence.append("recommendations marked not useful: \(before.thumbsDown) → \(after.thumbsDown)") }
        return Signal(detector: "suppression-instead-of-fixing", team: team, title: "Fewer new findings, with more suppressed or less scanned",
                      evidence: evidence,
                      test: "new findings lower than the previous period, and " + tests.joined(separator: "; "),
                      alternatives: ["the suppressed findings were false positives, now documented", "a repository was archived or moved to another team",
                                     "generated or vendored code was excluded on purpose"],
                      question: suppressionQuestion)
    }

    /// 4. Rubber-stamp reviews: reviews got faster — median pickup significantly shorter (difference
    /// test), or more approvals within minutes of opening (one-sided Fisher exact) — while they got
    /// shallower: a significantly larger share of approvals with no discussion.
    public static func rubberStamp(before: [MetricID: MetricValue], after: [MetricID: MetricValue], team: String?, family: inout TestFamily) -> Signal? {
        guard let db = before["flow.review_depth"], let da = after["flow.review_depth"], family.movement(db, da) == .worsened else { return nil }
        var faster: [String] = []
        if let pb = before["flow.review_pickup"], let pa = after["flow.review_pickup"], family.movement(pb, pa) == .improved {
            faster.append("\(name(pa)): \(fmt(pb)) → \(fmt(pa)) (\(change(pb, pa, &family)))")
        }
        if let qb = before["signal.quick_approvals"], let qa = after["signal.quick_approvals"], qb.label != .suppressed, qa.label != .suppressed,
           let eb = qb.estimate, let ea = qa.estimate {
            // Collected whatever the direction, as above.
            let x1 = Int((eb * Double(qb.events)).rounded()), x2 = Int((ea * Double(qa.events)).rounded())
            let p = SignalStatistics.fisherGreater(x1: x1, n1: qb.events, x2: x2, n2: qa.events)
            if family.significant("fisher|quick-approvals|\(TestFamily.scope(team))", p: p), ea > eb { faster.append("approvals within 5 minutes of opening: \(x1) of \(qb.events) → \(x2) of \(qa.events) (one-sided Fisher exact \(pValue(p)))") }
        }
        guard !faster.isEmpty else { return nil }
        return Signal(detector: "rubber-stamp-reviews", team: team, title: "Reviews got faster and shallower",
                      evidence: faster + ["\(name(da)): \(fmt(db)) → \(fmt(da)) (\(change(db, da, &family)))"],
                      test: "faster reviews and a larger share of approvals without discussion, each significant at a \(family.criterion)",
                      alternatives: ["changes got smaller, so there is less to discuss", "discussion moved to pairing or to a call",
                                     "a new rule (more approvers, an on-call reviewer) changed how reviews are done"],
                      question: rubberStampQuestion)
    }

    /// 5. Threshold bunching: a team's person-week values pile up just past a target published in the
    /// policy (``SignalStatistics/bunching(_:threshold:width:pastIsAbove:)``).
    /// Bin counts below `minimumGroupSize` are printed as "fewer than k": a published count of person-weeks
    /// that small could be one person's weeks.
    public static func thresholdBunching(_ values: [Double], metric: MetricID, target: Double, team: String?, thresholds: SignalThresholds,
                                         minimumGroupSize k: Int = 5, family: inout TestFamily) -> Signal? {
        let higher = MetricDirection.higherIsBetter[metric] ?? true
        let b = SignalStatistics.bunching(values, threshold: target, width: thresholds.bunchingBinWidth, pastIsAbove: higher)
        // Tested (and so in the family) wherever there is the minimum evidence; the excess is a size rule beside the test.
        guard b.below + b.past + b.beyond >= thresholds.bunchingMinimumValues,
              family.significant("bunching|\(metric.rawValue)|\(TestFamily.scope(team))", p: b.p), b.excess >= thresholds.bunchingMinimumExcess else { return nil }
        let unit = MetricRegistry.metric(metric)?.unit ?? .proportion
        func v(_ x: Double) -> String { unit.format(x) }
        let w = thresholds.bunchingBinWidth
        func c(_ n: Int) -> String { PeopleCount.published(n, k: k) }
        let bins = higher ? ["\(v(target - w))–\(v(target)): \(c(b.below))", "\(v(target))–\(v(target + w)): \(c(b.past))", "\(v(target + w))–\(v(target + 2 * w)): \(c(b.beyond))"]
            : ["\(v(target + w))–\(v(target)): \(c(b.below))", "\(v(target - w))–\(v(target)): \(c(b.past))", "\(v(target - 2 * w))–\(v(target - w)): \(c(b.beyond))"]
        let metricName = MetricRegistry.metric(metric)?.name ?? metric.rawValue
        return Signal(detector: "threshold-bunching", team: team, title: "\(metricName) piles up just past the target of \(v(target))",
                      evidence: ["person-weeks by value — " + bins.joined(separator: " · "),
                                 "\(Format.fixed(b.excess, decimals: 1))× the neighbouring bins' mean"
                                    // The total would give a coarsened bin away by subtraction.
                                    + ([b.below, b.past, b.beyond].contains { $0 < k } ? "" : ", of \(values.count) person-weeks")],
                      test: "one-sided binomial test of the bin past the target against ⅓ of the three bins (a smooth density), \(pValue(b.p)), significant at a \(family.criterion)",
                      alternatives: ["the target was set where the team's values already sat", "a real improvement that stopped once the target was met"],
                      question: bunchingQuestion)
    }

    /// 6. Pre-review burst: a count surges in the days before a review or calibration date of the
    /// policy calendar, against the rest of the period (``SignalStatistics/burst(window:baseline:)``).
    public static func preReviewBurst(activity: String, window: [Int], baseline: [Int], review: ReviewDate, team: String?, thresholds: SignalThresholds,
                                      family: inout TestFamily) -> Signal? {
        guard let b = SignalStatistics.burst(window: window, baseline: baseline), b.windowEvents >= thresholds.burstMinimumEvents,
              family.significant("burst|\(review.day.iso8601)|\(review.name)|\(TestFamily.scope(team))|\(activity)", p: b.p),
              b.ratio >= thresholds.burstMinimumRatio else { return nil }
        func perDay(_ events: Int, _ days: Int) -> String { Format.fixed(Double(events) / Double(days), decimals: 1) }
        return Signal(detector: "pre-review-burst", team: team, title: "\(activity.prefix(1).uppercased() + activity.dropFirst()) surged before the \(review.name) (\(review.day.iso8601))",
                      evidence: ["\(activity): \(perDay(b.windowEvents, b.windowDays)) a day in the \(b.windowDays) days before, \(perDay(b.baselineEvents, b.baselineDays)) a day over the rest of the period (\(Format.fixed(b.ratio, decimals: 1))×)"],
                      test: "quasi-Poisson test of the window's share of the period's events (dispersion \(Format.fixed(b.dispersion, decimals: 1)) from the other weeks), one-sided \(pValue(b.p)), significant at a \(family.criterion)",
                      alternatives: ["a release or deadline fell in the same weeks", "work held back by holidays or an incident came through at once"],
                      question: burstQuestion)
    }

    /// 7. Survey selection: satisfaction rose while the team's response rate fell.
    public static func surveySelection(before: MetricValue, after: MetricValue, responseRateBefore: Double, responseRateAfter: Double,
                                       team: String?, thresholds: SignalThresholds) -> Signal? {
        guard before.label != .suppressed, after.label != .suppressed, let b = before.estimate, let a = after.estimate,
              a - b >= thresholds.satisfactionRise, responseRateBefore - responseRateAfter >= thresholds.responseRateDrop else { return nil }
        return Signal(detector: "survey-selection", team: team, title: "Satisfaction rose as fewer people answered",
                      evidence: ["\(name(after)): \(fmt(before)) → \(fmt(after))",
                                 "response rate: \(Format.percent(responseRateBefore, decimals: 0)) → \(Format.percent(responseRateAfter, decimals: 0))"],
                      test: "thresholds, not a significance test (a team's survey is too small for one): satisfaction up at least \(points(thresholds.satisfactionRise)) while the response rate fell at least \(points(thresholds.responseRateDrop))",
                      alternatives: ["the survey ran at a busier time", "real improvement, with fewer people feeling the need to answer"],
                      question: surveySelectionQuestion)
    }

    /// 8. Churn after acceptance: the share of accepted AI suggestions later reverted or heavily
    /// modified rose significantly (persistence fell).
    public static func churnAfterAcceptance(before: MetricValue, after: MetricValue, team: String?, family: inout TestFamily) -> Signal? {
        guard family.movement(before, after) == .worsened, let b = before.estimate, let a = after.estimate else { return nil }
        return Signal(detector: "churn-after-acceptance", team: team, title: "More accepted AI code is undone soon after",
                      evidence: ["accepted suggestions later reverted or modified: \(Format.percent(1 - b, decimals: 0)) → \(Format.percent(1 - a, decimals: 0)) (of \(before.events) → \(after.events) accepted)",
                                 "\(name(after)): \(fmt(before)) → \(fmt(after))"],
                      test: "persistence fell: \(change(before, after, &family)), significant at a \(family.criterion)",
                      alternatives: ["accepted code is now a starting point the team reshapes on purpose", "a refactoring touched recently written code"],
                      question: churnQuestion)
    }
}
