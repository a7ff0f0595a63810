/* Reading comfort: the text size, and moving through an article with the keyboard. No
   dependencies; without it the page reads at its normal size and Tab still reaches everything.
   The themes are Material's own palette toggle (mkdocs.yml), not this file's. */
(() => {
  "use strict";

  const root = document.documentElement;
  const article = document.querySelector(".mz-article");

  /* --- text size: the remembered step on every page, the controls beside the reading mode --- */

  const SIZES = ["90", "100", "115", "130", "150"];
  const SIZE_KEY = "muwazi.size";

  function rememberedSize() {
    try {
      return localStorage.getItem(SIZE_KEY);
    } catch {
      return null; // storage may be off; the size then lasts for this page only
    }
  }

  function rememberSize(size) {
    try {
      localStorage.setItem(SIZE_KEY, size);
    } catch {
      /* nothing to keep it in */
    }
  }

  function showSize(size) {
    if (size === "100") delete root.dataset.mzSize;
    else root.dataset.mzSize = size;
    for (const radio of document.querySelectorAll('input[name="mz-size"]')) radio.checked = radio.value === size;
  }

  const kept = rememberedSize();
  showSize(SIZES.includes(kept) ? kept : "100");
  for (const control of document.querySelectorAll("[data-mz-sizes]")) {
    control.hidden = false;
    control.addEventListener("change", (event) => {
      showSize(event.target.value);
      rememberSize(event.target.value);
    });
  }

  /* --- the keyboard: j/k (or Alt+↓/↑) from row to row, or sentence to sentence where a row has
     them; Enter or c copies the row's link, s shares it, ? lists the keys --- */

  if (!article) return;

  const KEYS = [
    [["j", "Alt+↓"], "الفقرة أو الجملة التالية", "Next paragraph or sentence"],
    [["k", "Alt+↑"], "الفقرة أو الجملة السابقة", "Previous paragraph or sentence"],
    [["Enter", "c"], "انسخ رابط الفقرة أو الجملة", "Copy the link to the paragraph or sentence"],
    [["s"], "شارك الفقرة أو الجملة", "Share the paragraph or sentence"],
    [["?"], "هذه القائمة", "This list"],
    [["Esc"], "أغلق القائمة", "Close the list"],
  ];

  /** Where j and k stop, in reading order: each row, or each unit (sentence) of a row cut into
      them, as [row, unit] (unit 0: the whole row). */
  function stops() {
    return [...article.querySelectorAll(".mz-row[id]")].flatMap((row) => {
      const units = row.querySelectorAll(":scope > .mz-ar .mz-unit[data-unit]");
      return units.length ? [...units].map((unit) => [row, Number(unit.dataset.unit)]) : [[row, 0]];
    });
  }

  /** The row that has the focus (or holds it), and its chosen unit (muwazi.js lights it). */
  function focusedRow() {
    const row = document.activeElement && document.activeElement.closest && document.activeElement.closest(".mz-article .mz-row[id]");
    if (!row) return null;
    const on = row.querySelector(":scope > .mz-ar .mz-unit.mz-unit-on[data-unit]");
    return [row, on ? Number(on.dataset.unit) : 0];
  }

  /** Where the reader is among the stops: a whole number at a stop, a half between two (a row
      cut into units whose whole is chosen stands just before its first unit). */
  function position(all) {
    const here = focusedRow();
    if (!here) return null;
    const at = all.findIndex(([row, unit]) => row === here[0] && unit === here[1]);
    if (at >= 0) return at;
    const first = all.findIndex(([row]) => row === here[0]);
    return first < 0 ? null : first - 0.5;
  }

  /** The first stop in view, for a reader who has scrolled before pressing a key. */
  function firstInView(all) {
    const index = all.findIndex(([row]) => row.getBoundingClientRect().bottom > 64);
    return index < 0 ? all.length - 1 : index;
  }

  function focusStop([row, unit]) {
    if (!row.hasAttribute("tabindex")) row.tabIndex = -1;
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
    row.dispatchEvent(new CustomEvent("mz-unit", { detail: unit, bubbles: true })); // muwazi.js chooses it
  }

  function move(step) {
    const all = stops();
    if (!all.length) return;
    const at = position(all);
    const next = at === null ? firstInView(all) : step > 0 ? Math.floor(at) + 1 : Math.ceil(at) - 1;
    focusStop(all[Math.min(all.length - 1, Math.max(0, next))]);
  }

  /** A button of the focused row's tools (the title's are the article's, in the toolbar); they act
      on its chosen unit, if one is. */
  function rowTool(action) {
    const here = focusedRow();
    if (!here) return null;
    return document.querySelector(`[data-mz-tools="${CSS.escape(here[0].id)}"] [data-mz-do="${action}"]`);
  }

  /* The list of keys: a real dialog, in both languages, made when first asked for. */
  let dialog = null;

  function text(tag, ar, en, className) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    const arabic = Object.assign(document.createElement("span"), { textContent: ar, lang: "ar", dir: "rtl" });
    const english = Object.assign(document.createElement("span"), { textContent: en, lang: "en", dir: "ltr" });
    element.append(arabic, " · ", english);
    return element;
  }

  function keysDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "mz-keys";
    dialog.setAttribute("aria-labelledby", "mz-keys-title");
    const title = text("h2", "اختصارات لوحة المفاتيح", "Keyboard shortcuts", "mz-keys-title");
    title.id = "mz-keys-title";
    const list = document.createElement("dl");
    for (const [keys, ar, en] of KEYS) {
      const term = document.createElement("dt");
      term.dir = "ltr";
      keys.forEach((key, index) => {
        if (index) term.append(" / ");
        term.append(Object.assign(document.createElement("kbd"), { textContent: key }));
      });
      list.append(term, text("dd", ar, en));
    }
    const close = text("button", "إغلاق", "Close", "mz-share-close");
    close.type = "button";
    close.addEventListener("click", () => dialog.close());
    dialog.append(title, list, close);
    (document.querySelector(".md-typeset") || document.body).append(dialog);
    return dialog;
  }

  function showKeys() {
    const opener = document.activeElement;
    const shown = keysDialog();
    shown.addEventListener("close", () => opener && opener.focus && opener.focus({ preventScroll: true }), { once: true });
    shown.showModal();
  }

  /* Letters by their place on the keyboard too, so they work on an Arabic layout. */
  const LETTERS = { KeyJ: "j", KeyK: "k", KeyC: "c", KeyS: "s" };

  function typing(target) {
    return target instanceof Element && Boolean(target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])"));
  }

  function claimed(event) {
    if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      return { ArrowDown: "next", ArrowUp: "previous" }[event.key];
    }
    if (event.ctrlKey || event.altKey || event.metaKey) return undefined;
    if (event.key === "?") return "keys";
    const letter = /^[a-z]$/i.test(event.key) ? event.key.toLowerCase() : LETTERS[event.code];
    if (event.shiftKey && letter) return undefined;
    return { j: "next", k: "previous", c: "copy", s: "share", Enter: "enter" }[letter || event.key];
  }

  // On window, capturing: before Material's own keys (its «s» would open a search this site has not).
  window.addEventListener(
    "keydown",
    (event) => {
      if (event.defaultPrevented || event.isComposing || typing(event.target)) return;
      if (document.querySelector("dialog[open], :popover-open")) return; // Esc and Tab belong to the open dialog
      let action = claimed(event);
      if (action === "enter") {
        // Enter copies only when a row itself has the focus; on a link or button it is theirs.
        const here = focusedRow();
        if (!here || here[0] !== document.activeElement) return;
        action = "copy";
      }
      if (!action) return;
      const tool = action === "copy" ? rowTool("link") : action === "share" ? rowTool("share") : null;
      if ((action === "copy" || action === "share") && !tool) return;
      event.preventDefault();
      event.stopPropagation();
      if (action === "next") move(1);
      else if (action === "previous") move(-1);
      else if (action === "keys") showKeys();
      else tool.click();
    },
    true,
  );
})();
