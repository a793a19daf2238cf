// Search results as short excerpts: of each result, keep the title and at
// most two blocks (or list items, at any depth) that hold a match, not the
// whole section, so the match is on screen even on a phone. Material renders
// a result's whole section; Zensical shows excerpts of its own.
(function () {
  "use strict";
  var KEEP = 2;

  function isFrame(el) {  // the result's title and icon: never hidden
    return /^H[1-6]$/.test(el.tagName) || el.classList.contains("md-search-result__icon");
  }

  function trimLists(el) {  // inside a kept block, only the lists and items that match
    var lists = Array.prototype.slice.call(el.querySelectorAll("ul, ol"));
    if (el.tagName === "UL" || el.tagName === "OL") {
      lists.unshift(el);
    }
    lists.forEach(function (list) {
      if (!list.querySelector("mark")) {
        list.hidden = true;
      } else {
        Array.prototype.forEach.call(list.children, function (item) {
          item.hidden = !item.querySelector("mark");
        });
      }
    });
  }

  function keepMatches(children) {
    var kept = 0;
    Array.prototype.forEach.call(children, function (el) {
      if (isFrame(el)) {
        return;
      }
      if (kept < KEEP && el.querySelector("mark")) {
        kept += 1;
        trimLists(el);
      } else {
        el.hidden = true;
      }
    });
    return kept;
  }

  function excerpt(article) {
    if (article.dataset.curExcerpt) {
      return;
    }
    article.dataset.curExcerpt = "1";
    if (!keepMatches(article.children)) {
      var first = Array.prototype.find.call(article.children, function (el) { return !isFrame(el); });
      if (first) {
        first.hidden = false;  // the match is in the title: a short teaser of the text
        first.classList.add("cur-search-teaser");
      }
    }
  }

  new MutationObserver(function () {
    document.querySelectorAll(".md-search-result__article").forEach(excerpt);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
