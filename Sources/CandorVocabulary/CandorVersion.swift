public enum CandorVersion { public static let string = "0.1.0" }
