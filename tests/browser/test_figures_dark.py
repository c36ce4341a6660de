"""Figures in the theme's light and dark modes, as a reader sees them.

Each figure has a light and a dark rendering (``website/book_site/figures.py``):
the page must show exactly one, the one of its mode, and in dark mode without
the white card the theme puts behind other images. Screenshots of the page and
of each figure in both modes are left in ``_build/screenshots/`` for a person
to look at.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from browse import DESKTOP
from PIL import Image
from playwright.sync_api import Browser

from conftest import SCREENSHOTS

PAGE = "book/en/08-generalization.html"
FIGURES = """(mode) => [...document.querySelectorAll('figure')]
  .filter((f) => f.querySelector('img.book-figure-light, img.book-figure-dark'))
  .map((f) => {
    const shown = [...f.querySelectorAll('img')].filter((i) => i.offsetParent !== null);
    const style = shown.length ? getComputedStyle(shown[0]) : null;
    const caption = f.querySelector('figcaption');
    return {
      shown: shown.map((i) => i.className),
      loaded: shown.every((i) => i.complete && i.naturalWidth > 0),
      background: style && style.backgroundColor,
      filter: style && style.filter,
      caption: caption !== null && caption.offsetParent !== null,
    };
  })"""


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_each_figure_shows_the_rendering_of_its_mode(
    browser: Browser, base_url: str, mode: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');"
    )
    page = context.new_page()
    try:
        page.goto(base_url + PAGE, wait_until="load")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        shown = page.locator(f"figure img.book-figure-{mode}").first
        shown.scroll_into_view_if_needed()
        page.evaluate("Promise.all([...document.images].map((i) => i.decode().catch(() => null)))")
        figures = page.evaluate(FIGURES, mode)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"figure-{mode}.png"))
        pictures = []
        for index, image in enumerate(page.locator(f"figure img.book-figure-{mode}").all()):
            image.scroll_into_view_if_needed()
            figure = image.locator("xpath=..")
            figure.screenshot(path=str(SCREENSHOTS / f"figure-{mode}-{index + 1}.png"))
            pictures.append(np.asarray(Image.open(io.BytesIO(image.screenshot())).convert("RGB")))
    finally:
        context.close()
    assert len(figures) >= 3, f"{PAGE}: {len(figures)} figures with two renderings"
    for index, figure in enumerate(figures):
        assert figure["shown"] == [
            f"book-figure-{mode}" + (" dark-light" if mode == "dark" else "")
        ]
        assert figure["loaded"], f"figure {index}: its {mode} rendering did not load"
        assert figure["caption"], f"figure {index}: the caption is hidden in {mode} mode"
        if mode == "dark":
            assert figure["background"] in ("rgba(0, 0, 0, 0)", "transparent"), figure
            assert figure["filter"] == "none", figure
    # A figure's margin is the page itself: white on a light page, dark on a dark one.
    for index, picture in enumerate(pictures, start=1):
        border = np.concatenate([picture[:4].reshape(-1, 3), picture[-4:].reshape(-1, 3)])
        brightness = border.mean()
        if mode == "dark":
            assert brightness < 60, f"figure {index}: a light card in dark mode ({brightness:.0f})"
        else:
            assert brightness > 230, f"figure {index}: not on white paper ({brightness:.0f})"
