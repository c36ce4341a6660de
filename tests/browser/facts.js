() => {
  // Facts about the rendered page, for tests/browser.
  const article = document.querySelector("article.bd-article") || document.body;
  const hangul = /[\uac00-\ud7a3]/;
  const facts = { lang: document.documentElement.lang };

  // Math: every formula typeset by KaTeX, no raw TeX left, no KaTeX error.
  const math = [...document.querySelectorAll("span.math, div.math")];
  facts.math = math.length;
  facts.untypeset = math
    .filter((el) => !el.querySelector(".katex"))
    .map((el) => el.textContent.slice(0, 60));
  facts.katexErrors = document.querySelectorAll(".katex-error").length;

  // Prose: the text of paragraphs, list items, headings, table cells and
  // captions, without code and math, must not show Markdown's asterisks.
  const prose = article.querySelectorAll(
    "p, li, h1, h2, h3, h4, dt, dd, td, th, figcaption, .admonition-title"
  );
  facts.literalEmphasis = [];
  for (const el of prose) {
    if (el.closest("pre, .cell_output, .highlight")) continue;
    const clone = el.cloneNode(true);
    clone.querySelectorAll("code, pre, .katex, .math").forEach((c) => c.remove());
    const text = clone.textContent;
    const hit = text.match(/.{0,20}(\*\*|__).{0,20}/);
    if (hit) facts.literalEmphasis.push(hit[0]);
  }

  // Images: loaded, with a real description.
  facts.images = [...article.querySelectorAll("img")].map((img) => ({
    src: img.getAttribute("src"),
    alt: img.getAttribute("alt") || "",
    loaded: img.complete && img.naturalWidth > 0,
  }));

  // Code inputs that would need a horizontal scrollbar.
  facts.overflowingCode = [...document.querySelectorAll(".cell_input pre")]
    .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
    .map((pre) => {
      const longest = pre.textContent
        .split("\n")
        .reduce((a, b) => (b.length > a.length ? b : a), "");
      return `${longest.length} chars: ${longest.slice(0, 50)}`;
    });
  facts.overflowingOutputs = [...document.querySelectorAll(".cell_output pre")]
    .filter((pre) => pre.scrollWidth > pre.clientWidth + 1).length;
  facts.pageScrollWidth = document.scrollingElement.scrollWidth;
  facts.viewportWidth = window.innerWidth;

  // Korean typography: line breaking and the paragraph used for the font probe.
  const firstP = article.querySelector("section p");
  facts.wordBreak = firstP ? getComputedStyle(firstP).wordBreak : null;
  // A Korean paragraph, or on an English page the book's bilingual title.
  const title = document.querySelector(".logo__title");
  const probe =
    [...article.querySelectorAll("section p")].find(
      (p) => hangul.test(p.textContent) && !p.closest(".cell_output")
    ) || (title && hangul.test(title.textContent) ? title : null);
  if (probe) probe.setAttribute("data-hangul-probe", "");
  facts.hasHangulProbe = Boolean(probe);

  // Navigation.
  const abs = (a) => new URL(a.getAttribute("href"), location.href).href;
  facts.langSwitch = [...document.querySelectorAll("a.book-lang-switch")].map(abs);
  facts.sidebar = [...document.querySelectorAll("nav.bd-docs-nav a[href]")].map(abs);
  facts.prevNext = [...document.querySelectorAll("a.left-prev, a.right-next")].map(abs);
  facts.alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')].map(
    (l) => l.hreflang
  );
  facts.searchForm = [...document.querySelectorAll("form.bd-search")].map((f) => f.action);
  facts.labels = [...document.querySelectorAll(".search-button__default-text")].map(
    (s) => s.textContent.trim()
  );
  return facts;
}
