/* Search page: Pagefind's index, loaded in small pieces only when a query is made.
   Queries are folded with the same table the build uses for Arabic (hamza forms, ى/ي, ة/ه,
   diacritics, tatweel, digits), which the page carries in data-folding. */
(function () {
  "use strict";
  var list = document.querySelector(".mz-search-results");
  if (!list) return;
  var form = document.querySelector(".mz-search-form");
  var input = document.getElementById("mz-query");
  var status = document.querySelector(".mz-search-status");
  var folding = JSON.parse(list.dataset.folding);
  var bundle = new URL(list.dataset.bundle, document.baseURI);
  var engines = null;
  var asked = 0; /* the latest query's number: an earlier query's late results are not shown over it */
  var FIRST = 6; /* results shown before the rest are fetched */
  var LIMIT = 20; /* results shown in all */

  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      out += Object.prototype.hasOwnProperty.call(folding, c) ? folding[c] : c;
    }
    return out;
  }

  /* The index is in parts (the glossary's, the older articles' by year, oldest first, then the
     newest month's), listed in parts.json, and searched in two tiers, each one Pagefind engine with
     its other parts merged into it (mergeIndex): the glossary and the newest month, whose results
     show at once, then the older articles, whose results follow theirs. Pagefind's time grows with the pages a query matches,
     and a name matches much of a large archive. */
  function load() {
    if (!engines) {
      var base = { baseUrl: new URL("..", bundle).pathname };
      var listed = fetch(new URL("parts.json", bundle)).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
      /* a promise of the list of tiers, each a promise of its engine: the first tier searches
         as soon as its own engine is ready */
      engines = listed.then(function (listing) {
        var parts = listing.parts.map(function (name) { return new URL(name + "/", bundle); });
        var tiers = parts.length > 2 ? [[parts[0], parts[parts.length - 1]], parts.slice(1, -1)] : [parts];
        return tiers.map(function (tier) { return engine(tier, base); });
      });
      engines
        .then(function (tiers) { return Promise.all(tiers); })
        .catch(function () { engines = null; }); /* offline, say: the next query tries again */
    }
    return engines;
  }

  /* One engine per tier: each part's folder has its own copy of Pagefind's module, so importing
     it from another part gives another engine (and its own worker). */
  function engine(parts, base) {
    return import(new URL("pagefind.js", parts[0]).href).then(function (pagefind) {
      return pagefind.options(base).then(function () {
        return Promise.all(parts.slice(1).map(function (part) { return pagefind.mergeIndex(part.pathname, base); }));
      }).then(function () { return pagefind; });
    });
  }

  function say(ar, en) {
    status.innerHTML = "";
    var a = document.createElement("span"); a.lang = "ar"; a.dir = "rtl"; a.textContent = ar;
    var e = document.createElement("span"); e.lang = "en"; e.dir = "ltr"; e.textContent = en;
    status.append(a, " · ", e);
  }

  /* The hidden spellings at the end of a page's text (after SPELLINGS, see _macros.j2) find a page
     whatever spelling it used, but are no words to show a reader: an excerpt drawn from them gives
     way to the page's opening words. */
  var SPELLINGS = "⁂";

  function ownText(content) {
    var end = content.indexOf(SPELLINGS);
    return (end < 0 ? content : content.slice(0, end)).replace(/\s+/g, " ");
  }

  function shown(data, text) {
    var squeezed = function (words) { return words.replace(/\s+/g, ""); };
    return squeezed(ownText(data.content)).indexOf(squeezed(text)) >= 0;
  }

  function opening(content) {
    var words = ownText(content).trim().split(" ");
    return words.slice(0, 30).join(" ") + (words.length > 30 ? " …" : "");
  }

  function show(results) {
    list.innerHTML = "";
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.className = "mz-search-title";
      var arabic = document.createElement("span");
      arabic.lang = "ar"; arabic.dir = "rtl";
      arabic.textContent = data.meta.title || data.url;
      link.append(arabic);
      if (data.meta.title_en) {
        var english = document.createElement("span");
        english.lang = "en"; english.dir = "ltr"; english.className = "mz-search-title-en";
        english.textContent = data.meta.title_en;
        link.append(english);
      }
      var excerpt = document.createElement("p");
      excerpt.className = "mz-search-excerpt";
      excerpt.dir = "auto";
      excerpt.innerHTML = data.excerpt; /* Pagefind escapes the text and adds only <mark> */
      if (!shown(data, excerpt.textContent)) excerpt.textContent = opening(data.content);
      item.append(link, excerpt);
      list.append(item);
    });
  }

  function run(query) {
    var term = fold(query.trim());
    if (!term) return;
    var mine = ++asked;
    say("جارٍ البحث…", "Searching…");
    var started = performance.now();
    var shown = [];
    var count = 0;
    function counted(last) {
      if (count) say("النتائج: " + count + (last ? "" : "…"), count + (count === 1 ? " result" : " results") + (last ? "" : "…"));
      else if (last) say("لا نتائج", "No results");
    }
    /* Each tier's results after the tier before's: the first few at once, the rest after them
       (each needs its own small fetch), up to LIMIT in all. */
    function add(found, last) {
      if (mine !== asked) return null;
      count += found.results.length;
      var wanted = found.results.slice(0, LIMIT - shown.length);
      var first = shown.length ? [] : wanted.slice(0, FIRST);
      return Promise.all(first.map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== asked) return null;
        if (data.length) {
          shown = data;
          show(shown);
          list.dataset.milliseconds = String(Math.round(performance.now() - started));
        }
        counted(last);
        return Promise.all(wanted.slice(first.length).map(function (r) { return r.data(); }));
      }).then(function (rest) {
        if (mine !== asked || !rest || !rest.length) return;
        shown = shown.concat(rest);
        show(shown);
      });
    }
    load()
      .then(function (tiers) {
        /* one tier after the other, so that the first has the processor to itself */
        return tiers.reduce(function (before, tier, at) {
          return before.then(function () { return tier; }).then(function (pagefind) {
            return mine === asked ? pagefind.search(term).then(function (found) { return add(found, at === tiers.length - 1); }) : null;
          });
        }, Promise.resolve());
      })
      .catch(function () { say("تعذّر تحميل فهرس البحث", "The search index could not be loaded"); });
  }

  /* Fetch the engine while the reader is still typing, and the index chunks for what is typed. */
  var typing = null;
  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var term = fold(input.value.trim());
      if (term) load().then(function (tiers) { tiers.forEach(function (tier) { tier.then(function (pagefind) { pagefind.preload(term); }); }); });
    }, 150);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; run(initial); }
})();
