/* Keyboard and touch access to what Material shows on hover, and to parts that scroll sideways.
 * Plain script, no dependencies, works offline and from file://. See docs/developer/accessibility.md.
 *
 * - Glossary words (<abbr title>, from swkb/site/tooltips.py) become Tab stops: Material's
 *   content.tooltips opens a word's tooltip on focus (and links it with aria-describedby), so a
 *   keyboard user, and a touch user who taps the word, reads the definition too. Escape hides it.
 * - A timeline or table wider than the screen becomes a Tab stop while it overflows, so it can be
 *   scrolled with the arrow keys; it stops being one when the window is wide enough. */
(function () {
  "use strict";

  var SCROLLERS = ".swkb-timeline, .md-typeset__scrollwrap";

  function focusableWords() {
    document.querySelectorAll(".md-typeset abbr[title]").forEach(function (word) {
      if (!word.hasAttribute("tabindex")) word.setAttribute("tabindex", "0");
    });
  }

  function markScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      var overflows = box.scrollWidth > box.clientWidth + 1;
      if (overflows && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-swkb-scroll", "");
      } else if (!overflows && box.hasAttribute("data-swkb-scroll")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-swkb-scroll");
      }
    });
  }

  function hideTooltipOnEscape(event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".md-tooltip2--active").forEach(function (tip) {
      tip.classList.remove("md-tooltip2--active");
    });
  }

  function init() {
    focusableWords();
    markScrollers();
    window.addEventListener("load", markScrollers);  // Material may wrap tables after this runs
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) cancelAnimationFrame(pending);
      pending = requestAnimationFrame(markScrollers);
    });
    document.addEventListener("keydown", hideTooltipOnEscape);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
