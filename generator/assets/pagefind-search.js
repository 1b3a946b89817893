/*
 * Sijill: Pagefind's default UI in Material's search box (overrides/partials/search.html), on
 * the published site. Pagefind takes its words and direction from <html lang>; its files are
 * the site's own (`data-bundle`). On a phone the box opens over the page like Material's
 * (the `__search` toggle); "/" or "s" focuses it and Escape closes it, as in Material.
 */
(function () {
  "use strict";
  // A large site is indexed in shards, each a bundle of its own that the main bundle lists
  // (generator/mkdocs/pagefind.py, SHARDS_FILE): merged at query time.
  function shards(bundle) {
    return fetch(bundle + "sijill-shards.json")
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; })
      .then(function (list) { return list.map(function (path) { return bundle + path; }); });
  }
  function start() {
    var element = document.getElementById("sijill-search");
    if (!element || typeof PagefindUI === "undefined") return;
    // Absolute: Pagefind imports its modules from it, and "../pagefind/" is no module path.
    var bundle = new URL(element.getAttribute("data-bundle"), document.baseURI).href;
    var keys = keyboard(element);
    shards(bundle).then(function (merged) {
      ui(element, bundle, merged);
      keys.ready();
    });
  }
  // "/" or "s" focuses the box and Escape closes it, as in Material; listened to from the
  // start, so that a key pressed while the shards' list loads is not lost.
  function keyboard(element) {
    var wanted = false;
    var input = function () {
      return element.querySelector(".pagefind-ui__search-input");
    };
    var toggle = document.getElementById("__search");
    document.addEventListener("keydown", function (event) {
      var box = input();
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === "Escape" && element.contains(document.activeElement)) {
        if (toggle) toggle.checked = false;
        if (box) box.blur();
      } else if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
        if (box) box.focus();
        else wanted = true;
      }
    }, true);
    return {
      ready: function () {
        if (wanted && input()) input().focus();
      },
    };
  }
  function ui(element, bundle, merged) {
    new PagefindUI({
      element: "#sijill-search",
      bundlePath: bundle,
      mergeIndex: merged.map(function (path) { return { bundlePath: path }; }),
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      excerptLength: 24,
      ranking: JSON.parse(element.getAttribute("data-ranking") || "{}"),
      // Pagefind's Arabic stemmer folds أ إ آ into ا but not alef wasla ٱ (as
      // generator/languages/arabic.py does): the query's only, the results are as written.
      processTerm: function (term) {
        return term.replace(/\u0671/g, "\u0627");
      },
    });
    var input = function () {
      return element.querySelector(".pagefind-ui__search-input");
    };
    // Pagefind's box has a title and a placeholder only: screen readers need a name.
    var named = input();
    if (named) named.setAttribute("aria-label", element.getAttribute("data-label") || "");
    suggestions(element, merged);
    var toggle = document.getElementById("__search");
    element.addEventListener("focusin", function () {
      if (toggle) toggle.checked = true;
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && input()) input().focus();
      });
    }
  }
  /*
   * Pagefind matches words and their beginnings, never a misspelling: when a query finds
   * nothing, the closest names are those of the people and countries (the pages with a
   * "names" field) that the beginning of each word finds ("Larijni" -> "Lari" -> Ali Larijani).
   */
  function suggestions(element, merged) {
    var box = element.parentNode.querySelector(".sijill-suggest");
    var list = box && box.querySelector("span");
    if (!list) return;
    var bundle = new URL(element.getAttribute("data-bundle"), document.baseURI).href;
    var pagefind = null;
    var latest = 0;
    async function suggest(query) {
      var asked = ++latest;
      box.hidden = true;
      list.textContent = "";
      var words = query.trim().split(/\s+/).filter(function (word) { return word.length >= 4; });
      if (!words.length) return;
      if (!pagefind) {
        pagefind = await import(bundle + "pagefind.js");
        for (var m = 0; m < merged.length; m++) await pagefind.mergeIndex(merged[m]);
      }
      var found = await pagefind.search(query);
      if (asked !== latest || found.results.length) return;
      var seen = {};
      var names = [];
      for (var i = 0; i < words.length; i++) {
        var start = words[i].slice(0, Math.max(3, Math.ceil(words[i].length / 2)));
        var near = await pagefind.search(start);
        for (var j = 0; j < near.results.length && j < 10; j++) {
          var data = await near.results[j].data();
          if (data.meta.names && !seen[data.url]) {
            seen[data.url] = true;
            names.push(data);
          }
        }
      }
      if (asked !== latest || !names.length) return;
      names.slice(0, 5).forEach(function (data, index) {
        if (index) list.appendChild(document.createTextNode(" · "));
        var link = document.createElement("a");
        link.href = data.url;
        link.textContent = data.meta.title;
        list.appendChild(link);
      });
      box.hidden = false;
    }
    var timer = null;
    element.addEventListener("input", function (event) {
      clearTimeout(timer);
      var query = event.target.value;
      timer = setTimeout(function () { suggest(query); }, 400);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
