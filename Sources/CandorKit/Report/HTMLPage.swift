/// Wraps rendered Markdown in a self-contained HTML page: inline CSS, a Content-Security-Policy
/// that forbids scripts and every external request, and nothing else.
public enum HTMLPage {
    struct Shell {
        var title: String
        var candorVersion: String
        var body: String
    }

    /// The page for `markdown`, titled `title`.
    public static func render(markdown: String, title: String, templates: TemplateSet) throws -> String {
        let body = CommonMark.html(from: markdown)
        return try templates.render("page.html", Shell(title: title, candorVersion: CandorVersion.string, body: body))
    }
}
