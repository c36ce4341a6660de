"""The exercises chapter's exercises and solutions: numbered per page, labelled in its language.

Sphinx numbers enumerable nodes across the whole book when no section numbers
are used, so the English chapter's first exercise would be "Exercise 27"
(after the Korean chapter's 26); exercises are renumbered from 1 on each page.
sphinx-exercise writes its labels in the build's language (English): the
number prefix "Exercise 3", from ``numfig_format``, and the solution titles
"Solution to Exercise 3 (...)". sphinx-togglebutton puts its "Click to show"
hint in an inline script. On a Korean page this module makes them
"연습 문제 3", "연습 문제 3 (...) 풀이" and "눌러서 보기".
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_exercise.nodes import solution_node

from book_site.editions import edition_of

EXERCISE_PREFIX = {"en": "Exercise %s", "ko": "연습 문제 %s"}
KOREAN_TOGGLE_HINTS = {
    "toggleHintShow": "눌러서 보기",
    "toggleHintHide": "눌러서 숨기기",
}


def number_exercises_per_page(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Renumber each page's exercises 1, 2, … in the order Sphinx numbered them.

    Returns the pages whose numbers changed, so that Sphinx writes them again.
    """
    changed = []
    for docname, figures in env.toc_fignumbers.items():
        numbers = figures.get("exercise")
        if numbers:
            ordered = sorted(numbers, key=numbers.__getitem__)
            per_page = {key: (index,) for index, key in enumerate(ordered, 1)}
            if per_page != numbers:
                figures["exercise"] = per_page
                changed.append(docname)
    return changed


def number_exercises_in_page_language(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Set the exercise number prefix for the page about to be written.

    Sphinx resolves and then writes one page at a time, and the HTML writer
    reads ``numfig_format`` while it writes, so the prefix can follow the page.
    """
    language = "ko" if edition_of(docname) == "ko" else "en"
    app.config.numfig_format["exercise"] = EXERCISE_PREFIX[language]


def korean_solution_titles(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Rewrite "Solution to Exercise N (...)" as "연습 문제 N (...) 풀이" on Korean pages."""
    if edition_of(docname) != "ko":
        return
    for solution in doctree.findall(solution_node):
        title = solution.children[0] if solution.children else None
        if not isinstance(title, nodes.title):
            continue
        lead = [child for child in title.children if isinstance(child, nodes.Text)]
        reference = next(iter(title.findall(nodes.reference)), None)
        if not lead or reference is None or not reference.children:
            continue
        number_text = reference.children[0]
        if not isinstance(number_text, nodes.Text):
            continue
        title.remove(lead[0])
        number = number_text.astext().strip().replace("Exercise", "연습 문제")
        reference.replace(number_text, nodes.Text(number))
        title += nodes.Text(" 풀이")


def korean_toggle_hints(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Give the toggle buttons of a Korean page their Korean hints."""
    if edition_of(pagename) != "ko":
        return
    scripts = []
    for script in context.get("script_files", []):
        body = str(getattr(script, "attributes", {}).get("body", ""))
        for variable, hint in KOREAN_TOGGLE_HINTS.items():
            if body.startswith(f"let {variable} ="):
                attributes = {**script.attributes, "body": f"let {variable} = '{hint}';"}
                script = type(script)(script.filename, priority=script.priority, **attributes)
        scripts.append(script)
    context["script_files"] = scripts


def setup_exercises(app: Sphinx) -> None:
    """Load sphinx-exercise and translate its labels page by page."""
    app.setup_extension("sphinx_exercise")
    # After Sphinx's own numbering (the toctree collector, priority 500).
    app.connect("env-get-updated", number_exercises_per_page, priority=900)
    app.connect("doctree-resolved", number_exercises_in_page_language)
    app.connect("doctree-resolved", korean_solution_titles)
    app.connect("html-page-context", korean_toggle_hints)
