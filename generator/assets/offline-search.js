/*
 * Sijill: the offline bundle's search, from file:// (overrides/partials/search.html, when
 * `extra.sijill.offline_search`). Pagefind's modules and WebAssembly do not load from disk, so
 * the index is a set of classic scripts (generator/search/): a query loads the head, the shards
 * of its words' first letters, and the text of the results it shows, never the whole index.
 *
 * The same page markup and weights as the published site's Pagefind search: names first, every
 * word of the query on the page (a word matches the terms it begins), Arabic matched folded
 * with the generator's own rules (`head.rules`, from generator/search/terms.py) and shown as
 * written. Text reaches the page as text nodes only, never as markup.
 */
(function () {
  "use strict";
  var K1 = 1.2;
  var B = 0.75;
  var SHOWN = 10; // results drawn at a time
  var EXCERPT = 24; // words

  var loaded = {};
  var waiting = {};
  window.sijillSearch = {
    // The query's terms, for tests/test_offline_browser.py to hold against the generator's.
    Terms: null,
    load: function (name, data) {
      loaded[name] = data;
      (waiting[name] || []).forEach(function (done) { done[0](data); });
      delete waiting[name];
    },
  };

  function Index(folder) {
    this.folder = folder;
  }
  Index.prototype.need = function (name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    var folder = this.folder;
    return new Promise(function (resolve, reject) {
      if (!waiting[name]) {
        waiting[name] = [];
        var script = document.createElement("script");
        script.src = folder + name + ".js";
        script.onerror = function () {
          (waiting[name] || []).forEach(function (done) { done[1](new Error(name)); });
          delete waiting[name];
        };
        document.head.appendChild(script);
      }
      waiting[name].push([resolve, reject]);
    });
  };

  // --- terms: generator/search/terms.py, with its rules as data ---------------------------
  function Terms(rules) {
    this.drop = new Set(Array.from(rules.drop));
    this.map = rules.map;
    this.articles = rules.articles;
    this.rest = rules.articleRest;
    this.below = rules.accentedBelow;
  }
  Terms.prototype.fold = function (text) {
    var out = "";
    for (var ch of text.normalize("NFC")) {
      if (this.drop.has(ch)) continue;
      if (Object.prototype.hasOwnProperty.call(this.map, ch)) out += this.map[ch];
      else if (ch.codePointAt(0) < this.below) out += ch.normalize("NFD").replace(/\p{Mn}/gu, "").toLowerCase();
      else out += ch;
    }
    return out;
  };
  Terms.prototype.term = function (word) {
    for (var i = 0; i < this.articles.length; i++) {
      var article = this.articles[i];
      if (word.startsWith(article) && word.length - article.length >= this.rest) return word.slice(article.length);
    }
    return word;
  };
  Terms.prototype.terms = function (text) {
    var self = this;
    return (this.fold(text).match(/[\p{L}\p{N}]+/gu) || []).map(function (word) { return self.term(word); });
  };

  window.sijillSearch.Terms = Terms;

  function shardOf(key, shards) {
    var value = 0x811c9dc5;
    for (var ch of key) {
      value ^= ch.codePointAt(0);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % shards;
  }

  // --- the query ---------------------------------------------------------------------------
  Index.prototype.search = async function (query) {
    var head = await this.need("head");
    var terms = this.terms || (this.terms = new Terms(head.rules));
    var words = Array.from(new Set(terms.terms(query))).filter(function (word) { return word.length >= 2; });
    if (!words.length) return { words: [], results: [] };
    var self = this;
    var shards = await Promise.all(words.map(function (word) {
      return self.need("t" + shardOf(word.slice(0, head.prefix), head.shards));
    }));
    var matches = words.map(function (word, i) { return match(word, shards[i]); });
    var total = head.pages.length;
    var results = [];
    var first = matches[0];
    first.docs.forEach(function (doc) {
      var score = 0;
      var named = 0;
      var allNamed = true;
      for (var i = 0; i < matches.length; i++) {
        var found = matches[i];
        if (!found.docs.has(doc)) return;
        var idf = Math.log(1 + (total - found.docs.size + 0.5) / (found.docs.size + 0.5));
        var tf = found.weights.get(doc) || 0;
        var length = head.pages[doc][2] / head.averageLength;
        score += idf * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * length));
        var name = found.names.get(doc) || 0;
        if (!name) allNamed = false;
        named += idf * name;
      }
      // A page whose names hold every word of the query is the page of that name.
      score += allNamed ? 2 * named : named;
      results.push({ doc: doc, score: score, named: named > 0 });
    });
    results.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { words: words, results: results };
  };

  // The pages of the terms that `word` begins, with their weights (an exact term counts whole,
  // a longer one by the share of it the word covers), and the pages whose names hold it.
  function match(word, shard) {
    var docs = new Set();
    var weights = new Map();
    var names = new Map();
    function collect(table, into, best) {
      for (var term in table) {
        if (!term.startsWith(word)) continue;
        var share = word.length / term.length;
        var list = table[term];
        for (var i = 0; i < list.length; i += 2) {
          var doc = list[i];
          var value = list[i + 1] * share;
          docs.add(doc);
          into.set(doc, best ? Math.max(into.get(doc) || 0, value) : (into.get(doc) || 0) + value);
        }
      }
    }
    collect(shard.t, weights, false);
    collect(shard.n, names, true);
    return { docs: docs, weights: weights, names: names };
  }

  // The page's words around its first match, as text and <mark> nodes.
  Index.prototype.excerpt = async function (doc, words) {
    var head = await this.need("head");
    var chunk = await this.need("x" + Math.floor(doc / head.chunk));
    var text = chunk[doc % head.chunk];
    var terms = this.terms;
    var tokens = [];
    var pattern = /[\p{L}\p{M}\p{N}]+/gu;
    var found;
    while ((found = pattern.exec(text))) tokens.push([found.index, found.index + found[0].length, found[0]]);
    var hit = function (token) {
      var term = terms.term(terms.fold(token[2]));
      return words.some(function (word) { return term.startsWith(word); });
    };
    var at = tokens.findIndex(hit);
    var start = Math.max(0, (at < 0 ? 0 : at) - Math.floor(EXCERPT / 3));
    var end = Math.min(tokens.length, start + EXCERPT);
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (i > start) fragment.appendChild(document.createTextNode(text.slice(tokens[i - 1][1], tokens[i][0])));
      if (hit(tokens[i])) {
        var mark = document.createElement("mark");
        mark.textContent = tokens[i][2];
        fragment.appendChild(mark);
      } else {
        fragment.appendChild(document.createTextNode(tokens[i][2]));
      }
    }
    if (end < tokens.length) fragment.appendChild(document.createTextNode(" …"));
    return fragment;
  };

  // --- the box -----------------------------------------------------------------------------
  function start() {
    var box = document.getElementById("sijill-offline-search");
    if (!box) return;
    var root = box.getAttribute("data-root");
    var index = new Index(root + "sijill-search/");
    var input = box.querySelector("input");
    var list = box.querySelector(".md-search-result__list");
    var meta = box.querySelector(".md-search-result__meta");
    var filters = box.querySelector(".sijill-search-filters");
    var suggest = box.querySelector(".sijill-suggest");
    var more = box.querySelector(".sijill-search-more");
    var toggle = document.getElementById("__search");
    var label = function (name) { return box.getAttribute("data-" + name) || ""; };
    var asked = 0;
    var current = null;
    var chosen = {};

    function counted(count) {
      return count === 1 ? label("one") : label("other").replace("#", count.toLocaleString(document.documentElement.lang));
    }

    async function run() {
      var query = input.value;
      var mine = ++asked;
      var found = await index.search(query);
      if (mine !== asked) return;
      current = found;
      drawFilters(found);
      await draw(found, 0);
      if (mine === asked) await suggestNames(query, found, mine);
    }

    function kept(found) {
      var head = loaded.head;
      return found.results.filter(function (result) {
        var values = head.pages[result.doc][3];
        for (var name in chosen) {
          if (chosen[name] === "") continue;
          if (!(values[name] || []).includes(Number(chosen[name]))) return false;
        }
        return true;
      });
    }

    function drawFilters(found) {
      var head = loaded.head;
      filters.textContent = "";
      if (!found.results.length) return;
      Object.keys(head.filters).forEach(function (name) {
        var counts = {};
        found.results.forEach(function (result) {
          (head.pages[result.doc][3][name] || []).forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        var values = Object.keys(counts);
        if (!values.length) return;
        var field = document.createElement("label");
        field.className = "sijill-search-filter";
        field.appendChild(document.createTextNode(name + " "));
        var select = document.createElement("select");
        select.setAttribute("data-filter", name);
        var any = document.createElement("option");
        any.value = "";
        any.textContent = label("any");
        select.appendChild(any);
        values.sort(function (a, b) { return head.filters[name][a].localeCompare(head.filters[name][b], document.documentElement.lang); });
        values.forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = head.filters[name][value] + " (" + counts[value].toLocaleString(document.documentElement.lang) + ")";
          select.appendChild(option);
        });
        if (chosen[name] && counts[chosen[name]]) select.value = chosen[name];
        else delete chosen[name];
        select.addEventListener("change", function () {
          chosen[name] = select.value;
          draw(current, 0);
        });
        field.appendChild(select);
        filters.appendChild(field);
      });
    }

    async function draw(found, from) {
      var results = kept(found);
      if (!from) list.textContent = "";
      var shown = results.slice(from, from + SHOWN);
      var head = loaded.head;
      for (var i = 0; i < shown.length; i++) {
        var page = head.pages[shown[i].doc];
        var item = document.createElement("li");
        item.className = "md-search-result__item";
        var link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = root + page[0];
        var article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        var title = document.createElement("h1");
        title.textContent = page[1];
        var excerpt = document.createElement("p");
        excerpt.className = "sijill-search-excerpt";
        excerpt.appendChild(await index.excerpt(shown[i].doc, found.words));
        article.appendChild(title);
        article.appendChild(excerpt);
        link.appendChild(article);
        item.appendChild(link);
        list.appendChild(item);
      }
      // Last: the count and the query drawn say the results are there (tests wait for it).
      meta.textContent = input.value.trim() ? counted(results.length) : label("initial");
      box.setAttribute("data-drawn", input.value);
      more.hidden = from + SHOWN >= results.length;
      more.onclick = function () { draw(found, from + SHOWN); };
    }

    // Words and their beginnings only, never a misspelling: when nothing is found, the names
    // that the beginning of each word finds ("Larijni" -> "Lari" -> Ali Larijani).
    async function suggestNames(query, found, mine) {
      var names = suggest.querySelector("span");
      suggest.hidden = true;
      names.textContent = "";
      if (found.results.length) return;
      var words = query.trim().split(/\s+/).filter(function (word) { return word.length >= 4; });
      var seen = new Set();
      var offered = [];
      for (var i = 0; i < words.length; i++) {
        var begins = words[i].slice(0, Math.max(3, Math.ceil(words[i].length / 2)));
        var near = await index.search(begins);
        near.results.slice(0, 10).forEach(function (result) {
          if (result.named && !seen.has(result.doc)) {
            seen.add(result.doc);
            offered.push(result.doc);
          }
        });
      }
      if (mine !== asked || !offered.length) return;
      offered.slice(0, 5).forEach(function (doc, n) {
        if (n) names.appendChild(document.createTextNode(" · "));
        var link = document.createElement("a");
        link.href = root + loaded.head.pages[doc][0];
        link.textContent = loaded.head.pages[doc][1];
        names.appendChild(link);
      });
      suggest.hidden = false;
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("focus", function () {
      if (toggle) toggle.checked = true;
    });
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === "Escape" && box.contains(document.activeElement)) {
        if (toggle) toggle.checked = false;
        input.blur();
      } else if (!typing && (event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        event.stopImmediatePropagation();
        if (toggle) toggle.checked = true;
        input.focus();
      }
    }, true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
