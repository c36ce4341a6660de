"""Every page of both editions and the landing page, as a reader's browser shows it.

Each failure names the page and what is wrong. The figures of the first
visits (bytes transferred) are printed at the end of the run.
"""

from __future__ import annotations

import re

import pytest
from bookfiles import EDITIONS, chapter_slugs

from conftest import SCREENSHOTS, Visits

# Every page of both editions: the start page, the chapters (status included) and
# the references, which has no notebook.
EDITION_PAGES = [
    f"book/{lang}/{slug}.html"
    for lang in EDITIONS
    for slug in ["index", *chapter_slugs(lang), "references"]
]
PAGES = ["index.html", *EDITION_PAGES]
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LIMIT_BYTES = 4_000_000
# Console messages a page may print that are not the book's doing. None today.
ALLOWED_CONSOLE_ERRORS: list[re.Pattern[str]] = []


def edition(path: str) -> str | None:
    match = re.match(r"book/(ko|en)/", path)
    return match.group(1) if match else None


@pytest.mark.parametrize("path", PAGES)
def test_nothing_leaves_the_site_and_nothing_fails(visits: Visits, path: str) -> None:
    seen = visits.get(path)
    outside = [
        url
        for url in seen.requests
        if not url.startswith(visits.base_url) and not url.startswith(("data:", "blob:"))
    ]
    assert not outside, f"{path}: requests leave 127.0.0.1: {outside}"
    assert not seen.failures, f"{path}: failed requests: {seen.failures}"
    errors = [
        e for e in seen.console_errors if not any(p.search(e) for p in ALLOWED_CONSOLE_ERRORS)
    ]
    assert not errors, f"{path}: console errors: {errors}"


@pytest.mark.parametrize("path", PAGES)
def test_first_visit_weighs_less_than_4_mb(visits: Visits, path: str) -> None:
    seen = visits.get(path)
    parts = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(seen.transferred.items()))
    assert seen.total_bytes < LIMIT_BYTES, f"{path}: {seen.total_bytes / 1e6:.2f} MB ({parts})"


@pytest.mark.parametrize("path", PAGES)
def test_math_is_typeset(visits: Visits, path: str) -> None:
    facts = visits.get(path).facts
    assert not facts["untypeset"], f"{path}: formulas left as TeX: {facts['untypeset'][:5]}"
    assert facts["katexErrors"] == 0, f"{path}: {facts['katexErrors']} KaTeX errors"


@pytest.mark.parametrize("path", PAGES)
def test_no_literal_emphasis_markers_in_prose(visits: Visits, path: str) -> None:
    found = visits.get(path).facts["literalEmphasis"]
    assert not found, f"{path}: literal ** or __ in rendered prose: {found}"


@pytest.mark.parametrize("path", PAGES)
def test_images_load_and_are_described_in_the_page_language(visits: Visits, path: str) -> None:
    lang = edition(path)
    problems = []
    for image in visits.get(path).facts["images"]:
        alt = image["alt"].strip()
        if not image["loaded"]:
            problems.append(f"{image['src']} did not load")
        path_like = "_images" in alt or re.search(r"\.(png|jpe?g|svg|gif|webp)$", alt)
        if not alt or path_like or len(alt.split()) < 3:
            problems.append(f"{image['src']} has no real alt text ({alt!r})")
        elif lang == "ko" and not HANGUL.search(alt):
            problems.append(f"{image['src']}: alt text is not Korean ({alt!r})")
        elif lang == "en" and HANGUL.search(alt):
            problems.append(f"{image['src']}: alt text is not English ({alt!r})")
    assert not problems, f"{path}: " + "; ".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_code_inputs_fit_without_scrolling_at_1280(visits: Visits, path: str) -> None:
    overflowing = visits.get(path).facts["overflowingCode"]
    assert not overflowing, f"{path}: {len(overflowing)} code inputs scroll sideways: {overflowing}"


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scroll_on_a_phone(visits: Visits, path: str) -> None:
    facts = visits.get(path, "phone").facts
    assert facts["pageScrollWidth"] <= facts["viewportWidth"], (
        f"{path}: the page is {facts['pageScrollWidth']} px wide at {facts['viewportWidth']} px"
    )


@pytest.mark.parametrize("path", EDITION_PAGES)
def test_language_and_korean_typography(visits: Visits, path: str) -> None:
    seen = visits.get(path)
    lang = edition(path)
    assert seen.facts["lang"] == lang, f"{path}: <html lang={seen.facts['lang']!r}>"
    assert sorted(seen.facts["alternates"]) == ["en", "ko"], f"{path}: hreflang alternates"
    if lang != "ko":
        # English pages show Hangul too (the book's title): drawn with the web font.
        assert any("Pretendard" in f["familyName"] for f in seen.fonts), (
            f"{path}: the Hangul of the title is not drawn with the book's web font"
        )
        return
    assert seen.facts["wordBreak"] == "keep-all", f"{path}: word-break is {seen.facts['wordBreak']}"
    assert seen.fonts, f"{path}: no Korean paragraph to probe the font with"
    hangul_fonts = [f for f in seen.fonts if "Pretendard" in f["familyName"]]
    others = [f["familyName"] for f in seen.fonts if "Pretendard" not in f["familyName"]]
    assert hangul_fonts and all(f["isCustomFont"] for f in hangul_fonts), (
        f"{path}: Hangul is not drawn with the book's web font: {seen.fonts}"
    )
    assert not others, f"{path}: part of a Korean paragraph falls back to {others}"


@pytest.mark.parametrize("path", EDITION_PAGES)
def test_navigation_stays_in_the_edition(visits: Visits, path: str) -> None:
    facts = visits.get(path).facts
    lang = edition(path)
    here = f"{visits.base_url}book/{lang}/"
    landing = f"{visits.base_url}index.html"
    switch = facts["langSwitch"]
    other = "en" if lang == "ko" else "ko"
    assert switch == [visits.base_url + path.replace(f"book/{lang}/", f"book/{other}/")], (
        f"{path}: the language switch leads to {switch}"
    )
    stray = [u for u in facts["sidebar"] if not u.startswith(here) and u.split("#")[0] != landing]
    assert not stray, f"{path}: the sidebar links outside the edition: {stray}"
    outside = [u for u in facts["prevNext"] if not u.startswith(here)]
    assert not outside, f"{path}: previous/next leave the edition: {outside}"
    forms = facts["searchForm"]
    assert forms and all(f.split("?")[0] == f"{here}search.html" for f in forms), (
        f"{path}: the search box submits to {forms}"
    )


@pytest.mark.parametrize("lang", EDITIONS)
def test_interface_labels_are_in_the_page_language(visits: Visits, lang: str) -> None:
    labels = visits.get(f"book/{lang}/02-tensors.html").facts["labels"]
    expected = "검색" if lang == "ko" else "Search"
    assert labels and all(label == expected for label in labels), f"{lang}: labels {labels}"


# Page, and what to scroll to: the opening, math, a figure with its caption, search,
# an exercise with its closed solution.
SCREENSHOT_PAGES = [
    ("book/ko/04-autograd.html", None),
    ("book/en/04-autograd.html", None),
    ("book/ko/04-autograd.html", "div.math"),
    ("book/ko/07-training.html", "figure"),
    ("book/en/07-training.html", "figure"),
    ("book/ko/search.html?q=텐서", None),
    ("book/ko/14-exercises.html", "div.exercise"),
    ("book/en/14-exercises.html", "div.exercise"),
]


@pytest.mark.parametrize(("path", "scroll_to"), SCREENSHOT_PAGES)
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_screenshots_for_a_person_to_look_at(
    visits: Visits, path: str, scroll_to: str | None, width: str
) -> None:
    from browse import DESKTOP, PHONE

    viewport = DESKTOP if width == "desktop" else PHONE
    context = visits.browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(visits.base_url + path, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    if "search.html" in path:
        page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    if scroll_to:
        page.locator(scroll_to).first.evaluate("e => e.scrollIntoView({block: 'start'})")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w-]+", "_", path.removeprefix("book/").replace(".html", ""))
    name += f"-{scroll_to.split('.')[0]}" if scroll_to else ""
    target = SCREENSHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(target))
    context.close()
    assert target.stat().st_size > 10_000, f"{target} looks empty"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_hangul_in_code_is_drawn_with_the_books_font(browser, base_url: str, lang: str) -> None:
    """The monospace fonts have no Hangul: the start page's BibTeX title falls back
    to Pretendard, not to empty boxes (or whatever the machine has)."""
    from browse import _platform_fonts

    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base_url}book/{lang}/index.html", wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    fonts = _platform_fonts(page, "div.highlight-bibtex pre")
    context.close()
    assert HANGUL.search("파이토치")  # the entry's title holds Hangul
    assert any("Pretendard" in f["familyName"] and f["isCustomFont"] for f in fonts), fonts
