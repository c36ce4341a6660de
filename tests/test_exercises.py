"""The exercises chapter: every chapter has exercises, every solution is hidden and checks itself.

The build executes every solution, so a solution whose check fails stops it;
the last tests here show that a check does fail when a solution is broken.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import pytest
from bookfiles import BOOK, EDITIONS
from mdit_py_plugins.anchors.index import slugify
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from sync_notebooks import solution_code_cells

SLUG = "14-exercises"
LEVELS = {"en": ("Basic", "Applied", "Advanced"), "ko": ("기초", "응용", "심화")}
CHAPTER_HEADING = {"en": r"Chapter (\d+): ", "ko": r"(\d+)장 "}
# Exercises use colon fences: a title may hold `code`, which a backtick fence cannot.
EXERCISE = re.compile(r"^:::\{exercise\} (?P<title>.+)\n:label: (?P<label>\S+)\n", re.M)
SOLUTION_START = re.compile(
    r"^```\{solution-start\} (?P<label>\S+)\n(?P<options>(?::.*\n)*)```", re.M
)
LINK = re.compile(r"\]\((?P<file>\d\d-[a-z0-9-]+)\.md#(?P<anchor>[^)\s]+)\)")

# The nine exercises of the book's main source (seed 000), their level there,
# and what each solution must use to answer it in today's PyTorch.
SOURCE_EXERCISES = {
    "tensors-numpy": (0, ["torch.from_numpy", ".cpu()"]),
    "models-linear": (0, ["x @ layer.weight.T + layer.bias", "xavier_uniform_"]),
    "autograd-requires": (0, ["requires_grad=True"]),
    "data-split": (1, ["random_split", "DataLoader"]),
    "models-lenet": (1, ["torchinfo", "61_706"]),
    "einsum-four": (2, ['"bi,oij,bj->bo"', "F.bilinear", '"bij,bjk->bik"']),
    "data-augment": (2, ["RandomRotation", "RandomResizedCrop", "ColorJitter"]),
    "autograd-hessian": (2, ["torch.autograd.grad", "create_graph=True", "hessian"]),
    "models-call": (2, ["register_forward_hook", "model.forward(x)"]),
}


@dataclass
class Exercise:
    """One exercise of the exercises chapter, with the chapter section it sits in."""

    label: str
    title: str
    chapter: int
    body: str
    solution_options: str = ""
    solution_code: list[str] = field(default_factory=list)


def chapter_text(lang: str, slug: str = SLUG) -> str:
    return (BOOK / lang / f"{slug}.md").read_text(encoding="utf-8")


def exercises(lang: str) -> list[Exercise]:
    """Parse the exercises chapter of one edition into its exercises and their solutions."""
    text = chapter_text(lang)
    found: list[Exercise] = []
    chapter = 0
    sections = re.split(r"^## ", text, flags=re.M)
    for section in sections[1:]:
        match = re.match(CHAPTER_HEADING[lang], section)
        chapter = int(match.group(1)) if match else 0
        for exercise in EXERCISE.finditer(section):
            body_end = section.index("\n:::", exercise.end())
            found.append(
                Exercise(
                    label=exercise["label"],
                    title=exercise["title"],
                    chapter=chapter,
                    body=section[exercise.end() : body_end],
                )
            )
    by_label = {exercise.label: exercise for exercise in found}
    for start in SOLUTION_START.finditer(text):
        exercise = by_label[start["label"]]
        exercise.solution_options = start["options"]
        end = text.index("```{solution-end}", start.end())
        exercise.solution_code = re.findall(
            r"^```\{code-cell\} ipython3\n(.*?)^```$", text[start.end() : end], re.M | re.S
        )
    return found


def heading_anchors(lang: str, slug: str) -> set[str]:
    """Return the anchors myst gives the headings of a chapter (## to ####)."""
    anchors = set()
    for line in chapter_text(lang, slug).splitlines():
        match = re.match(r"^#{2,4} (.*)", line)
        if match:
            anchors.add(slugify(re.sub(r"[`*]", "", match.group(1)).strip()))
    return anchors


def chapter_numbers(lang: str) -> list[int]:
    """The numbers of the chapters that teach, every numbered one but the exercises."""
    stems = (path.stem for path in (BOOK / lang).glob("[0-9][0-9]-*.md"))
    return sorted(int(stem[:2]) for stem in stems if stem != SLUG)


def chapter_file(number: int, lang: str) -> str:
    return next(path.stem for path in (BOOK / lang).glob(f"{number:02d}-*.md"))


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_chapter_has_two_exercises_and_every_level_is_used(lang: str) -> None:
    found = exercises(lang)
    assert len(found) >= 25, f"{lang}: only {len(found)} exercises"
    for number in chapter_numbers(lang):
        count = sum(exercise.chapter == number for exercise in found)
        assert count >= 2, f"{lang}: chapter {number} has {count} exercises"
    levels = LEVELS[lang]
    for exercise in found:
        assert exercise.title.split(" · ")[0] in levels, f"{exercise.label}: no level"
    assert {exercise.title.split(" · ")[0] for exercise in found} == set(levels)


@pytest.mark.parametrize("lang", EDITIONS)
def test_exercise_labels_are_unique_and_name_their_edition(lang: str) -> None:
    labels = [exercise.label for exercise in exercises(lang)]
    assert len(labels) == len(set(labels))
    assert all(label.startswith(f"{lang}-ex-") for label in labels)


def test_both_editions_have_the_same_exercises() -> None:
    ko, en = exercises("ko"), exercises("en")
    assert [e.label.removeprefix("ko-") for e in ko] == [e.label.removeprefix("en-") for e in en]
    assert [e.chapter for e in ko] == [e.chapter for e in en]
    ko_levels = [LEVELS["ko"].index(e.title.split(" · ")[0]) for e in ko]
    assert ko_levels == [LEVELS["en"].index(e.title.split(" · ")[0]) for e in en]


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_exercise_links_to_a_section_of_its_chapter(lang: str) -> None:
    for exercise in exercises(lang):
        links = LINK.findall(exercise.body)
        assert links, f"{exercise.label}: no link to the section it practises"
        for file, anchor in links:
            assert file == chapter_file(exercise.chapter, lang), f"{exercise.label}: {file}"
            assert anchor in heading_anchors(lang, file), f"{exercise.label}: no #{anchor}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_solution_is_a_dropdown_whose_code_ends_with_a_check(lang: str) -> None:
    for exercise in exercises(lang):
        assert ":class: dropdown" in exercise.solution_options, f"{exercise.label}: not hidden"
        assert exercise.solution_code, f"{exercise.label}: a solution without code"
        assert "assert " in exercise.solution_code[-1], (
            f"{exercise.label}: last cell checks nothing"
        )


def test_the_sources_nine_exercises_are_there_at_their_level() -> None:
    by_label = {exercise.label: exercise for exercise in exercises("en")}
    for name, (level, needles) in SOURCE_EXERCISES.items():
        exercise = by_label[f"en-ex-{name}"]
        assert exercise.title.startswith(LEVELS["en"][level]), exercise.title
        code = "\n".join(exercise.solution_code)
        for needle in needles:
            assert needle in code, f"{name}: the solution does not use {needle}"
    assert "torchsummary" not in "\n".join(by_label["en-ex-models-lenet"].solution_code)


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_chapter_summary_links_to_its_exercises(lang: str) -> None:
    anchors = {}
    for line in chapter_text(lang).splitlines():
        match = re.match(r"^## " + CHAPTER_HEADING[lang], line)
        if match:
            anchors[int(match.group(1))] = slugify(line[3:].replace("`", "").strip())
    assert sorted(anchors) == chapter_numbers(lang)
    for number, anchor in anchors.items():
        text = chapter_text(lang, chapter_file(number, lang))
        summary = re.split(r"^## ", text, flags=re.M)[-1]
        assert f"({SLUG}.md#{anchor})" in summary, f"{lang} chapter {number}'s summary"


@pytest.mark.parametrize("lang", EDITIONS)
def test_solution_cells_start_hidden_in_the_notebook(lang: str) -> None:
    notebook = json.loads((BOOK / lang / f"{SLUG}.ipynb").read_text(encoding="utf-8"))
    hidden = [
        index
        for index, cell in enumerate(notebook["cells"])
        if cell["metadata"].get("jupyter", {}).get("source_hidden")
    ]
    code_in_solutions = sum(len(exercise.solution_code) for exercise in exercises(lang))
    assert len(hidden) == code_in_solutions
    for index in hidden:
        assert notebook["cells"][index]["cell_type"] == "code"
        assert notebook["cells"][index]["metadata"]["cellView"] == "form"
    first_code = next(i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code")
    assert first_code not in hidden, "the set-up cell must stay visible"


def test_solution_code_cells_are_found_between_the_markers() -> None:
    cells = [
        nbformat.v4.new_markdown_cell("```{exercise} Basic · x\n:label: a\n\nQ\n```"),
        nbformat.v4.new_code_cell("print('not a solution')"),
        nbformat.v4.new_markdown_cell("```{solution-start} a\n:class: dropdown\n```\n\nWhy."),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("More."),
        nbformat.v4.new_code_cell("assert x == 1"),
        nbformat.v4.new_markdown_cell("```{solution-end}\n```\n\nNext exercise."),
        nbformat.v4.new_code_cell("print('after')"),
    ]
    assert solution_code_cells(cells) == [3, 5]


@pytest.mark.parametrize("lang", EDITIONS)
def test_each_solution_runs_on_its_own_after_the_set_up_cells(lang: str) -> None:
    """No solution uses a name that only an earlier exercise defines or imports."""
    notebook = jupytext.read(BOOK / lang / f"{SLUG}.md", fmt="md:myst")
    set_up = [cell.source for cell in notebook.cells if cell.cell_type == "code"][:2]
    for exercise in exercises(lang):
        source = "\n\n".join([*set_up, *exercise.solution_code]).replace("%pip", "# %pip")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                "--select",
                "F821",
                "--stdin-filename",
                "solution.py",
                "-",
            ],
            input=source,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{exercise.label}: {result.stdout}"


def solution_notebook(label: str, replace: tuple[str, str] | None = None) -> nbformat.NotebookNode:
    """The set-up cells of the exercises chapter and one solution's cells, optionally broken."""
    notebook = jupytext.read(BOOK / "en" / f"{SLUG}.md", fmt="md:myst")
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    cells = [nbformat.v4.new_code_cell(cell.source) for cell in code[:2]]
    solution = next(e for e in exercises("en") if e.label == label).solution_code
    source = "\n".join(solution)
    if replace is not None:
        old, new = replace
        assert old in source, f"{label}: nothing to break ({old!r} not found)"
        source = source.replace(old, new)
    cells.append(nbformat.v4.new_code_cell(source))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return notebook


def run(notebook: nbformat.NotebookNode) -> None:
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(BOOK / "en"))}},
    ).execute()


BROKEN_SOLUTIONS = {
    # a wrong derivative: the check against 2x + 3 must fail
    "en-ex-autograd-requires": ("y = x**2 + 3 * x + 1", "y = x**2 + 2 * x + 1"),
    # a trace that sums every entry instead of the diagonal
    "en-ex-einsum-reduce": ('torch.einsum("ii->", M)', 'torch.einsum("ij->", M)'),
    # softmax over the batch instead of over the classes
    "en-ex-training-ce": ("F.log_softmax(logits, dim=1)", "F.log_softmax(logits, dim=0)"),
}


@pytest.mark.parametrize("label", BROKEN_SOLUTIONS)
def test_a_broken_solution_fails_its_check(label: str) -> None:
    run(solution_notebook(label))  # the solution as written passes
    with pytest.raises(CellExecutionError) as failure:
        run(solution_notebook(label, BROKEN_SOLUTIONS[label]))
    assert failure.value.ename == "AssertionError"
