import Foundation

/// Team names come from input files: they are cleaned once, here, before they go anywhere.
public enum TeamName {
    /// Trims spaces, turns control characters (including line breaks) into spaces and folds runs of spaces.
    public static func clean(_ raw: String) -> String {
        var out = ""
        var lastWasSpace = true
        for scalar in raw.unicodeScalars {
            let isSpace = scalar.properties.generalCategory == .control || scalar == " "
                || scalar.properties.isWhitespace
            if isSpace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }
}
