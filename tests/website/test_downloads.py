"""The notebook archives and the download menu (``book_site.downloads``)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from book_site.downloads import (
    LABELS,
    README,
    add_menu_entries,
    archive_name,
    chapter_notebooks,
    pdf_name,
    write_archive,
)
from bookfiles import BOOK, EDITIONS, ROOT

HTML = ROOT / "_build" / "html"


def test_archive_holds_the_notebooks_and_a_readme(tmp_path: Path) -> None:
    notebooks = []
    for name in ("01-a.ipynb", "02-b.ipynb"):
        path = tmp_path / name
        path.write_text('{"cells": []}', encoding="utf-8")
        notebooks.append(path)
    target = tmp_path / "out" / "book-en-notebooks.zip"
    write_archive(notebooks, target, "read me")
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == [
            "book-en-notebooks/01-a.ipynb",
            "book-en-notebooks/02-b.ipynb",
            "book-en-notebooks/README.txt",
        ]
        assert archive.read("book-en-notebooks/README.txt") == b"read me"


def test_chapter_notebooks_are_the_paired_ones_as_built(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "book" / "en").mkdir(parents=True)
    (out / "_sources" / "book" / "en").mkdir(parents=True)
    for name in ("01-a", "02-b"):
        (src / "book" / "en" / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    (out / "_sources" / "book" / "en" / "01-a.ipynb").write_text("{}", encoding="utf-8")
    (out / "_sources" / "book" / "en" / "index.md").write_text("", encoding="utf-8")
    assert chapter_notebooks(src, out, "en") == [out / "_sources" / "book" / "en" / "01-a.ipynb"]


def test_menu_gets_the_pdf_and_the_archive_in_the_pages_language() -> None:
    group = {"label": "download-buttons", "buttons": [{"label": "download-source-button"}]}
    context = {"header_buttons": [group], "pathto": lambda name, resource: f"../../{name}"}
    add_menu_entries(None, "book/ko/07-training", "page.html", context, None)  # type: ignore[arg-type]
    added = group["buttons"][1:]
    assert [b["url"] for b in added] == [
        "../../downloads/pytorch-basics-ko.pdf",
        "../../downloads/pytorch-basics-ko-notebooks.zip",
    ]
    assert [b["text"] for b in added] == [LABELS["ko"]["pdf"], LABELS["ko"]["zip"]]
    outside = {"header_buttons": [{"label": "download-buttons", "buttons": []}]}
    add_menu_entries(None, "index", "page.html", outside, None)  # type: ignore[arg-type]
    assert outside["header_buttons"][0]["buttons"] == []


@pytest.mark.parametrize("lang", EDITIONS)
def test_built_archive_has_every_chapter_executed(lang: str) -> None:
    target = HTML / "downloads" / archive_name(lang)
    assert target.is_file(), f"{target} is missing: run `make book`"
    chapters = sorted(p.name for p in (BOOK / lang).glob("*.ipynb"))
    folder = Path(archive_name(lang)).stem
    with zipfile.ZipFile(target) as archive:
        names = sorted(archive.namelist())
        assert names == sorted([f"{folder}/README.txt"] + [f"{folder}/{c}" for c in chapters])
        readme = archive.read(f"{folder}/README.txt").decode("utf-8")
        assert "pip install" in readme and readme.split("\n")[0] in README[lang]
        for chapter in chapters:
            notebook = json.loads(archive.read(f"{folder}/{chapter}"))
            outputs = [o for c in notebook["cells"] for o in c.get("outputs", [])]
            assert outputs, f"{lang}/{chapter}: the archived notebook has no outputs"


@pytest.mark.parametrize("lang", EDITIONS)
def test_built_pages_offer_the_pdf_and_the_archive(lang: str) -> None:
    for page in ("index", "07-training"):
        text = (HTML / "book" / lang / f"{page}.html").read_text(encoding="utf-8")
        for name in (pdf_name(lang), archive_name(lang)):
            assert f"../../downloads/{name}" in text, f"{lang}/{page}.html does not link {name}"


def test_cached_outputs_are_written_into_the_parsed_notebook() -> None:
    import nbformat
    from book_site.downloads import keep_cached_outputs

    parsed = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    merged = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)")])
    merged.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]

    class Client:
        def __init__(self) -> None:
            self._notebook = parsed

        @property
        def notebook(self) -> nbformat.NotebookNode:
            return self._notebook

    def upstream_from_cache(client: Client) -> None:
        client._notebook = merged  # what myst-nb does on a cache hit

    client = Client()
    keep_cached_outputs(client, upstream_from_cache)  # type: ignore[arg-type]
    assert client.notebook is parsed
    assert parsed.cells[0].outputs[0].text == "1\n"
