#!/usr/bin/python3
"""Parses candor's HTML outputs with a real HTML parser (Python's html.parser) and fails on
anything outside an allow-list: an element or attribute candor's templates do not use, an event
handler, a URL (href, src, xlink:href) with a javascript:, data: or any other scheme, or a style
value that could load or run anything. .eml files are parsed with Python's email package first;
their text/html parts are checked the same way, and their headers must be exactly candor's set.

Usage: html-allowlist.py FILE [FILE ...]      (.html and .eml)
Prints one JSON line per file with its problems; exit status 1 if any file has one.
"""
import email, email.policy, json, re, sys
from html.parser import HTMLParser

ELEMENTS = {
    # document and text (libcmark's output and the page shell)
    "html", "head", "meta", "title", "style", "body", "main", "section", "div", "span", "p", "h1", "h2", "h3", "h4", "h5", "h6",
    # links: only the index's, to a quarter's own files in the same folder (LOCAL_LINK)
    "a",
    "ul", "ol", "li", "strong", "em", "code", "pre", "br", "hr", "blockquote", "details", "summary", "figure", "figcaption",
    # tables
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    # inline SVG charts
    "svg", "desc", "line", "polyline", "polygon", "circle", "text", "g", "rect",
}
ATTRIBUTES = {
    "lang", "charset", "name", "content", "http-equiv", "class", "style", "id", "scope", "colspan", "rowspan", "role",
    "aria-hidden", "aria-label", "aria-labelledby", "viewbox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r",
    "points", "cellpadding", "cellspacing", "start",
}
HEADERS = ["From", "To", "Reply-To", "Subject", "Date", "Message-ID", "MIME-Version", "Auto-Submitted", "X-Candor-Report", "Content-Type"]
# The one kind of link a report may hold: the index's, to a file of a quarter's folder beside it.
LOCAL_LINK = re.compile(r"[0-9]{4}-Q[1-4]/[a-z-]+\.(html|md|csv|json)")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
BAD_STYLE = re.compile(r"url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:|-moz-binding", re.I)


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.csp = None
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def check(self, tag, attrs):
        if tag not in ELEMENTS:
            self.problems.append(f"element <{tag}> is not on the allow-list")
        self.in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            elif tag == "a" and name == "href" and LOCAL_LINK.fullmatch(value):
                pass
            elif name in ("href", "src", "xlink:href", "action", "formaction", "srcset", "background"):
                self.problems.append(f"URL attribute {name}={value[:60]!r} on <{tag}>")
            elif name not in ATTRIBUTES:
                self.problems.append(f"attribute {name} on <{tag}> is not on the allow-list")
            if name == "style" and BAD_STYLE.search(value):
                self.problems.append(f"style that can load or run something on <{tag}>: {value[:60]!r}")
            if name == "http-equiv" and value.lower() == "content-security-policy":
                self.csp = dict(attrs).get("content")
            if re.search(r"javascript:|data:|vbscript:", value, re.I) and name != "content":
                self.problems.append(f"a script or data URL in {name} on <{tag}>")

    def handle_data(self, data):
        if self.in_style and BAD_STYLE.search(data):
            self.problems.append("the stylesheet can load or run something")

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_comment(self, data):
        self.problems.append("an HTML comment (candor writes none)")

    def handle_decl(self, decl):
        if decl.lower() != "doctype html":
            self.problems.append(f"declaration <!{decl}>")

    def handle_pi(self, data):
        self.problems.append("a processing instruction")


def check_html(text, page=True):
    checker = Checker()
    checker.feed(text)
    checker.close()
    problems = checker.problems
    if page and checker.csp != CSP:
        problems.append(f"Content-Security-Policy missing or changed: {checker.csp!r}")
    return problems


def check_eml(raw):
    problems = []
    message = email.message_from_bytes(raw, policy=email.policy.default)
    names = [k for k, _ in message.items()]
    if names != HEADERS:
        problems.append(f"headers {names} are not candor's set")
    for key, value in message.items():
        if "\n" in str(value) or "\r" in str(value):
            problems.append(f"header {key} holds a line break")
    defects = [str(d) for part in message.walk() for d in part.defects]
    if defects:
        problems.append(f"MIME defects: {defects}")
    types = [p.get_content_type() for p in message.walk() if not p.is_multipart()]
    if types != ["text/plain", "text/html"]:
        problems.append(f"parts {types}")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            problems += ["email HTML: " + p for p in check_html(part.get_content(), page=False)]
    return problems, str(message["Subject"])


def main():
    failed = False
    for path in sys.argv[1:]:
        data = open(path, "rb").read()
        subject = None
        if path.endswith(".eml"):
            problems, subject = check_eml(data)
        else:
            problems = check_html(data.decode("utf-8"))
        failed |= bool(problems)
        print(json.dumps({"file": path, "ok": not problems, "problems": problems[:50], "subject": subject}, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
