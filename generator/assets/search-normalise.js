/*
 * Sijill: normalise Arabic search queries the way the search index was normalised at build
 * time (generator/languages/arabic.py, `normalise`): NFC, no diacritics (tashkeel) or Quranic
 * marks, no tatweel, one form of alef. tests/test_arabic.py holds the two to the same characters.
 * Runs in the capture phase, before Material's own listeners read the query.
 */
(function () {
  "use strict";
  var MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;
  var ALEFS = /[\u0622\u0623\u0625\u0671]/g;
  function normalise(text) {
    return text.normalize("NFC").replace(MARKS, "").replace(ALEFS, "\u0627");
  }
  function onInput(event) {
    var input = event.target;
    if (!input || input.getAttribute("data-md-component") !== "search-query") return;
    var value = normalise(input.value);
    if (value !== input.value) {
      var end = input.selectionEnd;
      var removed = input.value.length - value.length;
      input.value = value;
      if (typeof end === "number") input.setSelectionRange(end - removed, end - removed);
    }
  }
  ["input", "keyup", "focus", "change"].forEach(function (name) {
    document.addEventListener(name, onInput, true);
  });
})();
