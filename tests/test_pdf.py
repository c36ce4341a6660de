"""The PDF of each edition: how ``scripts/build_pdf.py`` finds its way, and the PDFs.

The first tests exercise the printer's pure parts. The rest read the two PDFs
``make pdf`` printed into ``_build/html/downloads/`` with poppler's tools, as a
reader's viewer would: page count, every chapter where the contents say it is,
the bookmarks, extractable Hangul, embedded fonts, nothing wider than the page.
A few pages are rendered to PNG under ``_build/screenshots/`` for a person.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from bookfiles import EDITIONS, ROOT
from build_pdf import (
    TEXTS,
    edition_pages,
    first_pages,
    normalise,
    pdf_page_count,
    pdf_text_pages,
    provenance,
    undouble_bookmarks,
)

HTML = ROOT / "_build" / "html"
REPORTS = ROOT / "_build" / "pdf"
SCREENSHOTS = ROOT / "_build" / "screenshots"
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")


# --- the printer's parts ---------------------------------------------------------------


def test_edition_pages_follow_the_toc_and_number_the_chapters() -> None:
    pages = edition_pages("ko")
    slugs = [page.slug for page in pages]
    assert slugs[0] == "index" and slugs[-2:] == ["references", "status"]
    kickers = {page.slug: page.kicker for page in pages}
    assert kickers["01-frameworks"] == "1장" and kickers["14-exercises"] == "14장"
    assert kickers["index"] == kickers["status"] == ""
    assert [p.slug for p in edition_pages("en")] == slugs
    assert edition_pages("en")[1].kicker == "Chapter 1"


def test_first_pages_finds_each_heading_at_the_top_of_a_page() -> None:
    texts = [
        "Cover",
        "Contents\nChapter 1 Tensors 3\nChapter 2 Autograd 4",
        "Chapter 1\n\nTensors\nA tensor is",
        "more about tensors, then Chapter 2 Autograd mentioned",
        "Chapter 2\nAuto-\ngrad ( einsum )",
    ]
    assert first_pages(texts, ["Chapter 1  Tensors", "Chapter 2 Auto-grad (einsum)"], 2) == [3, 5]
    with pytest.raises(ValueError, match="no page starts"):
        first_pages(texts, ["Chapter 3 Missing"], 2)


def test_normalise_ignores_line_breaks_and_spaces_around_code() -> None:
    assert normalise("Einstein summation ( einsum )") == normalise("Einstein\nsummation (einsum)")


def test_provenance_keeps_the_facts_and_drops_the_link() -> None:
    line = (
        '<p class="book-provenance">Last executed 2026-12-04 with PyTorch 2.14.1 on cpu · '
        '<a href="status.html">build status</a></p>'
    )
    assert provenance(line) == "Last executed 2026-12-04 with PyTorch 2.14.1 on cpu"
    assert provenance("<p>no line</p>") == ""


def test_doubled_bookmark_titles_are_halved_in_place() -> None:
    korean = "차례차례".encode("utf-16-be")
    pdf = (
        b"1 0 obj << /Title (ContentsContents) /Parent 2 0 R >>\n"
        b"3 0 obj << /Title <FEFF" + korean.hex().upper().encode() + b"> >>\n"
        b"4 0 obj << /Title (Tensors) >>\n"
        b"5 0 obj << /Title (Dropout \\(p\\)Dropout \\(p\\)) >>\n"
    )
    fixed, count = undouble_bookmarks(pdf)
    assert count == 2
    assert len(fixed) == len(pdf)  # no byte moves: the xref table stays right
    assert b"/Title <436F6E74656E7473>" in fixed
    assert ("<FEFF" + "차례".encode("utf-16-be").hex().upper()).encode() in fixed
    assert b"/Title (Tensors)" in fixed and b"Dropout \\(p\\)Dropout" in fixed


# --- the printed PDFs ------------------------------------------------------------------


def pdf_path(lang: str):
    path = HTML / "downloads" / f"pytorch-basics-{lang}.pdf"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make pdf` (make book and make test run it)")
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils is missing: `make install` installs it")
    return path


def report(lang: str) -> dict:
    return json.loads((REPORTS / f"{lang}.json").read_text(encoding="utf-8"))


def page_title(lang: str, slug: str) -> str:
    """The first heading of a built page, as a reader reads it."""
    text = (HTML / "book" / lang / f"{slug}.html").read_text(encoding="utf-8")
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    assert match, f"{lang}/{slug}.html has no <h1>"
    heading = re.sub(r'<a class="headerlink".*?</a>', "", match.group(1), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", heading)).strip()


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_page_of_the_edition_opens_where_the_contents_say(lang: str) -> None:
    pdf = pdf_path(lang)
    texts = pdf_text_pages(pdf)
    facts = report(lang)
    assert pdf_page_count(pdf) == facts["pages"] == len(texts)
    pages = edition_pages(lang)
    contents_page = normalise(texts[1])
    assert contents_page.startswith(normalise(TEXTS[lang]["contents"]))
    numbers = [facts["chapter_pages"][page.slug] for page in pages]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    for page, number in zip(pages, numbers, strict=True):
        heading = f"{page.kicker} {page_title(lang, page.slug)}"
        assert normalise(texts[number - 1]).startswith(normalise(heading)), (
            f"{lang}: page {number} does not open with {heading!r}"
        )
        assert normalise(heading) + str(number) in contents_page, (
            f"{lang}: the contents do not give {heading!r} on page {number}"
        )
    assert facts["pages"] >= 10 * len(pages), "far fewer pages than the chapters fill"


@pytest.mark.parametrize("lang", EDITIONS)
def test_nothing_is_wider_than_the_page(lang: str) -> None:
    pdf_path(lang)
    assert report(lang)["overflowing"] == []


@pytest.mark.parametrize("lang", EDITIONS)
def test_links_lead_into_the_pdf_or_to_the_published_site(lang: str) -> None:
    raw = pdf_path(lang).read_bytes()
    uris = [u.decode("latin-1") for u in re.findall(rb"/URI \(([^)]*)\)", raw)]
    local = [u for u in uris if "127.0.0.1" in u or "localhost" in u]
    assert not local, f"{lang}: links to the printing machine: {local[:3]}"
    assert raw.count(b"/Dest") > 50, "few links inside the PDF (contents, chapters)"


@pytest.mark.parametrize("lang", EDITIONS)
def test_bookmarks_list_every_page_of_the_edition_once(lang: str) -> None:
    pdf = pdf_path(lang)
    xml = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-f", "1", "-l", "1", "-stdout", str(pdf)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    outline = ET.fromstring(xml).find("outline")
    assert outline is not None, f"{lang}: the PDF has no bookmarks"
    top = [normalise("".join(item.itertext())) for item in outline.findall("item")]
    titles = [normalise(page_title(lang, page.slug)) for page in edition_pages(lang)]
    assert top == [normalise(TEXTS[lang]["contents"]), *titles]
    nested = [normalise("".join(i.itertext())) for i in outline.iter("item")]
    doubled = [t for t in nested if len(t) % 2 == 0 and t[: len(t) // 2] * 2 == t]
    assert not doubled, f"{lang}: bookmarks that repeat themselves: {doubled[:5]}"
    assert len(nested) > 5 * len(titles), "sections are missing from the bookmarks"


@pytest.mark.parametrize("lang", EDITIONS)
def test_text_is_extractable_in_the_editions_language(lang: str) -> None:
    text = "".join(pdf_text_pages(pdf_path(lang)))
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    if lang == "ko":
        assert hangul > 50_000, f"only {hangul} Hangul syllables extracted"
    else:
        assert latin > 200_000 and hangul < 200, (latin, hangul)


@pytest.mark.parametrize("lang", EDITIONS)
def test_fonts_are_embedded_and_the_text_is_pretendard(lang: str) -> None:
    lines = subprocess.run(
        ["pdffonts", str(pdf_path(lang))], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert lines
    not_embedded = [line for line in lines if line.split()[-5] != "yes"]
    assert not not_embedded, f"{lang}: fonts not embedded: {not_embedded}"
    # Type 3 is how Chromium embeds a variable font: nameless outlines.
    assert not [line for line in lines if "Type 3" in line], f"{lang}: Type 3 fonts"
    names = {line.split()[0].split("+")[-1] for line in lines}
    assert {"Pretendard-Regular", "Pretendard-Bold"} <= names, names
    assert any(name.startswith("KaTeX_") for name in names), "no formula fonts"


@pytest.mark.parametrize("lang", EDITIONS)
def test_pages_render_for_a_person_to_look_at(lang: str) -> None:
    pdf = pdf_path(lang)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    training = report(lang)["chapter_pages"]["07-training"]
    for number in (1, 2, training, training + 5):
        stem = SCREENSHOTS / f"pdf-{lang}-page-{number:03d}"
        pages = ["-f", str(number), "-l", str(number)]
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-singlefile", *pages, str(pdf), str(stem)],
            check=True,
        )
        png = stem.with_suffix(".png")
        assert png.is_file() and png.stat().st_size > 5_000, f"{png} looks empty"
