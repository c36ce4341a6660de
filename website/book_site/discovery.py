"""Found by search engines and shared links, and never a dead end.

- OpenGraph tags on every page: its title, the opening paragraph as its
  summary, in the page's language (``og:locale``), and its address;
- ``sitemap.xml``: every page of both editions, each with its counterpart as an
  ``hreflang`` alternate (Google's format for multilingual sitemaps);
- ``404.html``: GitHub Pages serves it for any missing address, at any depth,
  so it is one self-contained page (no stylesheet or script to resolve against
  the missing address) that speaks the language of the edition the reader was
  in and links to both start pages by absolute address.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docutils import nodes
from sphinx.application import Sphinx

from book_site.editions import EDITIONS, LABELS, counterpart, edition_of

LOCALES = {"ko": "ko_KR", "en": "en_US"}
SUMMARY_CHARS = 200
SITEMAP_NS = (
    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"'
)


def base_url(app: Sphinx) -> str:
    """Return the site's published address with a trailing slash ("" when unset)."""
    base = (app.config.html_baseurl or "").rstrip("/")
    return f"{base}/" if base else ""


def summary_of(doctree: nodes.document | None, limit: int = SUMMARY_CHARS) -> str:
    """Return the page's first paragraph of prose, cut at a word within ``limit``."""
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        if "book-provenance" in paragraph.get("classes", []):
            continue
        if paragraph.next_node(nodes.reference) is not None and len(paragraph.astext()) < 80:
            continue
        text = " ".join(paragraph.astext().split())
        if len(text) < 40:
            continue
        if len(text) <= limit:
            return text
        cut = text[: limit - 1].rsplit(" ", 1)[0]
        return f"{cut}…"
    return ""


def opengraph_tags(title: str, summary: str, url: str, lang: str | None) -> str:
    """Return the OpenGraph ``<meta>`` tags of one page."""
    tags = {
        "og:type": "article" if lang else "website",
        "og:title": title,
        "og:description": summary,
        "og:url": url,
        "og:site_name": "PyTorch Basics · 파이토치 기초",
        "og:locale": LOCALES.get(lang or "", ""),
    }
    if lang:
        other = "en" if lang == "ko" else "ko"
        tags["og:locale:alternate"] = LOCALES[other]
    lines = [
        f'<meta property="{name}" content="{html.escape(value, quote=True)}" />'
        for name, value in tags.items()
        if value
    ]
    return "\n".join(lines) + "\n"


def add_opengraph(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Add OpenGraph tags to the page's ``<head>``."""
    if pagename.endswith("search") or pagename == "genindex":
        return
    title = html.unescape(_strip_tags(context.get("title", ""))) or pagename
    summary = summary_of(doctree)
    url = f"{base_url(app)}{pagename}.html"
    tags = opengraph_tags(title, summary, url, edition_of(pagename))
    context["metatags"] = context.get("metatags", "") + tags


def _strip_tags(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


def sitemap_xml(base: str, pages: list[str]) -> str:
    """Return a sitemap of ``pages`` with ``hreflang`` alternates between editions."""
    entries = []
    found = set(pages)
    for page in sorted(pages):
        url = escape(f"{base}{page}.html")
        links = []
        lang = edition_of(page)
        if lang:
            for doc in sorted({page, counterpart(page) or page}):
                if doc in found:
                    other_lang = edition_of(doc)
                    href = escape(f"{base}{doc}.html")
                    links.append(
                        f'    <xhtml:link rel="alternate" hreflang="{other_lang}" href="{href}"/>'
                    )
        lines = [f"    <loc>{url}</loc>", *links]
        entries.append("  <url>\n" + "\n".join(lines) + "\n  </url>")
    body = "\n".join(entries)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset {SITEMAP_NS}>\n{body}\n</urlset>\n'


NOT_FOUND = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="robots" content="noindex"/>
<title>Page not found · 페이지를 찾을 수 없습니다</title>
<style>
  :root {{ color-scheme: light dark; }}
  body {{ font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto;
         padding: 0 1rem; line-height: 1.6; }}
  a {{ color: LinkText; }}
  section {{ margin-bottom: 2.5rem; }}
</style>
</head>
<body>
<main>
{sections}
</main>
<script>
  // The edition the reader was in speaks first.
  if (location.pathname.indexOf("/book/ko/") !== -1) {{
    var main = document.querySelector("main");
    main.insertBefore(document.getElementById("ko"), main.firstChild);
    document.documentElement.lang = "ko";
  }}
</script>
</body>
</html>
"""

NOT_FOUND_TEXT = {
    "en": (
        "Page not found",
        "This address is not a page of the book. It may have moved when the chapters "
        "were renumbered. Start again from a start page:",
    ),
    "ko": (
        "페이지를 찾을 수 없습니다",
        "이 주소에는 책의 페이지가 없습니다. 장 번호가 바뀌면서 옮겨졌을 수 있습니다. "
        "시작 페이지에서 다시 찾아 주세요.",
    ),
}


def not_found_html(base: str) -> str:
    """Return the site's 404 page, both languages, links by absolute address."""
    prefix = base or "/"
    links = "".join(
        f'<li><a href="{prefix}book/{lang}/index.html" lang="{lang}">{LABELS[lang]}</a></li>'
        for lang in EDITIONS
    )
    sections = []
    for lang in ("en", "ko"):
        title, text = NOT_FOUND_TEXT[lang]
        sections.append(
            f'<section id="{lang}" lang="{lang}">\n<h1>{title}</h1>\n<p>{text}</p>\n'
            f"<ul>{links}</ul>\n</section>"
        )
    return NOT_FOUND.format(sections="\n".join(sections))


def write_site_files(app: Sphinx, exception: Exception | None) -> None:
    """Write ``sitemap.xml``, ``404.html`` and ``robots.txt`` into the HTML output."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    base = base_url(app)
    pages = [doc for doc in app.env.found_docs if not doc.endswith("search")]
    (out / "sitemap.xml").write_text(sitemap_xml(base, pages), encoding="utf-8")
    (out / "404.html").write_text(not_found_html(base), encoding="utf-8")
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {base}sitemap.xml\n" if base else "")
    (out / "robots.txt").write_text(robots, encoding="utf-8")


def setup_discovery(app: Sphinx) -> None:
    app.connect("html-page-context", add_opengraph)
    app.connect("build-finished", write_site_files)
