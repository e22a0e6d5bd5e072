#!/usr/bin/python3
"""Opens candor's HTML reports in headless Chromium and fails on anything a reader's browser would
complain about. Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe), so
it needs nothing beyond Python's standard library and Debian's `chromium`.

Usage: browser-check.py SCREENSHOT_DIR REPORT.html [REPORT.html ...]

For each page it fails on:
  - any console message of level error, any uncaught exception, any log entry of level error
    (Content-Security-Policy violations are reported there);
  - any request other than the page itself (no external requests; a blocked one counts too);
  - accessibility checks in the rendered page: a language on <html>, exactly one <h1>, headings
    that never skip a level, every <th> with a scope, every <svg> with role="img", a <title> and a
    <desc>, every <img> with alt text, and WCAG 2.1 AA contrast (4.5:1, 3:1 for large text) for
    every element that renders text, against its nearest opaque background;
  - a print rendering (Page.printToPDF) that fails.
It saves a full-page screenshot of each page as SCREENSHOT_DIR/<name>.png and prints one JSON line
per page. Exit status 1 if any page failed, 2 if Chromium could not be driven.
"""
import json
import os, re, select, shutil, subprocess, sys, tempfile, time, base64

CHECKS = r"""
(() => {
  const problems = [];
  const lang = document.documentElement.getAttribute('lang');
  if (!lang) problems.push('<html> has no lang attribute');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`expected exactly one <h1>, found ${h1}`);
  let last = 0;
  for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
    const level = +h.tagName[1];
    if (last && level > last + 1) problems.push(`heading level skips from h${last} to h${level}: "${h.textContent.trim().slice(0, 60)}"`);
    last = level;
  }
  for (const th of document.querySelectorAll('th')) {
    if (!th.hasAttribute('scope')) problems.push(`<th> without scope: "${th.textContent.trim().slice(0, 40)}"`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.getAttribute('role') !== 'img') problems.push('<svg> without role="img"');
    if (!svg.querySelector(':scope > title')) problems.push('<svg> without a <title>');
    if (!svg.querySelector(':scope > desc')) problems.push('<svg> without a <desc>');
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push('<img> without alt');
  }
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(',').map(s => parseFloat(s)); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c.a >= 0.99) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode; const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim()) continue;
    seen.add(el);
    if (el.closest('svg')) {
      // SVG text: its fill against the page.
      const fill = parse(getComputedStyle(el).fill); if (!fill) continue;
      const bg = background(el.closest('svg').parentElement);
      const [a, b] = [lum(fill), lum(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05); checked++;
      if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}:1 below 4.5:1 for chart text "${node.textContent.trim().slice(0, 40)}"`);
      continue;
    }
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    const fg = parse(style.color); if (!fg) continue;
    const bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    checked++;
    if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}:1 below ${large ? 3 : 4.5}:1 for "${node.textContent.trim().slice(0, 40)}"`);
  }
  return JSON.stringify({problems, checked, title: document.title});
})()
"""


class Browser:
    def __init__(self):
        exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if not exe:
            raise SystemExit("browser-check: no chromium on PATH (apt-get install chromium)")
        self.profile = tempfile.mkdtemp(prefix="candor-chromium-")
        r1, w1 = os.pipe()  # we write commands -> chromium reads fd 3
        r2, w2 = os.pipe()  # chromium writes fd 4 -> we read
        def child():
            os.dup2(r1, 3); os.dup2(w2, 4)
        self.proc = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio", "about:blank"],
            pass_fds=(3, 4), preexec_fn=child, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r1); os.close(w2)
        self.out, self.inp = w1, r2
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.out, json.dumps(message).encode() + b"\0")
        return self.wait_for(lambda m: m.get("id") == self.next_id, 60)

    def read(self, timeout):
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.inp], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(self.inp, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def wait_for(self, predicate, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            message = self.read(max(0.01, deadline - time.time()))
            if message is None:
                break
            if predicate(message):
                if "error" in message:
                    raise RuntimeError(f"DevTools error: {message['error']}")
                return message
            if "method" in message:
                self.events.append(message)
        raise TimeoutError("no answer from chromium")

    def drain(self, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            message = self.read(max(0.01, deadline - time.time()))
            if message is None:
                return
            if "method" in message:
                self.events.append(message)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(10)
        except Exception:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check(browser, path, shots):
    url = "file://" + os.path.abspath(path)
    target = browser.send("Target.createTarget", {"url": "about:blank"})["result"]["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["result"]["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 1100, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
    browser.events = []
    browser.send("Page.navigate", {"url": url}, session=session)
    browser.wait_for(lambda m: m.get("method") == "Page.loadEventFired" and m.get("sessionId") == session, 60)
    browser.drain(0.5)
    problems = []
    for event in browser.events:
        if event.get("sessionId") != session:
            continue
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            problems.append("console error: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            problems.append("uncaught exception: " + params.get("exceptionDetails", {}).get("text", ""))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            problems.append("log error: " + params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            request_url = params.get("request", {}).get("url", "")
            if request_url != url:
                problems.append("request other than the page: " + request_url[:200])
        elif method == "Network.loadingFailed":
            problems.append(f"failed or blocked load: {params.get('errorText', '')} {params.get('blockedReason', '')}".strip())
    result = browser.send("Runtime.evaluate", {"expression": CHECKS, "returnByValue": True}, session=session)["result"]
    if "exceptionDetails" in result:
        problems.append("accessibility checks could not run: " + str(result["exceptionDetails"].get("text")))
        checked = 0
    else:
        found = json.loads(result["result"]["value"])
        problems += found["problems"]
        checked = found["checked"]
    name = os.path.splitext(os.path.basename(path))[0]
    parent = os.path.basename(os.path.dirname(os.path.abspath(path)))
    shot = os.path.join(shots, f"{parent}-{name}.png")
    metrics = browser.send("Page.getLayoutMetrics", session=session)["result"]
    height = int(min(16000, metrics.get("cssContentSize", metrics.get("contentSize", {})).get("height", 900)))
    browser.send("Emulation.setDeviceMetricsOverride", {"width": 1100, "height": max(900, height), "deviceScaleFactor": 1, "mobile": False}, session=session)
    image = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)["result"]["data"]
    with open(shot, "wb") as f:
        f.write(base64.b64decode(image))
    pdf = browser.send("Page.printToPDF", {"printBackground": True}, session=session)["result"]["data"]
    if len(base64.b64decode(pdf)) < 1000:
        problems.append("the print rendering is empty")
    out = {"file": path, "text_elements_checked": checked, "screenshot": shot}
    # The one-page summary (a governance review's section.board-summary): printed with what precedes it
    # and nothing after it, on A4 as the report's @page rule asks; its page count is reported for the tests.
    has_summary = browser.send("Runtime.evaluate", {"expression": "!!document.querySelector('section.board-summary')", "returnByValue": True},
                               session=session)["result"]["result"]["value"]
    if has_summary:
        # Everything after the section goes; what comes before it (the title) stays, as on the real first page.
        browser.send("Runtime.evaluate", {"expression": "const s = document.querySelector('section.board-summary'); while (s.nextSibling) s.nextSibling.remove();",
                                          "returnByValue": True}, session=session)
        alone = base64.b64decode(browser.send("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True},
                                              session=session)["result"]["data"])
        out["summary_pages"] = pdf_pages(alone)
    browser.send("Target.closeTarget", {"targetId": target})
    out.update({"ok": not problems, "problems": problems})
    return out


def pdf_pages(data):
    """Pages in a PDF Chromium printed: its page objects (/Type /Page, not /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    shots, files = sys.argv[1], sys.argv[2:]
    os.makedirs(shots, exist_ok=True)
    try:
        browser = Browser()
        browser.send("Target.setDiscoverTargets", {"discover": False})
    except Exception as error:
        print(f"browser-check: cannot drive chromium: {error}", file=sys.stderr)
        return 2
    failed = False
    try:
        for path in files:
            try:
                result = check(browser, path, shots)
            except Exception as error:
                result = {"file": path, "ok": False, "problems": [f"could not check: {error}"]}
            failed |= not result["ok"]
            print(json.dumps(result, sort_keys=True), flush=True)
    finally:
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
