"""Format every chapter's code cells with ruff, at most 79 characters a line.

    python scripts/format_code.py          # rewrite the code cells of book/*/*.md
    python scripts/format_code.py --check  # exit 1 if any cell is not formatted
    python scripts/format_code.py book/en/07-training.md  # only the chapters named

Jupytext hands each chapter to ``ruff format`` as a percent script (IPython
magics commented out, so ruff leaves them alone) and writes the result back
into the MyST source. Both editions go through the same tool, so code cells that
were identical stay identical. Run ``make notebooks`` afterwards.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from sync_notebooks import chapter_sources

LINE_LENGTH = 79


def ruff_command() -> str:
    """Return the ruff command line that jupytext pipes each chapter through."""
    ruff = Path(sys.executable).with_name("ruff")
    return f"{ruff} format --quiet --line-length {LINE_LENGTH} -"


def formatted_text(md_path: Path) -> str:
    """Return the MyST source of ``md_path`` with its code cells formatted by ruff."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / md_path.name
        shutil.copy(md_path, copy)
        subprocess.run(
            [sys.executable, "-m", "jupytext", "--quiet", "--pipe", ruff_command(), str(copy)],
            check=True,
            capture_output=True,
        )
        text = copy.read_text(encoding="utf-8")
    # jupytext records its own version in the header; the sources do not carry it.
    return re.sub(r"^    jupytext_version: .*\n", "", text, flags=re.M)


def format_chapters(sources: list[Path], check: bool) -> list[Path]:
    """Format (or only check) each source; return those that were not formatted."""
    unformatted = []
    for md_path in sources:
        text = formatted_text(md_path)
        if text != md_path.read_text(encoding="utf-8"):
            unformatted.append(md_path)
            if check:
                print(f"{md_path}: code cells are not formatted", file=sys.stderr)
            else:
                md_path.write_text(text, encoding="utf-8")
                print(f"{md_path}: formatted")
    return unformatted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report, change nothing")
    parser.add_argument(
        "chapters", nargs="*", type=Path, help="chapter sources (book/LANG/SLUG.md); default: all"
    )
    args = parser.parse_args()
    chosen = [path.resolve() for path in args.chapters] or chapter_sources()
    unformatted = format_chapters(chosen, args.check)
    if unformatted and args.check:
        print(f"{len(unformatted)} chapter(s) not formatted: run `make format`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
