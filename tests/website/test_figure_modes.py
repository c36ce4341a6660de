"""Both renderings of a figure in the page (``book_site.figures``; the module name
keeps clear of tests/ptbook/test_figures.py)."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from book_site.figures import (
    DARK_CLASS,
    LIGHT_CLASS,
    THEME_EXEMPT_CLASS,
    dark_rendering,
    drop_dark_renderings,
    render_in_both_modes,
)
from bookfiles import EDITIONS, ROOT
from docutils import nodes
from docutils.utils import new_document
from myst_nb.core.render import MimeData

HTML = ROOT / "_build" / "html"


def upstream(renderer: object, data: MimeData) -> list[nodes.Element]:
    """Stands in for myst-nb: one image per output, named after its content."""
    return [nodes.image(uri=f"{data.content}.png", alt="a chart")]


def test_an_output_with_a_dark_rendering_gives_two_images() -> None:
    data = MimeData("image/png", "LIGHT", output_metadata={"ptbook": {"dark_png": "DARK"}})
    light, dark = render_in_both_modes(None, data, upstream)  # type: ignore[arg-type]
    assert light["uri"] == "LIGHT.png" and light["classes"] == [LIGHT_CLASS]
    assert dark["uri"] == "DARK.png" and dark["classes"] == [DARK_CLASS, THEME_EXEMPT_CLASS]
    assert light["alt"] == dark["alt"]


def test_an_output_without_one_is_left_alone() -> None:
    data = MimeData("image/png", "LIGHT", output_metadata={"image/png": {"width": 300}})
    assert dark_rendering(data) is None
    (image,) = render_in_both_modes(None, data, upstream)  # type: ignore[arg-type]
    assert image["classes"] == []
    jpeg = MimeData("image/jpeg", "X", output_metadata={"ptbook": {"dark_png": "D"}})
    assert dark_rendering(jpeg) is None


@pytest.mark.parametrize(("builder", "kept"), [("html", 2), ("latex", 1)])
def test_only_html_keeps_the_dark_rendering(builder: str, kept: int) -> None:
    data = MimeData("image/png", "LIGHT", output_metadata={"ptbook": {"dark_png": "DARK"}})
    doctree = new_document("page")
    doctree += nodes.figure("", *render_in_both_modes(None, data, upstream))  # type: ignore[arg-type]
    app = SimpleNamespace(builder=SimpleNamespace(format=builder))
    drop_dark_renderings(app, doctree, "page")  # type: ignore[arg-type]
    images = list(doctree.findall(nodes.image))
    assert len(images) == kept and images[0]["uri"] == "LIGHT.png"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_built_figure_has_both_renderings(lang: str) -> None:
    pages = sorted((HTML / "book" / lang).glob("*.html"))
    assert pages, "the book is not built: run `make book`"
    figures = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for figure in re.findall(r"<figure[^>]*>.*?</figure>", text, re.S):
            images = re.findall(r"<img[^>]*>", figure)
            if not any("_images/" in image for image in images):
                continue
            figures += 1
            classes = " ".join(images)
            assert LIGHT_CLASS in classes and DARK_CLASS in classes, (
                f"{page.name}: a figure without its dark rendering: {images[0][:120]}"
            )
    assert figures >= 20, f"only {figures} figures found in the {lang} edition"
