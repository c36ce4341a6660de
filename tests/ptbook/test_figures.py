"""The dark rendering of the book's figures (``ptbook.figures``)."""

from __future__ import annotations

import base64
import io
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from ptbook import notebook
from ptbook.figures import (
    DARK_INK,
    DARK_PAGE,
    METADATA_KEY,
    BookFigure,
    dark_colour,
    dark_png,
    darken,
    png_bytes,
)

INK = matplotlib.colors.to_rgba(DARK_INK)


def line_and_heatmap() -> tuple[Figure, np.ndarray]:
    fig, (lines, heat) = plt.subplots(1, 2, figsize=(6, 2.5))
    lines.plot([1, 2, 3], [1, 4, 9], color="tab:orange", label="train")
    lines.plot([1, 2, 3], [2, 3, 5], "k--", label="reference")
    lines.legend()
    lines.set_title("loss")
    values = np.arange(4.0).reshape(2, 2) / 3
    image = heat.imshow(values, cmap="Blues")
    heat.text(1, 1, "1.0", color="white")
    heat.text(0, 0, "0.0", color="black")
    fig.colorbar(image, ax=heat)
    return fig, values


def rgba(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def test_dark_colour_turns_ink_light_and_paper_transparent() -> None:
    assert dark_colour("black") == INK
    assert dark_colour("#333333") == INK
    assert dark_colour("white") == "none"
    assert dark_colour("white", paper=DARK_PAGE) == matplotlib.colors.to_rgba(DARK_PAGE)
    # Data colours, mid greys (a grid) and pale colour-map ends (Blues) stay.
    for colour in ("tab:blue", "tab:orange", "#b0b0b0", "#f7fbff", "none", (1, 0, 0, 1)):
        assert dark_colour(colour) == colour


def test_darken_recolours_ink_and_keeps_data_colours_and_heatmap_numbers() -> None:
    fig, _ = line_and_heatmap()
    lines, heat = fig.axes[0], fig.axes[1]
    darken(fig)
    assert matplotlib.colors.to_rgba(lines.title.get_color()) == INK
    assert matplotlib.colors.to_rgba(lines.lines[1].get_color()) == INK  # "k--"
    assert lines.lines[0].get_color() == "tab:orange"
    assert matplotlib.colors.to_rgba(lines.spines["left"].get_edgecolor()) == INK
    assert matplotlib.colors.to_rgba(heat.get_xticklabels()[0].get_color()) == INK
    assert [t.get_color() for t in heat.texts] == ["white", "black"]
    assert fig.patch.get_facecolor()[3] == 0
    plt.close(fig)


def test_ink_on_a_coloured_cell_or_box_stays_and_ink_on_paper_turns_light() -> None:
    fig, ax = plt.subplots()
    cell = ax.add_patch(plt.Rectangle((0, 0), 1, 1, facecolor="#dde8f5", edgecolor="k"))
    on_cell = ax.text(0.5, 0.5, "7", ha="center", va="center")
    boxed = ax.text(1.5, 1.5, "Mv", bbox={"boxstyle": "round", "facecolor": "#cfe0f3"})
    on_paper = ax.text(1.5, 0.2, "note")
    arrow = ax.annotate("", (1.5, 1.0), (0.5, 1.0), arrowprops={"arrowstyle": "->"})
    ax.set(xlim=(0, 2.5), ylim=(0, 2.5))
    darken(fig)
    assert on_cell.get_color() == "black" and boxed.get_color() == "black"
    assert matplotlib.colors.to_rgba(cell.get_edgecolor()) == (0, 0, 0, 1)  # on its fill
    assert matplotlib.colors.to_rgba(on_paper.get_color()) == INK
    assert arrow.arrow_patch is not None
    assert matplotlib.colors.to_rgba(arrow.arrow_patch.get_edgecolor()) == INK
    plt.close(fig)


def test_numbers_on_a_mesh_stay_and_grey_contour_lines_are_flipped() -> None:
    fig, (mesh_ax, contour_ax) = plt.subplots(1, 2)
    mesh_ax.pcolormesh(np.arange(4.0).reshape(2, 2), cmap="viridis")
    number = mesh_ax.text(0.5, 0.5, "0.0", color="white", ha="center", va="center")
    x, y = np.meshgrid(np.linspace(-1, 1, 20), np.linspace(-1, 1, 20))
    contours = contour_ax.contour(x, y, x**2 + y**2, cmap="Greys")
    filled = contour_ax.contourf(x, y, x * y, cmap="gray", alpha=0.3)
    darken(fig)
    assert number.get_color() == "white"
    assert contours.get_cmap().name == "Greys_r"
    assert filled.get_cmap().name == "gray"  # a filled grey map is data
    plt.close(fig)


def test_dark_png_leaves_the_figure_as_it_was() -> None:
    fig, _ = line_and_heatmap()
    before = png_bytes(fig)
    dark = dark_png(fig)
    assert dark is not None
    assert png_bytes(fig) == before
    light_pixels, dark_pixels = rgba(before), rgba(dark)
    # Light: opaque white paper; dark: transparent paper, and light ink somewhere.
    assert (light_pixels[0, 0] == [255, 255, 255, 255]).all()
    assert dark_pixels[0, 0, 3] == 0
    opaque = dark_pixels[dark_pixels[..., 3] > 200][:, :3]
    assert ((abs(opaque.astype(int) - [206, 214, 221]) < 8).all(axis=1)).any()
    plt.close(fig)


def test_a_figure_that_cannot_be_copied_has_no_dark_rendering() -> None:
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.1f}")  # a lambda does not pickle
    assert dark_png(fig) is None
    data, metadata = BookFigure(fig)._repr_mimebundle_()
    assert "image/png" in data and metadata == {}
    plt.close(fig)


@pytest.mark.parametrize("with_dark", [True, False])
def test_book_figure_carries_the_dark_rendering_as_metadata(with_dark: bool) -> None:
    fig, _ = line_and_heatmap()
    data, metadata = BookFigure(fig, with_dark=with_dark)._repr_mimebundle_()
    assert base64.b64decode(data["image/png"]) == png_bytes(fig)
    if with_dark:
        dark = base64.b64decode(metadata[METADATA_KEY]["dark_png"])
        assert rgba(dark)[0, 0, 3] == 0
    else:
        assert metadata == {}
    plt.close(fig)


def test_show_figure_glues_both_renderings_and_closes_the_figure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    glued: list[tuple[str, object, bool]] = []
    monkeypatch.setattr(notebook, "glue", lambda *args, **kw: glued.append((*args, kw)))
    fig, _ = line_and_heatmap()
    notebook.show_figure("demo_fig", fig)
    ((name, shown, options),) = glued
    assert name == "demo_fig" and options == {"display": True}
    assert isinstance(shown, BookFigure) and shown.with_dark  # myst-nb is installed here
    assert not plt.fignum_exists(fig.number)
    data, metadata = shown._repr_mimebundle_()
    assert data["image/png"] and metadata[METADATA_KEY]["dark_png"]


def test_without_myst_nb_show_figure_skips_the_dark_rendering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # as in Colab
    assert not notebook.myst_nb_installed()
    glued: list[object] = []
    monkeypatch.setattr(notebook, "glue", lambda name, value, **kw: glued.append(value))
    fig, _ = line_and_heatmap()
    notebook.show_figure("demo_fig", fig)
    assert glued and not glued[0].with_dark  # type: ignore[attr-defined]
