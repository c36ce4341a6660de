"""A figure for both of the book's modes: the light rendering and a dark one.

Readers of the site choose a light or a dark page. A Matplotlib figure drawn
for white paper becomes a white card on a dark page, so the book renders each
figure twice: as drawn (what Colab, Jupyter and the light page show) and for a
dark page, where the ink (black and dark-grey text, spines, ticks, lines and
arrows) turns light and the paper (white figure and axes) becomes transparent.
Data colours, colour maps and images stay as they are, and so does the ink of
a text drawn on a coloured cell, box or image (the numbers of a heatmap or of
a drawn matrix), where the author chose it against that colour, not against
the page. The dark rendering travels in the output's metadata, which Jupyter
ignores; the book's site shows it in dark mode (``website/book_site/figures.py``).
"""

from __future__ import annotations

import base64
import io
import pickle
from collections.abc import Iterable
from typing import Any

import matplotlib.colors as mcolors
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import Collection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.text import Annotation, Text

# The key of the dark rendering in an output's metadata.
METADATA_KEY = "ptbook"
# The dark page of the book's theme (--pst-color-background, as sphinx-book-theme
# sets it) and its text colour (pydata-sphinx-theme's --pst-color-text-base).
DARK_PAGE = "#121212"
DARK_INK = "#ced6dd"
# A grey: its channels differ by at most this much (0-1 scale).
GREY_TOLERANCE = 0.02
# Ink: greys at most this light (0 is black) become DARK_INK.
INK_MAX_LIGHTNESS = 0.35
# Paper: greys at least this light become transparent, or DARK_PAGE where a box
# must stay opaque (a legend, a text's box).
PAPER_MIN_LIGHTNESS = 0.9
# A fill at least this opaque is what a text on it is read against.
BACKDROP_MIN_ALPHA = 0.5

RGBA = tuple[float, float, float, float]


def grey_level(rgba: RGBA) -> float | None:
    """Return the lightness of a grey (0 black, 1 white), or None for a colour."""
    r, g, b, _ = rgba
    if max(r, g, b) - min(r, g, b) > GREY_TOLERANCE:
        return None
    return (r + g + b) / 3


def dark_colour(colour: Any, *, paper: str = "none") -> Any:
    """Return the dark-mode counterpart of one colour.

    Dark greys (ink) become the dark page's ink and near-white greys (paper)
    become ``paper`` ("none": transparent); every other colour, mid greys and
    transparent colours are returned unchanged.
    """
    if isinstance(colour, str) and colour.lower() == "none":
        return colour
    try:
        rgba = mcolors.to_rgba(colour)
    except (ValueError, TypeError):
        return colour
    level = grey_level(rgba)
    if rgba[3] == 0 or level is None:
        return colour
    if level <= INK_MAX_LIGHTNESS:
        return mcolors.to_rgba(DARK_INK, rgba[3])
    if level >= PAPER_MIN_LIGHTNESS:
        return paper if paper == "none" else mcolors.to_rgba(paper, rgba[3])
    return colour


def dark_colours(values: Any, *, paper: str = "none") -> Any:
    """``dark_colour`` for one colour or for an (N, 4) array of colours."""
    if getattr(values, "ndim", 0) == 2:
        return [dark_colour(tuple(c), paper=paper) for c in values]
    return dark_colour(values, paper=paper)


def is_backdrop(patch: Patch) -> bool:
    """True when ``patch`` is filled with a colour a text on it is read against.

    That is a data colour or a mid grey, mostly opaque: neither paper nor ink.
    An arrow is never one (its face colour is Matplotlib's default, unseen).
    """
    face = mcolors.to_rgba(patch.get_facecolor())
    return (
        not isinstance(patch, FancyArrowPatch)
        and patch.get_fill()
        and patch.get_visible()
        and face[3] >= BACKDROP_MIN_ALPHA
        and dark_colour(face) == face
    )


def is_grey_scale(collection: Collection) -> bool:
    """True for a colour-mapped collection whose colour map is all greys."""
    cmap = collection.get_cmap()
    return all(grey_level(tuple(c)) is not None for c in cmap(np.linspace(0, 1, 16)))


def recolour_patch(patch: Patch) -> None:
    """Paper to the dark page, ink to light ink; a coloured fill keeps its edge."""
    keep_edge = is_backdrop(patch)
    patch.set_facecolor(dark_colour(patch.get_facecolor(), paper=DARK_PAGE))
    if not keep_edge:
        patch.set_edgecolor(dark_colour(patch.get_edgecolor()))


def recolour_text(text: Text, *, on_backdrop: bool = False) -> None:
    """Recolour a text and its box; ink on a coloured backdrop or box stays."""
    box = text.get_bbox_patch()
    if not (on_backdrop or (box is not None and is_backdrop(box))):
        text.set_color(dark_colour(text.get_color()))
    if box is not None:
        recolour_patch(box)


def recolour_collection(collection: Collection) -> None:
    """Recolour an unmapped collection; flip a grey colour map drawn as lines.

    Colour-mapped collections (a heatmap, a colour bar) keep their colours,
    except grey scales of unfilled lines (contours in ``Greys``), which are ink.
    """
    if collection.get_array() is not None:
        face = collection.get_facecolor()
        if is_grey_scale(collection) and (len(face) == 0 or not np.any(face[:, 3])):
            collection.set_cmap(collection.get_cmap().reversed())
        return
    collection.set_facecolor(dark_colours(collection.get_facecolor(), paper=DARK_PAGE))
    collection.set_edgecolor(dark_colours(collection.get_edgecolor()))


def recolour(artist: Artist) -> None:
    """Recolour one artist's ink and paper in place, by kind of artist."""
    if isinstance(artist, Text):
        recolour_text(artist)
    elif isinstance(artist, Line2D):
        artist.set_color(dark_colour(artist.get_color()))
        artist.set_markerfacecolor(dark_colour(artist.get_markerfacecolor()))
        artist.set_markeredgecolor(dark_colour(artist.get_markeredgecolor()))
    elif isinstance(artist, Patch):
        recolour_patch(artist)
    elif isinstance(artist, Collection):
        recolour_collection(artist)


def centre(text: Text) -> tuple[float, float]:
    """The middle of a text as drawn, in display coordinates."""
    box = text.get_window_extent()
    return ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)


def on_backdrop(text: Text, ax: Axes) -> bool:
    """True when ``text`` lies on a coloured patch, an image or a heatmap of ``ax``."""
    point = centre(text)
    areas = [image.get_window_extent() for image in ax.images]
    areas += [
        ax.transData.transform_bbox(mesh.get_datalim(ax.transData))
        for mesh in ax.collections
        if mesh.get_array() is not None and not isinstance(mesh, PathCollection)
    ]
    return any(area.contains(*point) for area in areas) or any(
        is_backdrop(patch) and patch.contains_point(point) for patch in ax.patches
    )


def darken(figure: Figure) -> None:
    """Turn ``figure`` into its dark rendering, in place.

    The figure and its axes become transparent (where they are white); legends
    and text boxes keep an opaque box in the dark page's colour. Texts placed in
    an axes on a coloured cell, box or image keep their colours; the rest of the
    ink turns light. Images and colour maps are never touched.
    """
    figure.draw_without_rendering()  # lay out texts before looking where they lie
    figure.patch.set_facecolor(dark_colour(figure.patch.get_facecolor()))
    done: set[int] = {id(figure.patch)}
    for ax in figure.axes:
        ax.patch.set_facecolor(dark_colour(ax.patch.get_facecolor()))
        done.add(id(ax.patch))
        # Decide for every text before recolouring anything it may lie on.
        kept = {id(text) for text in ax.texts if on_backdrop(text, ax)}
        for text in ax.texts:
            recolour_text(text, on_backdrop=id(text) in kept)
            done.add(id(text))
    for artist in _artists(figure):
        if id(artist) not in done:
            done.add(id(artist))
            recolour(artist)


def _artists(figure: Figure) -> Iterable[Artist]:
    """Every artist of ``figure``, annotations' arrows included."""
    for artist in figure.findobj():
        yield artist
        if isinstance(artist, Annotation) and artist.arrow_patch is not None:
            yield artist.arrow_patch


def png_bytes(figure: Figure, *, transparent: bool = False) -> bytes:
    """Render ``figure`` as IPython's inline backend does (PNG, tight bounding box)."""
    buffer = io.BytesIO()
    options: dict[str, Any] = {"format": "png", "bbox_inches": "tight", "dpi": figure.dpi}
    if transparent:
        options.update(facecolor="none", edgecolor="none")
    else:
        options.update(facecolor=figure.get_facecolor(), edgecolor=figure.get_edgecolor())
    figure.savefig(buffer, **options)
    return buffer.getvalue()


def dark_png(figure: Figure) -> bytes | None:
    """Return the dark rendering of ``figure`` as PNG, leaving ``figure`` as it was.

    The dark rendering is drawn on a copy (a pickle round trip). A figure that
    cannot be copied (a formatter defined as a lambda, say) has none: the page
    then shows its light rendering in both modes.
    """
    import matplotlib.pyplot as plt

    try:
        copy: Figure = pickle.loads(pickle.dumps(figure))
    except Exception:
        return None
    try:
        darken(copy)
        return png_bytes(copy, transparent=True)
    finally:
        plt.close(copy)


class BookFigure:
    """A figure as the book shows it: PNG, with its dark rendering as metadata.

    Jupyter and Colab show the ``image/png`` (the light rendering) and ignore
    the metadata; the book's site reads both.
    """

    def __init__(self, figure: Figure, *, with_dark: bool = True) -> None:
        self.figure = figure
        self.with_dark = with_dark

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        light = png_bytes(self.figure)
        data = {
            "image/png": base64.b64encode(light).decode("ascii"),
            "text/plain": repr(self.figure),
        }
        metadata: dict[str, Any] = {}
        dark = dark_png(self.figure) if self.with_dark else None
        if dark is not None:
            metadata[METADATA_KEY] = {"dark_png": base64.b64encode(dark).decode("ascii")}
        return data, metadata
