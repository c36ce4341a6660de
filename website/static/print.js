// Print in the light theme, whatever the screen's mode: dark text on white
// paper, and the light rendering of every figure (website/static/print.css).
(() => {
  let screenTheme = null;
  window.addEventListener("beforeprint", () => {
    screenTheme = document.documentElement.dataset.theme;
    document.documentElement.dataset.theme = "light";
  });
  window.addEventListener("afterprint", () => {
    if (screenTheme) document.documentElement.dataset.theme = screenTheme;
  });
})();
