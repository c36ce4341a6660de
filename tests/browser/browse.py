"""Visit the built book's pages in Chromium (served by ``scripts/local_site.py``).

``visit`` opens one page in a fresh browser context (an empty cache, as for a
new reader) and returns what a reader's browser saw: every request, failure and
console error, the bytes transferred, and the facts the tests check, read from
the rendered page with one script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@dataclass
class Visit:
    """What the browser saw on one page."""

    url: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    transferred: dict[str, int] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    fonts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(self.transferred.values())


# Read the page as rendered; one round trip per page.
FACTS_JS = Path(__file__).with_name("facts.js").read_text(encoding="utf-8")


def _kind(url: str, content_type: str) -> str:
    path = url.split("?", 1)[0]
    if path.endswith(".js") or "javascript" in content_type:
        return "js"
    if path.endswith((".woff2", ".woff", ".ttf")) or "font" in content_type:
        return "fonts"
    if path.endswith(".css") or "css" in content_type:
        return "css"
    if content_type.startswith("image/"):
        return "images"
    return "html/other"


def visit(browser: Browser, url: str, viewport: dict[str, int], probe_fonts: bool = False) -> Visit:
    """Open ``url`` in a fresh context and collect what the tests check."""
    context = browser.new_context(viewport=viewport)
    page: Page = context.new_page()
    seen = Visit(url=url)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on(
        "requestfailed",
        lambda request: seen.failures.append(f"{request.url} ({request.failure})"),
    )
    page.on("console", lambda m: seen.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))

    def record(response: Any) -> None:
        if response.status >= 400:
            seen.failures.append(f"{response.url} (HTTP {response.status})")
            return
        try:
            size = len(response.body())
        except Exception:  # a redirect or a body the browser did not keep
            size = 0
        kind = _kind(response.url, response.headers.get("content-type", ""))
        seen.transferred[kind] = seen.transferred.get(kind, 0) + size

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    seen.facts = page.evaluate(FACTS_JS)
    if probe_fonts:
        seen.fonts = _platform_fonts(page, "[data-hangul-probe]")
    context.close()
    return seen


def _platform_fonts(page: Page, selector: str) -> list[dict[str, Any]]:
    """Return the fonts Chromium actually drew an element's text with (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    if not node:
        return []
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
