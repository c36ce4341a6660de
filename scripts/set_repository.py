"""Point the book at its GitHub repository: ``python scripts/set_repository.py OWNER/NAME``.

``python scripts/set_repository.py --check`` fails while the address is still the
placeholder the book ships with (the publish workflow runs it before deploying).

Rewrites the repository address in ``_config.yml`` (Colab links, repository
button, the site's GitHub Pages address), in ``CITATION.cff`` and in the install
line of every chapter's set-up cell, then regenerates the paired notebooks.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

OWNER_NAME = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
PLACEHOLDER = "https://github.com/your-github-user/pytorch-basics-book"
BASEURL = re.compile(r"^(\s+baseurl:\s*)(\S+)", re.M)


def configured_url(root: Path) -> str:
    """Return ``repository.url`` from ``_config.yml``."""
    text = (root / "_config.yml").read_text(encoding="utf-8")
    found = re.search(r"^repository:\n\s+url:\s*(\S+)", text, re.M)
    if not found:
        raise ValueError(f"no repository url in {root / '_config.yml'}")
    return found.group(1).rstrip("/")


def placeholder_message(root: Path) -> str | None:
    """Say how to fix the address while it is the placeholder; None once it is set."""
    if configured_url(root) != PLACEHOLDER:
        return None
    return (
        f"The book still points at the placeholder repository {PLACEHOLDER}: its Colab "
        "links and set-up cells would install from an address that does not exist. "
        "Run `python scripts/set_repository.py OWNER/NAME` (your GitHub repository), "
        "commit the result, and publish again."
    )


def set_repository(root: Path, owner_name: str) -> str:
    """Make ``https://github.com/<owner_name>`` the book's repository; return the old address."""
    from sync_notebooks import chapter_sources, render_notebook  # needs jupytext

    if not OWNER_NAME.fullmatch(owner_name):
        raise ValueError(f"expected OWNER/NAME, got {owner_name!r}")
    new_url = f"https://github.com/{owner_name}"
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    found = re.search(r"^repository:\n\s+url:\s*(\S+)", text, re.M)
    if not found:
        raise ValueError(f"no repository url in {config}")
    old_url = found.group(1)
    owner, name = owner_name.split("/")
    # The site's address on GitHub Pages (hreflang alternates use it).
    pages_url = f"https://{owner.lower()}.github.io/{name}/"
    old_pages = found_pages.group(2) if (found_pages := BASEURL.search(text)) else None
    text = BASEURL.sub(rf"\g<1>{pages_url}", text)
    config.write_text(text.replace(old_url, new_url), encoding="utf-8")
    citation = root / "CITATION.cff"
    if citation.is_file():
        cff = citation.read_text(encoding="utf-8").replace(old_url, new_url)
        if old_pages:
            cff = cff.replace(old_pages, pages_url)
        citation.write_text(cff, encoding="utf-8")
    for md_path in chapter_sources(root / "book"):
        source = md_path.read_text(encoding="utf-8")
        md_path.write_text(source.replace(f'"{old_url}"', f'"{new_url}"'), encoding="utf-8")
        md_path.with_suffix(".ipynb").write_text(render_notebook(md_path), encoding="utf-8")
    return old_url


def main() -> int:
    if sys.argv[1:] == ["--check"]:
        message = placeholder_message(ROOT)
        if message:
            print(f"::error::{message}" if os.environ.get("GITHUB_ACTIONS") else message)
            return 1
        print(f"repository: {configured_url(ROOT)}")
        return 0
    if len(sys.argv) != 2 or not OWNER_NAME.fullmatch(sys.argv[1]):
        print(__doc__)
        return 2
    old_url = set_repository(ROOT, sys.argv[1])
    print(f"repository: {old_url} -> https://github.com/{sys.argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
