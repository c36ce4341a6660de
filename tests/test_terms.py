"""Words the glossary rules out, and references to works the reader cannot see.

The project's glossary fixes one Korean term per concept; the words below are the
ones it names as wrong, each with the glossary's reason. The check reads the prose of
every Korean page (markdown cells, without inline code or math): code keeps its own
identifiers.

The book cites the works it draws on on its references page. Anywhere else, a
passage that corrects or quotes "the source" or "lecture notes" points at a document
the reader cannot see; it must cite the references page by name or be written as a
neutral note ("a common mistake is ...").
"""

from __future__ import annotations

import re

import jupytext
import pytest
from bookfiles import BOOK, EDITIONS

REFERENCES = "references"

# pattern -> the glossary's reason
FORBIDDEN_KO: dict[str, str] = {
    r"결정적": "deterministic is 결정론적; 결정적 reads as 'decisive'",
    (
        r"(?:[\d,]+개(?:의|짜리)? |레이블이 붙은 |훈련 |데이터 )예제"
        r"|예제 ?[\d,]+개|예제(?:마다|별|들)"
    ): "a data point is 샘플; 예제 is a code example",
    r"(?:그래프|연산)[을를]? ?뽑|뽑아 ?내": "capturing a graph is 캡처; 뽑다 is for random draws",
    r"(?:신경|합성곱|하위|깊은) ?네트워크|네트워크 전체": (
        "a neural network is 신경망, not 네트워크"
    ),
    r"개인 컴퓨터": "a laptop is 노트북 컴퓨터",
    r"사용 중단|대체될 예정": "deprecated is 지원 중단, as the facts are",
    r"진행 표시줄": "a progress bar is 진행 막대",
    r"변화도": "gradient is 그래디언트",
    r"초매개변수": "hyperparameter is 하이퍼파라미터",
    r"최적화기": "optimizer is 옵티마이저",
    r"에폭": "epoch is 에포크",
    r"누적 통계|누적 상태": "running statistics are 이동 평균",
    r"정규 분포": "정규분포 is one word",
    r"표준 편차": "표준편차 is one word",
    r"(?:값|유닛|뉴런)[을를]? ?(?:무작위로 )?떨어뜨": "dropout sets values to 0 (0으로 만든다)",
    r"합쳐진 (?:커널|옵티마이저|연산)": "a fused kernel or optimizer is 융합",
    # The one software update in the book: torchsummary "몇 년째 업데이트되지 않았고".
    r"업데이트(?!되지 않)": "updating parameters is 갱신; 업데이트 is for software only",
    r"원자료|소스 자료": "the works the book draws on are 참고 자료, on the references page",
}

# References to unnamed material, in either edition, outside the references page.
HIDDEN_SOURCES: dict[str, str] = {
    "en": (
        r"\b[Tt]he source(?:'s|s)?\b(?! code)|\b(?:one|some|our) sources?\b"
        r"|\bthis book's (?:main )?sources?\b|\bthe book's main source\b"
        r"|\blecture notes\b|\ba textbook that\b|\bthe original (?:table|text)\b"
    ),
    "ko": (
        r"원자료|이 책이 (?:참고한|바탕으로 삼은)|이 장이 참고한|주요 자료|원래 표"
        r"|어떤 자료는|그 자료의|강의 노트(?!북)"
    ),
}

PAGES = [(lang, path.stem) for lang in EDITIONS for path in sorted((BOOK / lang).glob("*.md"))]


def prose(lang: str, slug: str) -> str:
    """The markdown cells of one page, without code and math."""
    notebook = jupytext.read(BOOK / lang / f"{slug}.md", fmt="md:myst")
    return prose_of(
        "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    )


def prose_of(text: str) -> str:
    """``text`` without code blocks, inline code and math."""
    # code blocks inside markdown; directives such as {note} hold prose and stay
    text = re.sub(r"```(?:\{code(?:-block)?\})?[ \w+-]*\n.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.sub(r"\$[^$\n]*\$", "", text)


def forbidden_terms(text: str) -> list[str]:
    """Return 'term (reason)' for every forbidden Korean term in ``text``."""
    return [
        f"{match.group(0)!r} ({reason})"
        for pattern, reason in FORBIDDEN_KO.items()
        for match in re.finditer(pattern, text)
    ]


def hidden_sources(text: str, lang: str) -> list[str]:
    """Return every phrase in ``text`` that points at an unnamed source."""
    return [match.group(0) for match in re.finditer(HIDDEN_SOURCES[lang], text)]


def test_the_checks_find_what_they_look_for() -> None:
    assert forbidden_terms("결과를 결정적으로 만들려면")
    assert forbidden_terms("샘플 64개 대신 예제 64개를 평균합니다")
    assert forbidden_terms("레이블이 붙은 예제로 신경망을 훈련합니다")
    assert forbidden_terms("값을 무작위로 떨어뜨리는 드롭아웃")
    assert forbidden_terms("옵티마이저가 가중치를 업데이트합니다")
    assert not forbidden_terms("결정론적인 커널과 세 줄짜리 예제, 그리고 이동 평균")
    assert not forbidden_terms("`torchsummary`는 몇 년째 업데이트되지 않았고")
    assert hidden_sources("The source this chapter draws on gives", "en")
    assert hidden_sources("Older texts, such as lecture notes from 2017,", "en")
    assert hidden_sources("A blog post among this book's sources sums up", "en")
    assert not hidden_sources("the source code of the helper", "en")
    assert hidden_sources("이 장이 참고한 원자료에는", "ko")
    assert not hidden_sources("딥러닝 강의 노트북(UvA DL Notebooks)", "ko")
    assert forbidden_terms(prose_of("```{note}\n결정적인 커널\n```"))
    assert not forbidden_terms(prose_of("```python\nx = '결정적'\n```"))


@pytest.mark.parametrize("slug", [slug for lang, slug in PAGES if lang == "ko"])
def test_korean_prose_uses_the_glossary_terms(slug: str) -> None:
    found = forbidden_terms(prose("ko", slug))
    assert not found, f"ko/{slug}: terms the glossary rules out: {found}"


@pytest.mark.parametrize(("lang", "slug"), [p for p in PAGES if p[1] != REFERENCES])
def test_no_unnamed_sources_outside_the_references_page(lang: str, slug: str) -> None:
    found = hidden_sources(prose(lang, slug), lang)
    assert not found, (
        f"{lang}/{slug}: points at material the reader cannot see: {found}; cite the "
        f"references page ({REFERENCES}.md) by name or write a neutral note"
    )


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_references_page_is_in_the_table_of_contents(lang: str) -> None:
    toc = (BOOK.parent / "_toc.yml").read_text(encoding="utf-8")
    assert f"book/{lang}/{REFERENCES}\n" in toc
