"""Accessibility of every page, in the theme's light and dark modes.

axe-core (pinned in ``website/package.json``) checks each page against the
WCAG 2.0 and 2.1 A and AA rules, as a reader's browser renders it: no serious
or critical violation is allowed, and every lesser one must be listed below
with its reason. Beside axe: a visible focus on every control the keyboard
reaches, a tab stop on every region that scrolls (a phone's width included),
and KaTeX's MathML kept beside its HTML for screen readers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browse import DESKTOP, PHONE
from playwright.sync_api import Browser, Page
from test_pages import PAGES

from conftest import ROOT, SCREENSHOTS

AXE = ROOT / "website" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MODES = ("light", "dark")
BLOCKING = ("serious", "critical")
# Moderate or minor violations the book accepts, each with its reason. None today;
# a new one fails the suite until it is fixed or listed here.
ALLOWED_MINOR: dict[str, str] = {}
# Run in the page: axe's violations, the formulas without MathML, and the
# regions that scroll without a tab stop.
AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, count: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    why: v.nodes[0].failureSummary.split('\\n').slice(0, 2).join(' '),
  }));
}"""
PAGE_FACTS = """() => {
  const katex = [...document.querySelectorAll('.katex')];
  const scrolls = (el) => {
    const s = getComputedStyle(el);
    return (el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(s.overflowX))
      || (el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(s.overflowY));
  };
  const stuck = [...document.querySelectorAll('.bd-article *')]
    .filter((el) => el.offsetParent !== null && scrolls(el))
    .filter((el) => el.tabIndex < 0 && !el.querySelector('a, button, [tabindex]'))
    .map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
  return {
    theme: document.documentElement.dataset.theme,
    katex: katex.length,
    withoutMathml: katex.filter((k) => !k.querySelector('.katex-mathml math')).length,
    scrollWithoutTabStop: stuck,
  };
}"""


def open_page(browser: Browser, url: str, mode: str, viewport: dict[str, int]) -> Page:
    """Open ``url`` in a fresh context with the theme in ``mode``."""
    context = browser.new_context(viewport=viewport)
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return page


def audit(page: Page) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run axe-core and the page checks in an open page."""
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(AXE_RUN, WCAG_TAGS)
    return violations, page.evaluate(PAGE_FACTS)


def describe(violations: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{v['id']} ({v['impact']}, {v['count']}x: {', '.join(v['targets'])}; {v['why']})"
        for v in violations
    )


@pytest.fixture(scope="module")
def axe_installed() -> Path:
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: `make install` (npm ci in website/)")
    return AXE


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violation(
    browser: Browser, base_url: str, axe_installed: Path, path: str, mode: str
) -> None:
    page = open_page(browser, base_url + path, mode, DESKTOP)
    try:
        violations, facts = audit(page)
    finally:
        page.context.close()
    assert facts["theme"] == mode, f"{path}: the page is in {facts['theme']} mode, not {mode}"
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{path} ({mode}): {describe(blocking)}"
    unlisted = [v for v in violations if v["id"] not in ALLOWED_MINOR]
    assert not unlisted, f"{path} ({mode}): unlisted minor violations: {describe(unlisted)}"
    assert facts["withoutMathml"] == 0, (
        f"{path}: {facts['withoutMathml']} of {facts['katex']} formulas lack MathML"
    )
    assert not facts["scrollWithoutTabStop"], (
        f"{path}: regions that scroll but no key reaches: {facts['scrollWithoutTabStop'][:5]}"
    )


# Pages with the widest code, outputs, tables and formulas, at a phone's width.
PHONE_PAGES = [f"book/{lang}/{slug}.html" for lang in ("en", "ko") for slug in ("04-autograd",)]
PHONE_PAGES += ["book/en/06-models.html", "book/ko/status.html"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_on_a_phone_every_scrolling_region_takes_the_keyboard(
    browser: Browser, base_url: str, axe_installed: Path, path: str
) -> None:
    page = open_page(browser, base_url + path, "light", PHONE)
    try:
        violations, facts = audit(page)
    finally:
        page.context.close()
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{path} (phone): {describe(blocking)}"
    assert not facts["scrollWithoutTabStop"], (
        f"{path} (phone): regions that scroll but no key reaches: {facts['scrollWithoutTabStop']}"
    )


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const label = (el.getAttribute('aria-label') || el.textContent || el.tagName).trim();
  return {visible: outline || shadow, what: el.tagName.toLowerCase() + ' ' + label.slice(0, 40),
          body: el === document.body};
}"""


@pytest.mark.parametrize("mode", MODES)
def test_every_control_shows_where_the_focus_is(browser: Browser, base_url: str, mode: str) -> None:
    """Tab through the first controls of a chapter: each shows a focus ring."""
    page = open_page(browser, base_url + "book/en/07-training.html", mode, DESKTOP)
    unseen, reached = [], 0
    try:
        for _ in range(40):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_STYLE)
            if focus["body"]:
                continue
            reached += 1
            if not focus["visible"]:
                unseen.append(focus["what"])
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"focus-{mode}.png"))
    finally:
        page.context.close()
    assert reached >= 30, f"only {reached} controls took the focus"
    assert not unseen, f"({mode}) focus not visible on: {unseen}"
