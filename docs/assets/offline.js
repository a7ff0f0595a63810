/* Reading offline: registers the site's service worker (sw.js, at the site's root) once the page
   has loaded and the browser is idle, so it never slows the first view; drives the article's
   "keep offline" button; and on the offline page lists the articles this device has kept.
   Without it, or without service workers, the site simply needs the network, as any site does. */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script || !script.dataset.worker) return;
  const worker = new URL(script.dataset.worker, document.baseURI); // the offline page has a <base>

  // Installing the worker fetches and compiles the site's assets: after load, and then only once
  // the browser is idle, it no longer competes with the first paint for the processor.
  const register = () =>
    navigator.serviceWorker.register(worker).catch(() => {
      /* refused (a private window, a policy): the site still reads online */
    });
  function afterLoad(task) {
    const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(task, { timeout: 5000 }) : setTimeout(task, 1000));
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }
  afterLoad(register);

  /** Ask the worker to keep or drop a page; resolves to whether it is kept. */
  async function ask(message) {
    const registration = await navigator.serviceWorker.ready;
    const channel = new MessageChannel();
    const answer = new Promise((resolve) => {
      channel.port1.onmessage = (event) => resolve(Boolean(event.data && event.data.kept));
    });
    registration.active.postMessage(message, [channel.port2]);
    return answer;
  }

  async function cachesNamed(prefix) {
    if (!("caches" in window)) return [];
    const names = (await caches.keys()).filter((name) => name.startsWith(prefix));
    return Promise.all(names.map((name) => caches.open(name)));
  }

  const here = new URL(location.pathname, location.origin).href; // kept without ?mode= or #anchor

  async function isKept(url) {
    for (const cache of await cachesNamed("muwazi-kept-")) if (await cache.match(url)) return true;
    return false;
  }

  /* --- the article's button: pressed while the article is kept --- */

  const keep = document.querySelector("[data-mz-keep]");
  if (keep) {
    const show = (kept) => keep.setAttribute("aria-pressed", String(kept));
    keep.hidden = false; // before the first layout (this runs before Material's script): shown later, it would move the page
    let clicked = false; // a press answers for itself: the first look at the caches must not undo it
    isKept(here).then((kept) => {
      if (!clicked) show(kept); // the caches need no worker: known at once
    });
    keep.addEventListener("click", async () => {
      clicked = true;
      const wanted = keep.getAttribute("aria-pressed") !== "true";
      show(await ask(wanted ? { keep: here } : { drop: here }));
    });
  }

  /* --- the offline page: the articles kept on purpose, then those read recently --- */

  const lists = document.querySelectorAll("[data-mz-saved]");
  if (!lists.length) return;

  const scope = new URL(worker.href.replace(/[^/]*$/, ""));
  const isArticle = (url) => url.pathname.startsWith(scope.pathname + "articles/");

  async function articlesIn(prefix) {
    const found = new Map(); // address → what the list shows; newest first
    for (const cache of await cachesNamed(prefix)) {
      for (const request of (await cache.keys()).reverse()) {
        const url = new URL(request.url);
        if (!isArticle(url) || found.has(url.href)) continue;
        const response = await cache.match(request);
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const article = page.querySelector(".mz-article");
        if (article) found.set(url.href, article.dataset);
      }
    }
    return found;
  }

  function link(href, text, lang, dir) {
    const element = document.createElement("a");
    Object.assign(element, { href, textContent: text, lang, dir, className: `mz-${lang}` });
    return element;
  }

  function item(href, data) {
    const row = document.createElement("li");
    row.className = "mz-row";
    const english = link(href, data.titleEn || "Translation pending", "en", "ltr");
    english.tabIndex = -1; // one stop per article for the keyboard, as in the other lists
    const dates = [
      Object.assign(document.createElement("span"), { textContent: data.dateAr, lang: "ar", dir: "rtl", className: "mz-ar mz-date" }),
      Object.assign(document.createElement("span"), { textContent: data.dateEn, lang: "en", dir: "ltr", className: "mz-en mz-date" }),
    ];
    row.append(link(href, data.titleAr, "ar", "rtl"), english, ...dates);
    return row;
  }

  (async () => {
    const kept = await articlesIn("muwazi-kept-");
    const read = await articlesIn("muwazi-read-");
    for (const href of kept.keys()) read.delete(href);
    for (const list of lists) {
      const found = list.dataset.mzSaved === "kept" ? kept : read;
      list.replaceChildren(...[...found].map(([href, data]) => item(href, data)));
      const none = list.parentElement.querySelector("[data-mz-none]");
      if (none) none.hidden = found.size > 0;
    }
  })();
})();
