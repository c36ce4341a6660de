"""Point the book at its GitHub repository: ``python scripts/set_repository.py OWNER/NAME``.

Rewrites the repository address in ``_config.yml`` (Colab links, repository
button) and in the install line of every chapter's set-up cell, then
regenerates the paired notebooks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sync_notebooks import ROOT, chapter_sources, render_notebook

URL = re.compile(r"https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def main() -> int:
    if len(sys.argv) != 2 or not re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", sys.argv[1]):
        print(__doc__)
        return 2
    new_url = f"https://github.com/{sys.argv[1]}"
    config = ROOT / "_config.yml"
    text = config.read_text(encoding="utf-8")
    old_url = re.search(r"^\s+url:\s*(\S+)", text, re.M).group(1)  # type: ignore[union-attr]
    config.write_text(text.replace(old_url, new_url), encoding="utf-8")
    for md_path in chapter_sources():
        source = md_path.read_text(encoding="utf-8")
        md_path.write_text(source.replace(f"git+{old_url}", f"git+{new_url}"), encoding="utf-8")
        md_path.with_suffix(".ipynb").write_text(render_notebook(md_path), encoding="utf-8")
    print(f"repository: {old_url} -> {new_url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
