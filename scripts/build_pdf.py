"""Print each edition of the built book as one PDF, with Debian's Chromium.

Run after the HTML build (``make pdf``; ``make book`` runs it at its end)::

    python scripts/build_pdf.py [--lang en] [--html _build/html]

Why Chromium and not LaTeX: the PDF is the pages readers see, printed. Every
output, figure and formula is the HTML the build already made (KaTeX rendered
at build time, the figures' light renderings), and the Korean text is set in
the book's own Pretendard font, embedded by Chromium, with no TeX Live, no
second typesetting of outputs, and no CJK font set-up. The browser is the one
the browser tests already install.

For each edition the start page is opened on a local server and
``website/pdf/assemble.js`` turns it into the whole edition: a cover, the
contents, then every page of the edition in ``_toc.yml``'s order, with links
between chapters turned into links inside the PDF. ``website/static/print.css``
sets the pages (A4, page numbers, code wrapped rather than clipped). Chromium
prints it with PDF bookmarks from the headings and a tagged structure; then the
page each chapter starts on is read back with ``pdftotext`` and written into the
contents, and the edition is printed again. A JSON report in ``_build/pdf/`` gives
the page count, the size, each chapter's first page and any code block still
wider than the page (tests/test_pdf.py checks it).
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml
from local_site import CHROMIUM_ARGS, chromium_path, serve

ROOT = Path(__file__).resolve().parent.parent
ASSEMBLE_JS = ROOT / "website" / "pdf" / "assemble.js"
EDITIONS = ("ko", "en")
FOLDER = "downloads"
TEXTS = {
    "en": {
        "title": "PyTorch Basics",
        "subtitle": "An executable introduction to PyTorch",
        "edition": "English edition (the book also has a Korean edition)",
        "version": "Version {version}, printed {date}",
        "contents": "Contents",
        "chapter": "Chapter {n}",
    },
    "ko": {
        "title": "파이토치 기초",
        "subtitle": "실행하며 배우는 파이토치 입문",
        "edition": "한국어판 (영어판도 함께 있습니다)",
        "version": "버전 {version}, 인쇄 {date}",
        "contents": "차례",
        "chapter": "{n}장",
    },
}
# Elements wider than their box when printed: a clipped line on paper.
OVERFLOW_JS = """() => [...document.querySelectorAll(
  '.pdf-chapter pre, .pdf-chapter table, .pdf-chapter img, .pdf-chapter .katex-display')]
  .filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
  .map((el) => `${el.closest('.pdf-chapter').id}: <${el.tagName.toLowerCase()}> `
    + `${el.scrollWidth}px in ${el.clientWidth}px: `
    + el.textContent.trim().split('\\n')[0].slice(0, 60))"""
FONTS_READY_JS = """async () => {
  document.body.getBoundingClientRect();
  await document.fonts.ready;
  const faces = [...document.fonts].filter((face) => face.status === 'loading');
  await Promise.all(faces.map((face) => face.loaded));
}"""
SET_PAGES_JS = """(numbers) => {
  for (const span of document.querySelectorAll('.pdf-contents-page')) {
    span.textContent = numbers[span.dataset.slug] ?? '';
  }
}"""


@dataclass(frozen=True)
class Page:
    """One page of an edition in the PDF: its file name and its kicker line."""

    slug: str
    kicker: str


@dataclass
class Report:
    """What was printed for one edition."""

    lang: str
    pdf: str
    pages: int
    bytes: int
    chapter_pages: dict[str, int]
    contents: list[str]
    overflowing: list[str]
    seconds: float


def edition_pages(lang: str, toc_path: Path = ROOT / "_toc.yml") -> list[Page]:
    """Return the pages of an edition in ``_toc.yml``'s order, chapters numbered."""
    toc = yaml.safe_load(toc_path.read_text(encoding="utf-8"))
    prefix = f"book/{lang}/"
    files = [
        entry["file"]
        for part in toc.get("parts", [])
        for entry in part.get("chapters", [])
        if entry["file"].startswith(prefix)
    ]
    pages = []
    for file in files:
        slug = file.removeprefix(prefix)
        number = re.match(r"(\d+)-", slug)
        kicker = TEXTS[lang]["chapter"].format(n=int(number.group(1))) if number else ""
        pages.append(Page(slug, kicker))
    return pages


def provenance(html_text: str) -> str:
    """Return a page's provenance line (when, PyTorch, device), without its link."""
    match = re.search(r'<p class="book-provenance">(.*?)</p>', html_text, re.S)
    if not match:
        return ""
    text = html.unescape(re.sub(r"<[^>]+>", "", match.group(1)))
    return text.split(" · ")[0].strip()


def normalise(text: str) -> str:
    """Drop whitespace: wrapped lines, and the spaces ``pdftotext`` puts around
    inline code, then compare equal to the heading's text."""
    return "".join(text.split())


def first_pages(page_texts: list[str], headings: list[str], start: int) -> list[int]:
    """Return the 1-based page on which each heading opens a page, in order.

    ``page_texts`` is ``pdftotext``'s output split at form feeds; a chapter
    starts on a new page, so its heading (kicker and title) begins that page's
    text. The search starts at page index ``start`` and moves forward only.
    """
    found, index = [], start
    for heading in headings:
        wanted = normalise(heading)
        while index < len(page_texts) and not normalise(page_texts[index]).startswith(wanted):
            index += 1
        if index == len(page_texts):
            raise ValueError(f"no page starts with {heading!r}")
        found.append(index + 1)
        index += 1
    return found


BOOKMARK_TITLE = re.compile(rb"/Title (\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]+>)")


def _decode_pdf_string(token: bytes) -> str | None:
    """Decode a PDF string token, ``(literal)`` or ``<hex>``; None if it has escapes."""
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode("ascii"))
    elif b"\\" in token:
        return None
    else:
        raw = token[1:-1]
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be")
    return raw.decode("latin-1")


def _encode_hex(text: str, width: int) -> bytes | None:
    """Encode ``text`` as a hex PDF string padded with spaces to ``width`` bytes."""
    raw = text.encode("ascii") if text.isascii() else b"\xfe\xff" + text.encode("utf-16-be")
    token = b"<" + raw.hex().upper().encode("ascii")
    if len(token) + 1 > width:
        return None
    return token + b" " * (width - len(token) - 1) + b">"


def undouble_bookmarks(pdf: bytes) -> tuple[bytes, int]:
    """Return ``pdf`` with bookmark titles that repeat themselves ("AbcAbc") halved.

    Chromium's tagged printing (m156) records some headings twice, where a
    page break moved them after layout, and their bookmarks read "AbcAbc". The
    title is rewritten in place as a hex string padded with spaces (ignored
    inside hex strings), so no byte moves and the cross-reference table stays
    right. Returns the new bytes and how many titles were halved.
    """
    fixed = 0

    def halve(match: re.Match[bytes]) -> bytes:
        nonlocal fixed
        token = match.group(1)
        text = _decode_pdf_string(token)
        if text is None or len(text) < 2 or len(text) % 2:
            return match.group(0)
        half = text[: len(text) // 2]
        if half + half != text:
            return match.group(0)
        replacement = _encode_hex(half, len(token))
        if replacement is None:
            return match.group(0)
        fixed += 1
        return b"/Title " + replacement

    return BOOKMARK_TITLE.sub(halve, pdf), fixed


def pdf_text_pages(pdf: Path) -> list[str]:
    """Return the text of every page of ``pdf`` (poppler's ``pdftotext``)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_page_count(pdf: Path) -> int:
    """Return the number of pages of ``pdf`` (poppler's ``pdfinfo``)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    if not match:
        raise ValueError(f"pdfinfo gave no page count for {pdf}")
    return int(match.group(1))


def book_site() -> str:
    """Return the address where the book is published, from ``_config.yml``."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str(config.get("html", {}).get("baseurl", ""))


def book_version() -> str:
    """Return the book's version from ``CITATION.cff``."""
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    return str(citation["version"])


def print_edition(browser: Any, base_url: str, html_root: Path, lang: str) -> Report:
    """Assemble one edition in a fresh page, print it twice, and report."""
    started = time.monotonic()
    texts = TEXTS[lang]
    pages = edition_pages(lang)
    first_chapter = next((p for p in pages if p.kicker), pages[0])
    chapter_html = html_root / "book" / lang / f"{first_chapter.slug}.html"
    facts = [
        texts["edition"],
        texts["version"].format(version=book_version(), date=datetime.date.today().isoformat()),
        provenance(chapter_html.read_text(encoding="utf-8")),
        book_site(),
    ]
    context = browser.new_context(viewport={"width": 1000, "height": 1400})
    # The light mode of the theme: figures in their light rendering, dark text.
    context.add_init_script(
        "localStorage.setItem('mode','light');localStorage.setItem('theme','light');"
    )
    page = context.new_page()
    page.set_default_timeout(600_000)
    page.goto(f"{base_url}book/{lang}/index.html", wait_until="load")
    contents = page.evaluate(
        ASSEMBLE_JS.read_text(encoding="utf-8"),
        {
            "pages": [asdict(p) for p in pages],
            "cover": {"title": texts["title"], "subtitle": texts["subtitle"], "facts": facts},
            "contentsTitle": texts["contents"],
            "siteUrl": book_site().rstrip("/") + "/",
        },
    )
    # Lay the book out for print and let the print fonts load before printing:
    # a font arriving during printing makes Chromium lay out again and tag some
    # headings twice (doubled titles in the PDF's bookmarks).
    page.emulate_media(media="print")
    page.evaluate(FONTS_READY_JS)
    overflowing = page.evaluate(OVERFLOW_JS)
    target = html_root / FOLDER / f"pytorch-basics-{lang}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    numbers: dict[str, int] = {}
    for _ in range(3):
        page.evaluate(SET_PAGES_JS, numbers)
        page.pdf(
            path=str(target),
            prefer_css_page_size=True,
            print_background=True,
            outline=True,
            tagged=True,
        )
        found = first_pages(pdf_text_pages(target), contents, start=2)
        new_numbers = {p.slug: n for p, n in zip(pages, found, strict=True)}
        if new_numbers == numbers:
            break
        numbers = new_numbers
    else:
        raise RuntimeError(f"{lang}: the contents' page numbers did not settle")
    data, _ = undouble_bookmarks(target.read_bytes())
    target.write_bytes(data)
    context.close()
    return Report(
        lang=lang,
        pdf=str(target.relative_to(html_root)),
        pages=pdf_page_count(target),
        bytes=target.stat().st_size,
        chapter_pages=numbers,
        contents=contents,
        overflowing=overflowing,
        seconds=round(time.monotonic() - started, 1),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--lang", choices=EDITIONS, action="append")
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        print(f"no built book in {args.html}: run `make book` first", file=sys.stderr)
        return 1
    for tool in ("pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            print(f"{tool} not found: install Debian's poppler-utils", file=sys.stderr)
            return 1
    executable = chromium_path()
    if executable is None:
        print("no Chromium: install Debian's chromium or set $CHROMIUM", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    reports = []
    with serve(args.html) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        for lang in args.lang or EDITIONS:
            report = print_edition(browser, base_url, args.html, lang)
            reports.append(report)
            reports_dir = args.html.parent / "pdf"
            reports_dir.mkdir(parents=True, exist_ok=True)
            (reports_dir / f"{lang}.json").write_text(
                json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            print(
                f"{report.pdf}: {report.pages} pages, {report.bytes / 1e6:.1f} MB, "
                f"{report.seconds:.0f} s"
            )
            for line in report.overflowing:
                print(f"  wider than the page: {line}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
