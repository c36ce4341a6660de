"""Web assets served from the book itself: KaTeX for math, Pretendard for Hangul.

Nothing is fetched when a page is viewed. The assets come from the npm packages
pinned in ``website/package.json`` (``make install`` runs ``npm ci``):

- **KaTeX** renders every formula at build time (``sphinxcontrib-katex`` with
  ``katex_prerender``, running KaTeX in Node), so a page carries finished HTML
  and only KaTeX's stylesheet and the few font files its formulas use: no math
  JavaScript at all, and math that reads the same from a server or from disk.
- **Pretendard** (SIL Open Font License) draws Hangul on Korean pages. Its
  "dynamic subset" build splits the font into 92 ``unicode-range`` chunks, so a
  page downloads only the chunks whose characters it contains.
"""

from __future__ import annotations

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
    shutil.copytree(
        PRETENDARD / "woff2-dynamic-subset",
        fonts / "woff2-dynamic-subset",
        dirs_exist_ok=True,
    )
