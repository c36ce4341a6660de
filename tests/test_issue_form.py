"""The issue form behind every page's "report a problem" link.

``scripts/lint_issue_forms.py`` (run by ``make lint``) checks the forms against
GitHub's form syntax; these tests show that it catches broken forms, and that
the link's filled-in fields are fields of the form.
"""

from __future__ import annotations

import copy
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from book_site.links import ISSUE_FORM, report_url
from bookfiles import ROOT
from lint_issue_forms import FORMS, form_problems, linked_form_problems, lint

FORM_PATH = FORMS / ISSUE_FORM


def form() -> dict:
    return yaml.safe_load(FORM_PATH.read_text(encoding="utf-8"))


def test_the_book_s_forms_pass_the_lint() -> None:
    assert FORM_PATH.is_file()
    assert lint(sorted(p for p in FORMS.glob("*.yml") if p.name != "config.yml")) == []


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda f: f.pop("name"), "no top-level 'name'"),
        (lambda f: f["body"][1]["attributes"].pop("label"), "without a label"),
        (lambda f: f["body"][2].update(id="page"), "repeated ids"),
        (lambda f: f["body"][1].update(type="text"), "unknown type"),
        (lambda f: f["body"][1].update(id="a page"), "has other characters"),
        (lambda f: f.update(body=[]), "non-empty list"),
    ],
)
def test_lint_catches_a_broken_form(breakage, expected: str) -> None:
    broken = copy.deepcopy(form())
    breakage(broken)
    problems = form_problems(broken, ISSUE_FORM)
    assert any(expected in p for p in problems), problems


def test_lint_wants_the_two_required_questions() -> None:
    weakened = copy.deepcopy(form())
    for element in weakened["body"]:
        if element.get("id") == "expected":
            element["validations"]["required"] = False
    assert linked_form_problems(weakened) == [
        "problem.yml: field 'expected' must exist and be required"
    ]


def test_report_link_fills_in_fields_of_the_form() -> None:
    url = report_url(
        "https://github.com/someone/book", "https://x.io/book/ko/07-training.html", "ko", "훈련"
    )
    parts = urlsplit(url)
    assert parts.path == "/someone/book/issues/new"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["template"] == ISSUE_FORM
    assert query["page"] == "https://x.io/book/ko/07-training.html"
    assert query["edition"] == "한국어"
    ids = {e.get("id") for e in form()["body"]}
    assert set(query) - {"template", "title", "labels"} <= ids


def test_every_built_edition_page_has_a_report_link() -> None:
    html_dir = ROOT / "_build" / "html" / "book"
    pages = sorted(Path(html_dir).glob("*/*.html"))
    if not pages:
        pytest.fail("the book is not built: run `make book` (or `make test`)")
    for page in pages:
        if page.stem == "search":
            continue
        html = page.read_text(encoding="utf-8")
        assert 'class="book-report"' in html, f"{page} has no report link"
        lang = page.parent.name
        assert "page=https%3A%2F%2F" in html or "page=book%2F" in html, page
        assert f"book%2F{lang}%2F{page.stem}.html" in html, f"{page}: wrong page in its link"
