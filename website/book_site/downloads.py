"""The whole book to take away: a PDF and a notebook archive per edition.

Every page's ``.ipynb`` download, and so every archive, carries the outputs of
the build. myst-nb saves the notebook it parsed; where outputs come from the
execution cache (always for one of the two editions, whose code cells are
identical and share a cache entry, and for every page of a cached rebuild),
they were merged into a copy and the saved notebook had none.
``patch_cached_outputs`` puts them into the parsed notebook itself.

The build writes ``downloads/pytorch-basics-<lang>-notebooks.zip`` (every
chapter's executed ``.ipynb`` of the edition, as the page download serves it,
with a short README); ``make pdf`` (``scripts/build_pdf.py``) prints
``downloads/pytorch-basics-<lang>.pdf`` from the built pages. Both are offered
in the theme's download menu of every edition page, and on the start pages
(``{book-downloads}``).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from docutils import nodes
from myst_nb.core.execute.cache import NotebookClientCache
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from book_site.editions import EDITIONS, edition_of

FOLDER = "downloads"
BOOK_TITLES = {"en": "PyTorch Basics", "ko": "파이토치 기초"}
LABELS = {
    "en": {
        "pdf": "Book PDF",
        "pdf_tip": "The whole English edition as one PDF",
        "zip": "All notebooks (.zip)",
        "zip_tip": "Every chapter of the English edition as executed notebooks",
    },
    "ko": {
        "pdf": "책 전체 PDF",
        "pdf_tip": "한국어판 전체를 PDF 한 파일로",
        "zip": "노트북 전체 (.zip)",
        "zip_tip": "한국어판 모든 장의 실행된 노트북",
    },
}
README = {
    "en": """PyTorch Basics: the notebooks of the English edition

Each chapter as a Jupyter notebook, with the outputs of the book's build.
In Google Colab each notebook installs what it needs in its first cell.
Elsewhere, install the book's helper package once, then open any notebook:

    pip install "ptbook[book] @ git+{repository}"

The book: {site}
""",
    "ko": """파이토치 기초: 한국어판 노트북

각 장을 책 빌드의 출력까지 담은 주피터 노트북으로 묶었습니다.
구글 코랩에서는 노트북의 첫 셀이 필요한 것을 설치합니다.
다른 곳에서는 책의 도우미 패키지를 한 번 설치한 뒤 아무 노트북이나 여십시오.

    pip install "ptbook[book] @ git+{repository}"

책: {site}
""",
}


def keep_cached_outputs(client: NotebookClientCache, start: Any) -> None:
    """Run myst-nb's ``start_client`` and keep the cached outputs in its notebook.

    ``start`` is the upstream method. When it takes the outputs from the cache
    it swaps in a merged copy of the notebook; the copy's cells (and metadata)
    are written back into the notebook object myst-nb saves after rendering.
    """
    parsed = client.notebook
    start(client)
    merged = client.notebook
    if merged is not parsed:
        parsed.cells[:] = merged.cells
        parsed.metadata.update(merged.metadata)
        client._notebook = parsed


def patch_cached_outputs() -> None:
    """Make myst-nb save cached outputs in the page's ``.ipynb`` download."""
    upstream = getattr(NotebookClientCache, "_book_upstream_start", None)
    if upstream is None:
        upstream = NotebookClientCache.start_client
        NotebookClientCache._book_upstream_start = upstream  # type: ignore[attr-defined]

    def start_client(self: NotebookClientCache) -> None:
        keep_cached_outputs(self, upstream)

    NotebookClientCache.start_client = start_client  # type: ignore[method-assign]


def pdf_name(lang: str) -> str:
    """Return the file name of an edition's PDF."""
    return f"pytorch-basics-{lang}.pdf"


def archive_name(lang: str) -> str:
    """Return the file name of an edition's notebook archive."""
    return f"pytorch-basics-{lang}-notebooks.zip"


def chapter_notebooks(srcdir: Path, outdir: Path, lang: str) -> list[Path]:
    """Return the built ``.ipynb`` of every chapter that has a paired notebook.

    The paired notebooks in the sources (``book/<lang>/*.ipynb``) say which pages
    are chapters; the files taken are the executed ones the build serves under
    ``_sources``, so the archive carries what each page's download carries.
    """
    paired = sorted((srcdir / "book" / lang).glob("*.ipynb"))
    built = [outdir / "_sources" / "book" / lang / path.name for path in paired]
    return [path for path in built if path.is_file()]


def write_archive(notebooks: list[Path], target: Path, readme: str) -> None:
    """Write ``notebooks`` and a README into the zip file ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = target.stem
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/README.txt", readme)
        for notebook in notebooks:
            archive.write(notebook, f"{folder}/{notebook.name}")


def build_archives(app: Sphinx, exception: Exception | None) -> None:
    """Write each edition's notebook archive into the built site."""
    if exception is not None or app.builder.format != "html":
        return
    options = app.config.html_theme_options
    repository = options.get("repository_url", "")
    site = app.config.html_baseurl or ""
    outdir, srcdir = Path(app.outdir), Path(app.srcdir)
    for lang in EDITIONS:
        notebooks = chapter_notebooks(srcdir, outdir, lang)
        readme = README[lang].format(repository=repository, site=site)
        write_archive(notebooks, outdir / FOLDER / archive_name(lang), readme)


def add_menu_entries(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Offer the edition's PDF and notebook archive in the theme's download menu."""
    lang = edition_of(pagename)
    if lang is None:
        return
    labels = LABELS[lang]
    folder = context["pathto"](FOLDER, 1)
    entries = [
        ("pdf", pdf_name(lang), "fas fa-book"),
        ("zip", archive_name(lang), "fas fa-file-zipper"),
    ]
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        for key, name, icon in entries:
            group["buttons"].append(
                {
                    "type": "link",
                    "url": f"{folder}/{name}",
                    "text": labels[key],
                    "tooltip": labels[f"{key}_tip"],
                    "icon": icon,
                    "label": f"download-book-{key}-button",
                }
            )


class BookDownloads(SphinxDirective):
    """A list with the edition's PDF and notebook archive, for the start pages."""

    def run(self) -> list[nodes.Node]:
        lang = edition_of(self.env.docname) or "en"
        labels = LABELS[lang]
        depth = self.env.docname.count("/")
        prefix = "../" * depth + FOLDER
        listing = nodes.bullet_list(classes=["book-downloads"])
        for key, name in (("pdf", pdf_name(lang)), ("zip", archive_name(lang))):
            link = nodes.reference("", labels[key], refuri=f"{prefix}/{name}")
            paragraph = nodes.paragraph("", "", link, nodes.Text(f" ({labels[f'{key}_tip']})"))
            listing += nodes.list_item("", paragraph)
        return [listing]


def setup_downloads(app: Sphinx) -> None:
    patch_cached_outputs()
    app.add_directive("book-downloads", BookDownloads)
    # After sphinx-book-theme has made its buttons (priority 501).
    app.connect("html-page-context", add_menu_entries, priority=510)
    app.connect("build-finished", build_archives)
