"""Check the repository's issue forms against GitHub's form schema.

GitHub rejects a malformed form silently: the "New issue" page then offers a
blank issue instead, and the book's "report a problem" links lose their fields.
This script checks what GitHub's syntax for issue forms requires (top-level
``name``, ``description`` and a non-empty ``body``; known element types; a
``label`` for every input; unique ``id``s of letters, digits, ``-`` and ``_``;
options for dropdowns; boolean ``required``), and that the fields the book's
links fill in (``website/book_site/links.py``) exist. ``make lint`` runs it.

    python scripts/lint_issue_forms.py [FORM.yml ...]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}
ID = re.compile(r"^[A-Za-z0-9_-]+$")
# The fields the book's "report a problem" link fills in, and the two it requires.
LINKED_FORM = "problem.yml"
LINKED_FIELDS = {"page", "edition"}
REQUIRED_FIELDS = {"wrong", "expected"}


def form_problems(form: dict, name: str) -> list[str]:
    """Return what is wrong with one parsed issue form (empty when it is valid)."""
    problems = [
        f"{name}: no top-level {key!r}" for key in ("name", "description") if not form.get(key)
    ]
    body = form.get("body")
    if not isinstance(body, list) or not body:
        return [*problems, f"{name}: 'body' must be a non-empty list"]
    ids: list[str] = []
    for index, element in enumerate(body):
        where = f"{name}: body[{index}]"
        kind = element.get("type")
        attributes = element.get("attributes") or {}
        if kind not in TYPES:
            problems.append(f"{where}: unknown type {kind!r}")
            continue
        if kind == "markdown":
            if not attributes.get("value"):
                problems.append(f"{where}: markdown without a value")
            continue
        if not attributes.get("label"):
            problems.append(f"{where}: {kind} without a label")
        if "id" in element:
            if not ID.match(str(element["id"])):
                problems.append(f"{where}: id {element['id']!r} has other characters")
            ids.append(str(element["id"]))
        if kind == "dropdown" and not attributes.get("options"):
            problems.append(f"{where}: dropdown without options")
        required = (element.get("validations") or {}).get("required", False)
        if not isinstance(required, bool):
            problems.append(f"{where}: 'required' must be true or false")
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append(f"{name}: repeated ids {duplicates}")
    if not any(e.get("type") != "markdown" for e in body):
        problems.append(f"{name}: no input field")
    return problems


def linked_form_problems(form: dict) -> list[str]:
    """Return what the book's report links need from their form and do not find."""
    fields = {str(e.get("id")): e for e in form.get("body", []) if "id" in e}
    problems = [
        f"{LINKED_FORM}: no field {f!r} for the links" for f in LINKED_FIELDS - fields.keys()
    ]
    for field in sorted(REQUIRED_FIELDS):
        element = fields.get(field)
        if not element or not (element.get("validations") or {}).get("required"):
            problems.append(f"{LINKED_FORM}: field {field!r} must exist and be required")
    return problems


def lint(paths: list[Path]) -> list[str]:
    """Return the problems of every form in ``paths``."""
    problems = []
    for path in paths:
        form = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(form, dict):
            problems.append(f"{path.name}: not a YAML mapping")
            continue
        problems += form_problems(form, path.name)
        if path.name == LINKED_FORM:
            problems += linked_form_problems(form)
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(
        p for p in FORMS.glob("*.y*ml") if p.name != "config.yml"
    )
    if not paths:
        print("no issue forms found", file=sys.stderr)
        return 1
    problems = lint(paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"issue forms: {len(paths)} checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
