"""The Sphinx extension's Colab address."""

from __future__ import annotations

from book_site.links import colab_url


def test_colab_url_points_to_the_notebook_on_github() -> None:
    url = colab_url("https://github.com/someone/some-book/", "main", "book/ko/02-tensors")
    assert url == (
        "https://colab.research.google.com/github/someone/some-book/blob/main/"
        "book/ko/02-tensors.ipynb"
    )
