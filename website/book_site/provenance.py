"""Under each chapter's title: when it was executed, with which PyTorch, on what.

Every chapter's set-up cell prints one line, ``PyTorch <version> | device:
<device> | …`` (``ptbook.setup_notebook``). This module reads that line from
the chapter's own executed output, and the date of the run from myst-nb's
execution record (for a chapter served from the execution cache, the run that
filled the cache), and puts one line under the title, in the page's language,
linking to the status page. Nothing in it is typed by hand: a page executed
somewhere else says so.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import NamedTuple

from docutils import nodes
from myst_nb.sphinx_ import NbMetadataCollector
from sphinx.application import Sphinx

from book_site.editions import edition_of

SETUP_LINE = re.compile(
    r"PyTorch (?P<torch>\S+) \| device: (?P<device>[^|\n]+?) \| seed: \d+ \| [^|\n]+?"
    r"(?: \| (?P<name>[^\n]+?))?\s*$",
    re.M,
)
STATUS_PAGE = "status"
TEMPLATES = {
    "en": "Last executed {date} with PyTorch {torch} on {device} · ",
    "ko": "마지막 실행: {date}, 파이토치 {torch}, 장치 {device} · ",
}
STATUS_LABELS = {"en": "build status", "ko": "빌드 상태"}


class Provenance(NamedTuple):
    date: str
    torch: str
    device: str


def read_setup_line(text: str) -> tuple[str, str] | None:
    """Return (PyTorch version, device) from a set-up cell's printed line.

    The device is its type, with the accelerator's name when the line has one
    (``cuda (NVIDIA H200)``).
    """
    match = SETUP_LINE.search(text)
    if not match:
        return None
    device = match["device"].strip()
    if match["name"]:
        device += f" ({match['name'].strip()})"
    return match["torch"], device


def provenance_text(lang: str, run: Provenance) -> str:
    """Return the line's words before the status link, in ``lang``."""
    return TEMPLATES[lang].format(**run._asdict())


def first_output_text(doctree: nodes.document) -> str:
    """Return the text of the page's first cell output ("" when it has none)."""
    for node in doctree.findall(nodes.Element):
        if "cell_output" in node.get("classes", []):
            return node.astext()
    return ""


def add_provenance(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Insert the provenance line after the title of an executed chapter."""
    lang = edition_of(docname)
    record = NbMetadataCollector.get_exec_data(app.env, docname)
    if lang is None or not record or docname.endswith(f"/{STATUS_PAGE}"):
        return
    found = read_setup_line(first_output_text(doctree))
    section = next(iter(doctree.findall(nodes.section)), None)
    if found is None or section is None or not section.children:
        return
    date = datetime.fromtimestamp(record["mtime"], tz=UTC).strftime("%Y-%m-%d")
    run = Provenance(date, *found)
    paragraph = nodes.paragraph(classes=["book-provenance"])
    paragraph += nodes.Text(provenance_text(lang, run))
    status = f"book/{lang}/{STATUS_PAGE}"
    paragraph += nodes.reference(
        "", STATUS_LABELS[lang], internal=True, refuri=app.builder.get_relative_uri(docname, status)
    )
    section.insert(1, paragraph)


def setup_provenance(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_provenance)
