"""``{book-exec-table}``: how each chapter of an edition was executed in this build.

Like myst-nb's ``{nb-exec-table}``, from the same execution records, but listing
only the chapters of the page's own edition, by title, with its headings in the
edition's language, and with the seconds of the run that produced the outputs
(for a chapter served from the execution cache, the run that filled the cache).
"""

from __future__ import annotations

import posixpath

from docutils import nodes
from myst_nb.ext.execution_tables import METADATA_KEY
from myst_nb.sphinx_ import NbMetadataCollector
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from book_site.editions import edition_of

HEADERS = {
    "en": ("Chapter", "Executed", "Seconds", "Status"),
    "ko": ("장", "실행 방식", "초", "상태"),
}
METHODS = {
    "en": {"cache": "executed, cached", "force": "executed", "inline": "executed"},
    "ko": {"cache": "실행 후 캐시", "force": "실행", "inline": "실행"},
}
STATUS = {"en": ("ok", "failed"), "ko": ("성공", "실패")}


class ExecTableNode(nodes.General, nodes.Element):
    """Placeholder, replaced once every chapter has been executed."""


class BookExecTable(SphinxDirective):
    """Place the table; the document is rebuilt whenever a chapter is re-executed."""

    def run(self) -> list[nodes.Node]:
        NbMetadataCollector.set_doc_data(self.env, self.env.docname, METADATA_KEY, True)
        return [ExecTableNode()]


def _row(cells: list[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        paragraph = nodes.paragraph()
        paragraph += cell
        row += nodes.entry("", paragraph)
    return row


def exec_table(docname: str, records: dict[str, dict], lang: str) -> nodes.table:
    """Return the table of the executed notebooks of ``lang``'s edition."""
    table = nodes.table(classes=["colwidths-auto", "book-exec-table"])
    group = nodes.tgroup(cols=4)
    table += group
    for _ in range(4):
        group += nodes.colspec(colwidth=25)
    head = nodes.thead()
    group += head
    head += _row([nodes.Text(h) for h in HEADERS[lang]])
    body = nodes.tbody()
    group += body
    for other in sorted(records):
        data = records[other].get("exec_data")
        if not data or edition_of(other) != lang or other == docname:
            continue
        link = pending_xref(
            refdoc=docname,
            reftarget=posixpath.relpath(other, posixpath.dirname(docname)),
            reftype="doc",
            refdomain="std",
            refexplicit=False,
            refwarn=True,
        )
        link += nodes.inline(text=other)
        method = METHODS[lang].get(data["method"], data["method"])
        seconds = "-" if data["runtime"] is None else f"{data['runtime']:.1f}"
        ok, failed = STATUS[lang]
        body += _row(
            [
                link,
                nodes.Text(method),
                nodes.Text(seconds),
                nodes.Text(ok if data["succeeded"] else failed),
            ]
        )
    return table


class ExecTableTransform(SphinxPostTransform):
    default_priority = 8  # before the references are resolved

    def run(self, **kwargs: object) -> None:
        lang = edition_of(self.env.docname) or "en"
        records = NbMetadataCollector.get_doc_data(self.env)
        for node in list(self.document.findall(ExecTableNode)):
            node.replace_self(exec_table(self.env.docname, records, lang))


def setup_exec_table(app: Sphinx) -> None:
    """Register the directive, its node and the transform that fills it."""
    app.add_node(ExecTableNode)
    app.add_directive("book-exec-table", BookExecTable)
    app.add_post_transform(ExecTableTransform)
