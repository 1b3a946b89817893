/*
 * Sijill: Pagefind's default UI in Material's search box (overrides/partials/search.html), on
 * the published site. Pagefind takes its words and direction from <html lang>; its files are
 * the site's own (`data-bundle`). On a phone the box opens over the page like Material's
 * (the `__search` toggle); "/" or "s" focuses it and Escape closes it, as in Material.
 */
(function () {
  "use strict";
  function start() {
    var element = document.getElementById("sijill-search");
    if (!element || typeof PagefindUI === "undefined") return;
    new PagefindUI({
      element: "#sijill-search",
      // Absolute: Pagefind imports its modules from it, and "../pagefind/" is no module path.
      bundlePath: new URL(element.getAttribute("data-bundle"), document.baseURI).href,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      excerptLength: 24,
      ranking: JSON.parse(element.getAttribute("data-ranking") || "{}"),
    });
    var toggle = document.getElementById("__search");
    var input = function () {
      return element.querySelector("input");
    };
    element.addEventListener("focusin", function () {
      if (toggle) toggle.checked = true;
    });
    document.addEventListener("keydown", function (event) {
      var box = input();
      if (!box) return;
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === "Escape" && element.contains(document.activeElement)) {
        if (toggle) toggle.checked = false;
        box.blur();
      } else if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
        box.focus();
      }
    }, true);
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && input()) input().focus();
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
