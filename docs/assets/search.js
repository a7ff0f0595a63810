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
  var engine = null;
  var FIRST = 6; /* results shown before the rest are fetched */

  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      out += Object.prototype.hasOwnProperty.call(folding, c) ? folding[c] : c;
    }
    return out;
  }

  /* The index is in parts (a year of articles each, and the glossary's), listed in parts.json:
     the first part's engine searches them all, the others merged into it (Pagefind's mergeIndex). */
  function load() {
    if (!engine) {
      var base = { baseUrl: new URL("..", bundle).pathname };
      engine = fetch(new URL("parts.json", bundle))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (listing) {
          var parts = listing.parts.map(function (name) { return new URL(name + "/", bundle); });
          return import(new URL("pagefind.js", parts[0]).href).then(function (pagefind) {
            return pagefind.options(base).then(function () {
              return Promise.all(parts.slice(1).map(function (part) { return pagefind.mergeIndex(part.pathname, base); }));
            }).then(function () { return pagefind; });
          });
        });
      engine.catch(function () { engine = null; }); /* offline, say: the next query tries again */
    }
    return engine;
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
    say("جارٍ البحث…", "Searching…");
    var started = performance.now();
    load()
      .then(function (pagefind) { return pagefind.search(term); })
      .then(function (search) {
        /* The first few results at once, the rest after them: each needs its own small fetch. */
        var wanted = search.results.slice(0, 20);
        return Promise.all(wanted.slice(0, FIRST).map(function (r) { return r.data(); })).then(function (first) {
          show(first);
          list.dataset.milliseconds = String(Math.round(performance.now() - started));
          var count = search.results.length;
          if (count) say("النتائج: " + count, count + (count === 1 ? " result" : " results"));
          else say("لا نتائج", "No results");
          return Promise.all(wanted.slice(FIRST).map(function (r) { return r.data(); })).then(function (rest) {
            if (rest.length) show(first.concat(rest));
          });
        });
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
      if (term) load().then(function (pagefind) { pagefind.preload(term); });
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
