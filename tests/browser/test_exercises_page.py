"""The exercises chapter in the browser: solutions closed until opened, labels in its language."""

from __future__ import annotations

import pytest
from bookfiles import EDITIONS

from conftest import SCREENSHOTS, Visits

LABELS = {
    "en": {"exercise": "Exercise 1", "solution": "Solution to", "hint": "Click to show"},
    "ko": {"exercise": "연습 문제 1", "solution": "풀이", "hint": "눌러서 보기"},
}


@pytest.mark.parametrize("lang", EDITIONS)
def test_solutions_open_only_when_clicked(visits: Visits, lang: str) -> None:
    from browse import DESKTOP

    context = visits.browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(visits.base_url + f"book/{lang}/14-exercises.html", wait_until="networkidle")
    exercises = page.locator("div.exercise")
    solutions = page.locator("div.solution.dropdown")
    assert exercises.count() >= 25
    assert solutions.count() == exercises.count()

    labels = LABELS[lang]
    first_title = exercises.first.locator(".admonition-title").inner_text()
    assert first_title.startswith(labels["exercise"]), first_title
    solution = solutions.first
    assert labels["solution"] in solution.locator(".admonition-title").inner_text()
    if lang == "ko":
        assert "Exercise" not in page.locator("article").inner_text()
    button = solution.locator("button.toggle-button")
    assert button.get_attribute("data-toggle-hint") == labels["hint"]

    code = solution.locator("div.cell_input").first
    assert not code.is_visible(), "a solution's code shows before it is opened"
    solution.locator(".admonition-title").click()
    code.wait_for(state="visible", timeout=5_000)
    assert solution.locator("div.cell_output").first.is_visible(), "no executed output"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    solution.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"{lang}_14-exercises-solution-desktop.png"))
    context.close()
