import CandorAnalysis
import CandorMail
import CandorPolicy
import CandorVocabulary
import Foundation
import Mustache

/// The Mustache templates reports are rendered from.
///
/// The defaults are compiled into the binary (``EmbeddedTemplates``, generated from `templates/`),
/// so `candor` works from any directory. An organisation can override any of them with
/// `--templates DIR`: a `NAME.mustache` there replaces the default of the same name.
public struct TemplateSet: Sendable {
    /// Templates every report needs.
    public static let required = ["governance.md", "acceptance-table", "acceptance-row", "page.html", "style", "self-view.md", "self-view-weeks", "security-review.md", "scorecard-table", "scorecard-row", "weekly-chart", "team.md", "team-table", "team-weeks", "email.html", "transparency.md", "transparency-audiences", "transparency-consent", "transparency-audit", "overview-table", "inputs-table", "index.md", "index-trend"]

    let library: MustacheLibrary
    /// Where each template came from ("built-in" or a file path), for `--verbose` and errors.
    public let origins: [String: String]
    /// The SHA-256 of each template's text as used, by name: the manifest and the audit log record
    /// them, so a report rendered from a changed template can be told from one rendered from the
    /// built-in text.
    public let digests: [String: String]

    /// The templates a `--templates` folder replaced, sorted by name (empty: every one built in).
    public var overridden: [String] { origins.filter { $0.value != "built-in" }.keys.sorted() }

    /// One SHA-256 over every template's name and digest, in name order: what the audit log records.
    public var fingerprint: String {
        SHA256Digest.hex(of: Array(digests.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined().utf8))
    }

    /// The built-in templates.
    public static func builtIn() throws -> TemplateSet {
        try TemplateSet(overridesFrom: nil)
    }

    /// The built-in templates, with any `*.mustache` in `directory` replacing the default of the same name.
    public init(overridesFrom directory: String?) throws {
        _ = ContentTypes.registered
        var sources: [String: (text: String, origin: String)] = [:]
        for (name, text) in EmbeddedTemplates.files { sources[name] = (text, "built-in") }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw TemplateError(file: directory, line: nil, message: "no templates folder here",
                                    hint: "pass a folder holding NAME.mustache files, e.g. a copy of the repository's templates/")
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in names.sorted() where file.hasSuffix(".mustache") {
                let path = URL(fileURLWithPath: directory).appendingPathComponent(file).path
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw TemplateError(file: path, line: nil, message: "cannot read the template as UTF-8 text", hint: "check its permissions and encoding")
                }
                sources[String(file.dropLast(".mustache".count))] = (text, path)
            }
        }
        var library = MustacheLibrary()
        var origins: [String: String] = [:]
        var digests: [String: String] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: source.text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(file: source.origin == "built-in" ? "built-in template \(name)" : source.origin,
                                    line: error.context.lineNumber,
                                    message: "template syntax error (\(error.error)) near: \(error.context.line.trimmingCharacters(in: .whitespaces))",
                                    hint: "fix the tag; Mustache tags are {{name}}, {{#section}}…{{/section}}, {{> partial}}")
            }
            origins[name] = source.origin
            digests[name] = SHA256Digest.hex(of: Array(source.text.utf8))
        }
        self.library = library
        self.origins = origins
        self.digests = digests
    }

    /// Said at the top of every report rendered with a replaced template (nil when none was), added
    /// by candor after rendering so no template can leave it out: a `--templates` folder can change
    /// what a report says about the programme, and a reader has to know its wording is not candor's.
    public var overrideNotice: String? {
        let names = overridden
        guard !names.isEmpty else { return nil }
        let listed = names.map { Escape.markdown($0) }.joined(separator: ", ")
        return "> **Changed templates.** This report was rendered with \(names.count) of candor's templates replaced "
            + "from a `--templates` folder (\(listed)), so its wording is not candor's own. The figures are computed as "
            + "usual; the manifest and the audit log record the SHA-256 of every template used.\n"
    }

    /// `markdown` with ``overrideNotice`` after its title line (or first, without one).
    public func withOverrideNotice(_ markdown: String) -> String {
        guard let notice = overrideNotice else { return markdown }
        guard markdown.hasPrefix("# "), let end = markdown.firstIndex(of: "\n") else { return notice + "\n" + markdown }
        let title = markdown[...end]
        return title + "\n" + notice + String(markdown[markdown.index(after: end)...])
    }

    /// Renders template `name` with `object`.
    public func render(_ name: String, _ object: Any) throws -> String {
        guard let text = library.render(TemplateNode.convert(object), withTemplate: name) else {
            throw TemplateError(file: name, line: nil, message: "no template named \(name)",
                                hint: "restore \(name).mustache in your --templates folder, or remove it to use the built-in one")
        }
        return text
    }
}

/// A template problem.
public struct TemplateError: Error, LocalizedError {
    public var file: String
    public var line: Int?
    public var message: String
    public var hint: String
    public var errorDescription: String? { "\(file)\(line.map { ":\($0)" } ?? ""): \(message) — \(hint)" }
}

/// A view model converted once into lookup tables for rendering.
///
/// swift-mustache finds a key by reflecting the object it is looking in (`Mirror`) on every lookup,
/// and a key not found in a section's object is looked for again in each enclosing one up to the
/// root — so a large view was reflected thousands of times. Converting it once, here, makes each
/// lookup a dictionary read. Semantics are unchanged: a nil optional is absent (the lookup goes on
/// to the enclosing object, as with `Mirror`), arrays stay arrays, everything else is as given.
final class TemplateNode: MustacheParent, @unchecked Sendable {
    let children: [String: Any]
    init(_ children: [String: Any]) { self.children = children }
    func child(named: String) -> Any? { children[named] }

    static func convert(_ value: Any) -> Any {
        if value is String || value is Bool || value is Int || value is Double { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?:
            var children: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let inner = unwrap(child.value) else { continue }
                children[label] = convert(inner)
            }
            return TemplateNode(children)
        case .collection?:
            return mirror.children.map { convert($0.value) }
        case .optional?:
            return mirror.children.first.map { convert($0.value) } as Any
        default:
            return value
        }
    }

    /// The value an optional holds, nil for none, or the value itself.
    static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
