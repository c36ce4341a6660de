"""Save each printed line once in the notebooks a reader downloads.

With ``nb_merge_streams`` (see ``_config.yml``), myst-nb merges a cell's
consecutive ``stdout`` (or ``stderr``) chunks into one block before rendering
it, with ``coalesce_streams`` (myst-nb 1.4). That function appends the later
chunks to the *first chunk itself*, in place, and returns a new list; the
notebook keeps its old list, so the executed notebook it saves next (under
``_build/jupyter_execute``, copied to ``_sources`` as the page's ``.ipynb``
download) holds the merged first chunk *and* every later chunk: each line after
the first print appears twice.

``merge_streams_in_notebook`` below replaces the function myst-nb's renderer
calls: it merges a copy, then puts the merged outputs into the cell's own list,
so that the saved notebook shows exactly what the page shows, each line once.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from myst_nb.core import render
from nbformat import NotebookNode

# myst-nb's own function, applied to a copy.
UPSTREAM_COALESCE: Callable[[list[NotebookNode]], list[NotebookNode]] = (
    render.__dict__.get("_book_upstream_coalesce") or render.coalesce_streams
)


def merge_streams_in_notebook(outputs: list[NotebookNode]) -> list[NotebookNode]:
    """Merge ``outputs``' stream chunks and write the result back into ``outputs``.

    The returned list is ``outputs`` itself, now holding each stream once.
    """
    merged = UPSTREAM_COALESCE(copy.deepcopy(list(outputs)))
    outputs[:] = merged
    return outputs


def patch_stream_merging() -> None:
    """Make myst-nb's renderer merge streams in the notebook it later saves."""
    render._book_upstream_coalesce = UPSTREAM_COALESCE  # type: ignore[attr-defined]
    render.coalesce_streams = merge_streams_in_notebook
