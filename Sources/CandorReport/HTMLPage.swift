import CandorVocabulary
import CandorPolicy
import CandorAnalysis
import CandorMail

/// Wraps rendered Markdown in a self-contained HTML page: inline CSS, a Content-Security-Policy
/// that forbids scripts and every external request, and nothing else.
public enum HTMLPage {
    package struct Shell {
        var title: String
        var candorVersion: String
        var body: String

        package init(title: String, candorVersion: String, body: String) {
            self.title = title
            self.candorVersion = candorVersion
            self.body = body
        }
    }

    /// The page for `markdown`, titled `title`.
    public static func render(markdown: String, title: String, templates: TemplateSet) throws -> String {
        let body = CommonMark.html(from: markdown)
        return try templates.render("page.html", Shell(title: title, candorVersion: CandorVersion.string, body: body))
    }
}
