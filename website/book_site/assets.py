"""Web assets served from the book itself: KaTeX for math, Pretendard for Hangul.

Nothing is fetched when a page is viewed. The assets come from the npm packages
pinned in ``website/package.json`` (``make install`` runs ``npm ci``):

- **KaTeX** renders every formula at build time (``sphinxcontrib-katex`` with
  ``katex_prerender``, running KaTeX in Node), so a page carries finished HTML
  and only KaTeX's stylesheet and the few font files its formulas use: no math
  JavaScript at all, and math that reads the same from a server or from disk.
- **Pretendard** (SIL Open Font License) draws Hangul on Korean pages. Its
  "dynamic subset" build splits the font into 92 ``unicode-range`` chunks, so a
  page downloads only the chunks whose characters it contains. English pages
  show some Hangul too (the book's title); for them the same chunks are declared
  once more as "Pretendard Hangul", limited to Hangul and CJK, so that it can
  come first in their font list without taking over the Latin text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

WEBSITE = Path(__file__).resolve().parent.parent
NODE_MODULES = WEBSITE / "node_modules"
KATEX = NODE_MODULES / "katex" / "dist"
PRETENDARD = NODE_MODULES / "pretendard" / "dist" / "web" / "variable"
PRETENDARD_CSS = "pretendardvariable-dynamic-subset.css"
HANGUL_CSS = "pretendard-hangul.css"
# Whole static faces for print (website/static/print.css): Chromium embeds a
# variable font in a PDF as nameless Type 3 outlines, these as real fonts.
PRINT_FACES = ("Pretendard-Regular.woff2", "Pretendard-SemiBold.woff2", "Pretendard-Bold.woff2")
# Hangul Jamo, then CJK and Hangul from U+2E80 on: not the punctuation between
# (dashes, quotes, arrows), which English text uses and the system fonts have.
HANGUL_JAMO = range(0x1100, 0x1200)
CJK_AND_HANGUL_FROM = 0x2E80


def require_node_modules() -> None:
    """Fail with a clear message when ``npm ci`` has not been run in ``website/``."""
    missing = [
        path for path in (KATEX / "katex.min.js", PRETENDARD / PRETENDARD_CSS) if not path.is_file()
    ]
    if missing:
        raise ExtensionError(
            f"web assets missing ({', '.join(str(p) for p in missing)}): "
            "run `npm ci --prefix website` (make install does)"
        )


def configure_katex(app: Sphinx, config: Config) -> None:
    """Render math at build time with the pinned KaTeX, styled from ``_static/katex``."""
    require_node_modules()
    config.html_math_renderer = "katex"
    config.katex_prerender = True
    config.katex_js_path = str(KATEX / "katex.min.js")
    config.katex_css_path = "katex/katex.min.css"


def is_hangul_or_cjk(codepoint: int) -> bool:
    """Whether a unicode-range starting here belongs in "Pretendard Hangul"."""
    return codepoint in HANGUL_JAMO or codepoint >= CJK_AND_HANGUL_FROM


def hangul_only_faces(css: str) -> str:
    """Return Pretendard's @font-face rules as "Pretendard Hangul": Hangul and CJK only."""

    def keep_high_ranges(match: re.Match[str]) -> str:
        ranges = [r.strip() for r in match.group(1).split(",")]
        high = [r for r in ranges if is_hangul_or_cjk(int(r[2:].split("-")[0], 16))]
        return f"unicode-range: {', '.join(high)};" if high else "unicode-range: DROP;"

    faces = re.findall(r"@font-face\s*\{[^}]*\}", css)
    kept = []
    for face in faces:
        face = re.sub(r"unicode-range:\s*([^;]+);", keep_high_ranges, face)
        if "unicode-range: DROP;" not in face:
            kept.append(face.replace("'Pretendard Variable'", "'Pretendard Hangul'"))
    return "/* Pretendard (SIL OFL 1.1), Hangul and CJK ranges only. */\n" + "\n".join(kept) + "\n"


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    """Copy KaTeX's stylesheet and fonts and the Pretendard subsets into ``_static``."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    katex = static / "katex"
    (katex / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(KATEX / "katex.min.css", katex / "katex.min.css")
    # Every current browser takes the WOFF2 file, the first in KaTeX's list.
    for font in (KATEX / "fonts").glob("*.woff2"):
        shutil.copy2(font, katex / "fonts" / font.name)
    fonts = static / "fonts" / "pretendard"
    fonts.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PRETENDARD / PRETENDARD_CSS, fonts / PRETENDARD_CSS)
    css = (PRETENDARD / PRETENDARD_CSS).read_text(encoding="utf-8")
    (fonts / HANGUL_CSS).write_text(hangul_only_faces(css), encoding="utf-8")
    shutil.copytree(
        PRETENDARD / "woff2-dynamic-subset",
        fonts / "woff2-dynamic-subset",
        dirs_exist_ok=True,
    )
    (fonts / "static").mkdir(exist_ok=True)
    for face in PRINT_FACES:
        shutil.copy2(PRETENDARD.parent / "static" / "woff2" / face, fonts / "static" / face)
