"""Each figure in the page's mode: the light rendering, or the dark one.

``ptbook.show_figure`` puts a dark rendering of every figure into its output's
metadata (``ptbook.figures``). Where myst-nb turns an image output into an
image (a cell's output or a ``{glue:figure}``), ``render_in_both_modes``
writes that rendering too, as myst-nb writes the light one, and returns both
images: ``book-figure-light``, shown on a light page and on paper
(``print.css``), and ``book-figure-dark``, shown on a dark page (``book.css``),
with the same alternative text. The dark one also carries the theme's
``dark-light`` class, which exempts it from the theme's dimming filter and from
the white card it otherwise puts behind every image in dark mode. The theme's
own ``only-light``/``only-dark`` classes are not used: its rule
``.only-light ~ figcaption`` would hide the caption of a figure in dark mode.
Builders other than HTML get the light image alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from docutils import nodes
from myst_nb.core.render import MimeData, NbElementRenderer
from sphinx.application import Sphinx

METADATA_KEY = "ptbook"  # as in ptbook.figures
LIGHT_CLASS = "book-figure-light"
DARK_CLASS = "book-figure-dark"
THEME_EXEMPT_CLASS = "dark-light"

RenderImage = Callable[[NbElementRenderer, MimeData], list[nodes.Element]]


def dark_rendering(data: MimeData) -> MimeData | None:
    """Return the dark rendering carried by a PNG output, or None."""
    if data.mime_type != "image/png":
        return None
    carried = (data.output_metadata or {}).get(METADATA_KEY) or {}
    dark = carried.get("dark_png")
    if not dark:
        return None
    return dataclasses.replace(data, content=dark)


def render_in_both_modes(
    renderer: NbElementRenderer, data: MimeData, upstream: RenderImage
) -> list[nodes.Element]:
    """Render an image output; with a dark rendering, render both, classed by mode."""
    light = upstream(renderer, data)
    dark_data = dark_rendering(data)
    if dark_data is None:
        return light
    dark = upstream(renderer, dark_data)
    for node in light:
        node["classes"].append(LIGHT_CLASS)
    for node in dark:
        node["classes"] += [DARK_CLASS, THEME_EXEMPT_CLASS]
    return light + dark


def patch_image_rendering() -> None:
    """Make myst-nb render the dark rendering of every figure beside the light one."""
    upstream: RenderImage = getattr(
        NbElementRenderer, "_book_upstream_render_image", NbElementRenderer.render_image
    )
    NbElementRenderer._book_upstream_render_image = upstream  # type: ignore[attr-defined]

    def render_image(self: NbElementRenderer, data: MimeData) -> list[nodes.Element]:
        return render_in_both_modes(self, data, upstream)

    NbElementRenderer.render_image = render_image  # type: ignore[method-assign]


def drop_dark_renderings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Leave only the light rendering to builders that cannot switch modes (LaTeX)."""
    if app.builder.format == "html":
        return
    for image in list(doctree.findall(nodes.image)):
        if DARK_CLASS in image["classes"]:
            image.parent.remove(image)


def setup_figures(app: Sphinx) -> None:
    """Render both modes of every figure (myst-nb is patched once per process)."""
    patch_image_rendering()
    app.connect("doctree-resolved", drop_dark_renderings)
