// Every region that scrolls can be reached and scrolled with the keyboard
// (WCAG 2.1.1): a wide formula, a code cell or an output wider than a phone,
// a wide table. Whether a box scrolls depends on the window's width, so the
// tab stops follow it.
(() => {
  const SELECTOR = [
    ".bd-article pre",
    ".bd-article div.math",
    ".bd-article .katex-display",
    ".bd-article .cell_output",
    ".bd-article .output",
    ".bd-article .pst-scrollable-table-container",
    ".bd-article .table-wrapper",
  ].join(",");

  const scrolls = (el) => {
    const style = getComputedStyle(el);
    const x = el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(style.overflowX);
    const y = el.scrollHeight > el.clientHeight + 1 && /auto|scroll/.test(style.overflowY);
    return x || y;
  };

  const update = () => {
    for (const el of document.querySelectorAll(SELECTOR)) {
      if (scrolls(el)) {
        if (!el.hasAttribute("tabindex")) {
          el.setAttribute("tabindex", "0");
          el.dataset.bookScrollStop = "";
        }
      } else if ("bookScrollStop" in el.dataset) {
        el.removeAttribute("tabindex");
        delete el.dataset.bookScrollStop;
      }
    }
  };

  let pending = 0;
  const schedule = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  };
  if (document.readyState === "complete") update();
  else window.addEventListener("load", update);
  window.addEventListener("resize", schedule);
})();
