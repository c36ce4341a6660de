"""Markdown that renders: no emphasis that CommonMark leaves as literal asterisks.

CommonMark closes ``**`` only when the closing run is "right-flanking": after
punctuation it must be followed by a space or punctuation. So
``**프레임워크(framework)**가`` stays unrendered and the asterisks show on the
page; ``**프레임워크**(framework)가`` renders. The check renders every markdown
cell with markdown-it (CommonMark, as MyST does) and looks for asterisks or
underscores left in the text.
"""

from __future__ import annotations

import re

import jupytext
import pytest
from bookfiles import BOOK, EDITIONS
from markdown_it import MarkdownIt

PAGES = [(lang, path.stem) for lang in EDITIONS for path in sorted((BOOK / lang).glob("*.md"))]
MARKER = re.compile(r".{0,15}(\*\*|__|(?<![\w*])\*(?=\S)).{0,15}")


def literal_markers(markdown: str) -> list[str]:
    """Return the fragments of rendered text in which emphasis markers survived."""
    # Roles and directives are MyST, not CommonMark: keep only their text.
    markdown = re.sub(r"\{[a-z:-]+\}`([^`]*)`", r"\1", markdown)
    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        for child in token.children or []:
            if child.type == "text":
                found += [m.group(0) for m in MARKER.finditer(child.content)]
    return found


def test_literal_markers_are_found() -> None:
    assert literal_markers("**프레임워크(framework)**가 있습니다.")
    assert literal_markers("**`nn.Flatten`**은 펼칩니다.")
    assert not literal_markers("**프레임워크**(framework)가 있습니다.")
    assert not literal_markers("`a * b` and $x*y$ stay as they are.")


@pytest.mark.parametrize(("lang", "slug"), PAGES)
def test_emphasis_renders(lang: str, slug: str) -> None:
    notebook = jupytext.read(BOOK / lang / f"{slug}.md", fmt="md:myst")
    problems = [
        f"cell {index}: {fragment!r}"
        for index, cell in enumerate(notebook.cells, start=1)
        if cell.cell_type == "markdown"
        for fragment in literal_markers(cell.source)
    ]
    assert not problems, f"{lang}/{slug}: emphasis left as literal markers: {problems}"


# A Korean particle whose form follows the sound of the word before it (은/는,
# 이/가, 을/를, 와/과, 로/으로) cannot follow a value that changes from build to
# build: "0.2860와" and "12.0로" are wrong for some values and right for others.
GLUE_PARTICLE = re.compile(
    r"\{glue(?::[a-z]+)?\}`[^`]+`(?:은|는|이|가|을|를|와|과|으로|로)(?=[^가-힣]|$)"
    r"|\{glue(?::[a-z]+)?\}`[^`]+`(?:로|으로)(?:는|도|서|써|부터)"
)


def test_particles_after_glued_values_are_found() -> None:
    assert GLUE_PARTICLE.search("평균은 {glue:text}`data_mean`와 같습니다")
    assert GLUE_PARTICLE.search("학습률 {glue}`training_lr`로 시작합니다")
    assert not GLUE_PARTICLE.search("평균 {glue:text}`data_mean` 입니다")
    assert not GLUE_PARTICLE.search("{glue:text}`data_mean`입니다")


@pytest.mark.parametrize("slug", [slug for lang, slug in PAGES if lang == "ko"])
def test_no_variable_particle_right_after_a_glued_value(slug: str) -> None:
    text = (BOOK / "ko" / f"{slug}.md").read_text(encoding="utf-8")
    found = [m.group(0) for m in GLUE_PARTICLE.finditer(text)]
    assert not found, f"ko/{slug}: a particle follows a glued value: {found}"
