import CandorVocabulary
import CandorPolicy

// Stub: committed with its failing tests (issue 17, item 12); the implementation follows.
public enum BenjaminiHochberg {
    public static func threshold(_ pValues: [Double], q: Double) -> Double? { q }
    public static func adjusted(_ pValues: [Double]) -> [Double] { pValues }
}

public struct TestFamily: Sendable {
    public let level: Double
    public private(set) var threshold: Double? = nil
    public init(level: Double) { self.level = level }
    public var size: Int { 0 }
    public var discoveries: Int { 0 }
    public mutating func significant(_ key: String, p: Double) -> Bool { p < level }
    public mutating func decide() {}
    public mutating func movement(_ before: MetricValue, _ after: MetricValue) -> Movement { Movement.of(before, after, alpha: level) }
    public func judge(_ before: MetricValue, _ after: MetricValue) -> (test: ChangeTest, significant: Bool)? { nil }
}

public enum SequentialPValue {
    public static func estimate(stopAfter h: Int, atMost n: Int, _ exceeds: () -> Bool) -> (p: Double, draws: Int) { (1, 0) }
}
