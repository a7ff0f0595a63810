/* Muwazi's reader: reading modes, partner and actor highlighting, permalinks, sharing, citations
   and the printed footer. No dependencies; the pages read fine without it (side by side), and the
   controls it drives are hidden until it runs. Everything it needs is in data- attributes. */
(() => {
  "use strict";

  const MODES = ["side", "stacked", "ar", "en"];
  const KEY = "muwazi.mode";
  const root = document.documentElement;
  const article = document.querySelector(".mz-article");

  const STATUS = {
    reviewed: ["راجعها محرر", "reviewed by an editor"],
    machine: ["ترجمة آلية لم تُراجع", "machine translation, not reviewed"],
    pending: ["قيد الإعداد", "pending"],
  };

  /* --- reading modes: ?mode= wins, then the remembered choice, then side by side --- */

  function remembered() {
    try {
      return localStorage.getItem(KEY);
    } catch {
      return null; // storage may be off; the mode then lasts for this page only
    }
  }

  function remember(mode) {
    try {
      localStorage.setItem(KEY, mode);
    } catch {
      /* nothing to keep it in */
    }
  }

  function askedMode() {
    const asked = new URLSearchParams(location.search).get("mode");
    return MODES.includes(asked) ? asked : null;
  }

  function currentMode() {
    return root.dataset.mzMode || "side";
  }

  function showMode(mode) {
    root.dataset.mzMode = mode;
    for (const radio of document.querySelectorAll('input[name="mz-mode"]')) radio.checked = radio.value === mode;
  }

  const switches = document.querySelectorAll("[data-mz-modes]");
  if (switches.length) {
    const kept = remembered();
    showMode(askedMode() || (MODES.includes(kept) ? kept : "side"));
    for (const control of switches) {
      control.hidden = false;
      control.addEventListener("change", (event) => {
        const mode = event.target.value;
        showMode(mode);
        remember(mode);
        if (askedMode()) history.replaceState(null, "", pageUrl(location.hash.slice(1), true));
      });
    }
  }

  /* --- URLs --- */

  /** This page's address with an anchor; with the reading mode when it is not the default. */
  function pageUrl(anchor, withMode) {
    const url = new URL(location.pathname, location.origin);
    if (withMode && currentMode() !== "side") url.searchParams.set("mode", currentMode());
    if (anchor) url.hash = anchor;
    return url.href;
  }

  function shareLinks(url, title, text) {
    const q = encodeURIComponent;
    return {
      email: `mailto:?subject=${q(title)}&body=${q(`${text}\n\n${url}`)}`,
      whatsapp: `https://wa.me/?text=${q(`${text}\n${url}`)}`,
      telegram: `https://t.me/share/url?url=${q(url)}&text=${q(text)}`,
      x: `https://x.com/intent/post?text=${q(text)}&url=${q(url)}`,
      facebook: `https://www.facebook.com/sharer/sharer.php?u=${q(url)}`,
    };
  }

  /* --- the text of a row, for sharing and citing --- */

  const squeeze = (text) => text.replace(/\s+/g, " ").trim();

  function rowText(row) {
    if (row.id === "top") return [article.dataset.titleAr, article.dataset.titleEn];
    const english = row.querySelector(":scope > .mz-en > :not(.mz-flag)");
    return [squeeze(row.querySelector(":scope > .mz-ar").textContent), english ? squeeze(english.textContent) : ""];
  }

  function statusOf(row) {
    const status = Object.keys(STATUS).find((name) => row.classList.contains(`mz-${name}`)) || "pending";
    return STATUS[status];
  }

  /** The paragraph in both languages, then where it comes from: title, date, address, translation status. */
  function citation(row) {
    const data = article.dataset;
    const [arabic, english] = rowText(row);
    const [statusAr, statusEn] = statusOf(row);
    return [
      arabic,
      "",
      english,
      "",
      `${data.titleAr} — ${data.titleEn}`,
      `${data.dateAr} · ${data.dateEn}`,
      pageUrl(row.id, false),
      `English translation: ${statusEn} · الترجمة الإنجليزية: ${statusAr}`,
    ].join("\n");
  }

  /* --- copying, with a spoken and visible confirmation --- */

  const status = document.querySelector(".mz-status");
  let statusTimer;

  function say(ar, en) {
    if (!status) return;
    status.replaceChildren(span(ar, "ar", "rtl"), " · ", span(en, "en", "ltr"));
    status.classList.add("mz-shown");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(() => status.classList.remove("mz-shown"), 2500);
  }

  function span(text, lang, dir) {
    const element = document.createElement("span");
    Object.assign(element, { textContent: text, lang, dir });
    return element;
  }

  async function copy(text, ar, en) {
    try {
      await navigator.clipboard.writeText(text);
      say(ar, en);
    } catch {
      say("تعذّر النسخ", "Could not copy");
    }
  }

  /* --- the share menu: the Web Share API where there is one, else ordinary links --- */

  const menu = document.getElementById("mz-share");
  let shared = null; // {url, title, text} of what the open menu shares
  let opener = null;

  function openMenu(button, row) {
    const [arabic, english] = rowText(row);
    const title = `${article.dataset.titleAr} · ${article.dataset.titleEn}`;
    const text = row.id === "top" ? title : `${arabic}\n${english}`;
    shared = { url: pageUrl(row.id === "top" ? "" : row.id, true), title, text };
    if (navigator.share) {
      navigator.share(shared).catch(() => {}); // cancelled by the reader: nothing to do
      return;
    }
    const links = shareLinks(shared.url, shared.title, shared.text);
    for (const link of menu.querySelectorAll("[data-mz-via]")) link.href = links[link.dataset.mzVia];
    const what = row.id === "top" ? ["المقال", "the article"] : rowLabel(row);
    menu.querySelector(".mz-share-what").replaceChildren(span(what[0], "ar", "rtl"), " · ", span(what[1], "en", "ltr"));
    opener = button;
    menu.showPopover();
    menu.querySelector("button, a").focus();
  }

  function rowLabel(row) {
    const number = row.id.slice(1);
    return row.classList.contains("mz-heading") ? [`العنوان الفرعي ${number}`, `subheading ${number}`] : [`الفقرة ${number}`, `paragraph ${number}`];
  }

  if (menu) {
    menu.addEventListener("toggle", (event) => {
      if (event.newState === "closed" && opener) {
        opener.focus();
        opener = null;
      }
    });
  }

  /* --- the row tools: the article's own, copied to each paragraph and subheading (pages stay
     small, and without JavaScript there is no button that would do nothing); one listener --- */

  const articleTools = document.querySelector('[data-mz-tools="top"]');
  if (article && articleTools) {
    for (const row of article.querySelectorAll(".mz-row.mz-paragraph[id], .mz-row.mz-heading[id]")) {
      const tools = articleTools.cloneNode(true);
      const [arabic, english] = rowLabel(row);
      tools.dataset.mzTools = row.id;
      for (const what of tools.querySelectorAll("[data-mz-what]")) what.textContent = what.closest("[lang]").lang === "ar" ? arabic : english;
      if (row.classList.contains("mz-heading")) tools.querySelector('[data-mz-do="cite"]').remove();
      tools.querySelector("[data-mz-keep]")?.remove(); // the article's alone (offline.js)
      row.append(tools);
    }
  }
  for (const tools of document.querySelectorAll("[data-mz-tools]")) tools.hidden = false;

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-mz-do]");
    if (!button || !article) return;
    const action = button.dataset.mzDo;
    if (action === "copy") {
      copy(shared.url, "نُسخ الرابط", "Link copied");
      menu.hidePopover();
    } else if (action === "close") {
      menu.hidePopover();
    } else {
      const anchor = button.closest("[data-mz-tools]").dataset.mzTools;
      const row = document.getElementById(anchor);
      if (action === "link") {
        copy(pageUrl(anchor, true), "نُسخ الرابط", "Link copied");
        history.replaceState(null, "", pageUrl(anchor, Boolean(askedMode())));
      } else if (action === "share") {
        openMenu(button, row);
      } else if (action === "cite") {
        copy(citation(row), "نُسخ النص مع التوثيق", "Copied with citation");
      }
    }
  });

  /* --- an actor mention lights up every mention of the same actor, in both columns --- */

  function lightActor(event, on) {
    const mention = event.target.closest && event.target.closest("a[data-actor]");
    if (!mention) return;
    for (const other of document.querySelectorAll(`a[data-actor="${CSS.escape(mention.dataset.actor)}"]`)) {
      other.classList.toggle("mz-lit", on);
    }
  }

  document.addEventListener("mouseover", (event) => lightActor(event, true));
  document.addEventListener("mouseout", (event) => lightActor(event, false));
  document.addEventListener("focusin", (event) => lightActor(event, true));
  document.addEventListener("focusout", (event) => lightActor(event, false));

  /* --- Material's search dialog has no accessible name; give it one in both languages --- */

  for (const dialog of document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
    dialog.setAttribute("aria-label", "بحث · Search");
  }

  /* --- the printed page's running footer: title, date and address in the page margin --- */

  if (article) {
    const quoted = (text) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\A ")}"`;
    const data = article.dataset;
    // A constructed style sheet: the page's Content-Security-Policy (style-src 'self') refuses <style>.
    const footer = new CSSStyleSheet({ media: "print" });
    footer.replaceSync(`@page {
      @bottom-right { content: ${quoted(`${data.titleAr}\n${data.dateAr}`)}; }
      @bottom-left { content: ${quoted(`${data.titleEn}\n${data.dateEn}`)}; }
      @bottom-center { content: ${quoted(pageUrl("", false))} "\\A " counter(page) " / " counter(pages); }
    }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, footer];
  }
})();
