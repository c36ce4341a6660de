"""website/book_site/streams: the saved notebook shows each printed line once.

myst-nb merges a cell's stream chunks for the page; upstream does it by
appending to the first chunk in place, which leaves the saved notebook with
that merged chunk and the later chunks again. The patch merges a copy and puts
the result into the cell's own list.
"""

from __future__ import annotations

from book_site import streams
from nbformat import NotebookNode


def stream(text: str, name: str = "stdout") -> NotebookNode:
    return NotebookNode(output_type="stream", name=name, text=text)


def printed_lines(outputs: list[NotebookNode]) -> list[str]:
    """Every line a reader sees, in order, as Jupyter shows the saved outputs."""
    text = "".join(o["text"] for o in outputs if o["output_type"] == "stream")
    return text.splitlines()


def three_prints() -> list[NotebookNode]:
    return [stream("epoch 1\n"), stream("epoch 2\n"), stream("done\n")]


def test_upstream_duplicates_lines_in_the_list_it_was_given() -> None:
    outputs = three_prints()
    shown = streams.UPSTREAM_COALESCE(outputs)
    assert printed_lines(shown) == ["epoch 1", "epoch 2", "done"]
    # The notebook's own list, saved after rendering, repeats the later lines.
    assert printed_lines(outputs) == ["epoch 1", "epoch 2", "done", "epoch 2", "done"]


def test_patched_merge_writes_what_the_page_shows_into_the_cell() -> None:
    outputs = three_prints()
    shown = streams.merge_streams_in_notebook(outputs)
    assert shown is outputs
    assert printed_lines(outputs) == ["epoch 1", "epoch 2", "done"]
    assert len(outputs) == 1


def test_other_outputs_and_stderr_keep_their_place() -> None:
    image = NotebookNode(output_type="display_data", data={"image/png": "x"}, metadata={})
    outputs = [stream("a\n"), stream("warn\n", "stderr"), image, stream("b\n")]
    streams.merge_streams_in_notebook(outputs)
    kinds = [(o["output_type"], o.get("name")) for o in outputs]
    assert kinds == [("stream", "stdout"), ("stream", "stderr"), ("display_data", None)]
    assert outputs[0]["text"] == "a\nb\n"


def test_the_renderer_calls_the_patched_function() -> None:
    from myst_nb.core import render

    streams.patch_stream_merging()
    streams.patch_stream_merging()  # twice, as a second build in one process would
    assert render.coalesce_streams is streams.merge_streams_in_notebook
    assert streams.UPSTREAM_COALESCE is not streams.merge_streams_in_notebook
