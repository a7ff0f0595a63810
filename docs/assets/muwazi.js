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
    if (chosenUnit(row)) return unitText(row, chosenUnit(row));
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
      pageUrl(anchorOf(row), false),
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
    shared = { url: pageUrl(row.id === "top" ? "" : anchorOf(row), true), title, text };
    if (navigator.share) {
      navigator.share(shared).catch(() => {}); // cancelled by the reader: nothing to do
      return;
    }
    const links = shareLinks(shared.url, shared.title, shared.text);
    for (const link of menu.querySelectorAll("[data-mz-via]")) link.href = links[link.dataset.mzVia];
    const what = row.id === "top" ? ["المقال", "the article"] : chosenUnit(row) ? unitLabel(row, chosenUnit(row)) : rowLabel(row);
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
     small, and without JavaScript there is no button that would do nothing); one listener.
     They are copied once the page has loaded and the browser is idle, or at the reader's first
     move if that comes sooner: Material's script restyles the whole page several times as it
     starts, and each time it would restyle the copies too. Until they come, muwazi.css keeps
     their place, so nothing moves. --- */

  const articleTools = document.querySelector('[data-mz-tools="top"]');
  const rowTools = articleTools && articleTools.cloneNode(true); // before the title's own loses its step button
  let toolsCopied = !article || !rowTools;

  function copyTools() {
    if (toolsCopied) return;
    toolsCopied = true;
    for (const row of article.querySelectorAll(".mz-row.mz-paragraph[id], .mz-row.mz-heading[id]")) {
      const tools = rowTools.cloneNode(true);
      const [arabic, english] = rowLabel(row);
      tools.dataset.mzTools = row.id;
      for (const what of tools.querySelectorAll("[data-mz-what]")) what.textContent = what.closest("[lang]").lang === "ar" ? arabic : english;
      if (row.classList.contains("mz-heading")) for (const only of tools.querySelectorAll('[data-mz-do="cite"], [data-mz-do="card"]')) only.remove();
      if (!row.querySelector(".mz-unit")) tools.querySelector('[data-mz-do="unit"]').remove();
      tools.querySelector("[data-mz-keep]")?.remove(); // the article's alone (offline.js)
      tools.hidden = false;
      row.append(tools);
    }
    if (chosen) nameTools(chosen.row); // a unit opened by its address before the copies came
  }

  if (article && articleTools) articleTools.querySelector('[data-mz-do="unit"]').remove();
  for (const tools of document.querySelectorAll("[data-mz-tools]")) tools.hidden = false;
  if (!toolsCopied) {
    for (const type of ["pointerover", "touchstart", "focusin", "keydown"]) addEventListener(type, copyTools, { once: true, capture: true, passive: true });
    const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(copyTools, { timeout: 1000 }) : setTimeout(copyTools, 200));
    if (document.readyState === "complete") idle();
    else addEventListener("load", idle, { once: true });
  }

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
      const row = document.getElementById(button.closest("[data-mz-tools]").dataset.mzTools);
      const anchor = anchorOf(row);
      if (action === "link") {
        copy(pageUrl(anchor, true), "نُسخ الرابط", "Link copied");
        history.replaceState(null, "", pageUrl(anchor, Boolean(askedMode())));
      } else if (action === "share") {
        openMenu(button, row);
      } else if (action === "cite") {
        copy(citation(row), "نُسخ النص مع التوثيق", "Copied with citation");
      } else if (action === "card") {
        quoteCard(row).catch(() => say("تعذّر رسم الصورة", "Could not draw the quote card"));
      } else if (action === "unit") {
        stepUnit(row, 1);
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

  /* --- units: the sentences (or runs of clauses) of a paragraph, aligned with their translation.
     A row cut into units holds <span class="mz-unit" data-unit="N"> in both languages, the Arabic
     one with the id pN-M. Hovering, focusing (a mention inside it) or tapping a unit lights it and
     its partner; tapping, selecting text inside it, its row's step button or its address (#pN-M)
     makes it the row's chosen unit, which the row's tools then link, cite, share and draw.
     The spans are never focusable and carry no role: a screen reader reads the paragraph as
     prose, and the keyboard reaches the units through one button per row (Enter: the next unit;
     arrow keys: next and previous; Escape: back to the whole paragraph), which the status line
     names as it moves. --- */

  let chosen = null; // {row, unit} of the chosen unit, or null

  function chosenUnit(row) {
    return chosen && chosen.row === row ? chosen.unit : 0;
  }

  /** The address of what the row's tools act on: its chosen unit, or the row itself. */
  function anchorOf(row) {
    const unit = chosenUnit(row);
    return unit ? `${row.id}-${unit}` : row.id;
  }

  function partsOf(row, unit) {
    return row.querySelectorAll(`:scope > :is(.mz-ar, .mz-en) .mz-unit[data-unit="${unit}"]`);
  }

  function unitCount(row) {
    return row.querySelectorAll(":scope > .mz-ar .mz-unit").length;
  }

  function unitText(row, unit) {
    const text = (lang) => {
      const part = row.querySelector(`:scope > .mz-${lang} .mz-unit[data-unit="${unit}"]`);
      return part ? squeeze(part.textContent) : "";
    };
    return [text("ar"), text("en")];
  }

  function unitLabel(row, unit) {
    const [arabic, english] = rowLabel(row);
    return [`الجملة ${unit} من ${arabic}`, `sentence ${unit} of ${english}`];
  }

  /** Name in the row's tools (but the step button, which always steps through the row) what they act on. */
  function nameTools(row) {
    const tools = row.querySelector(":scope > [data-mz-tools]");
    if (!tools) return;
    const [arabic, english] = chosenUnit(row) ? unitLabel(row, chosenUnit(row)) : rowLabel(row);
    for (const what of tools.querySelectorAll('[data-mz-do]:not([data-mz-do="unit"]) [data-mz-what]')) {
      what.textContent = what.closest("[lang]").lang === "ar" ? arabic : english;
    }
  }

  function light(row, unit, name, on) {
    for (const part of partsOf(row, unit)) part.classList.toggle(name, on);
  }

  function choose(row, unit) {
    if (chosen) {
      const before = chosen.row;
      light(before, chosen.unit, "mz-unit-on", false);
      chosen = null;
      nameTools(before);
    }
    if (!row || !unit) return;
    chosen = { row, unit };
    light(row, unit, "mz-unit-on", true);
    nameTools(row);
  }

  /** The part of the unit a reader sees: the Arabic, unless only the English shows. */
  function shownPart(row, unit) {
    return [...partsOf(row, unit)].find((part) => part.getClientRects().length) || null;
  }

  function stepUnit(row, by) {
    const count = unitCount(row);
    if (!count) return;
    const next = (chosenUnit(row) + by + count + 1) % (count + 1); // 0: the whole paragraph again
    choose(row, next);
    if (next) {
      const part = shownPart(row, next);
      if (part) part.scrollIntoView({ block: "nearest" });
      say(`الجملة ${next} من ${count}`, `Sentence ${next} of ${count}`);
    } else {
      say("الفقرة كلها", "The whole paragraph");
    }
  }

  const unitAt = (node) => {
    const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
    return element && element.closest(".mz-article .mz-row .mz-unit[data-unit]");
  };
  const rowOf = (part) => part.closest(".mz-row");

  function hover(event, on) {
    const part = unitAt(event.target);
    if (!part) return;
    const into = unitAt(event.relatedTarget);
    if (into && rowOf(into) === rowOf(part) && into.dataset.unit === part.dataset.unit) return; // still inside it
    light(rowOf(part), part.dataset.unit, "mz-unit-hover", on);
  }

  document.addEventListener("mouseover", (event) => hover(event, true));
  document.addEventListener("mouseout", (event) => hover(event, false));
  document.addEventListener("focusin", (event) => hover(event, true));
  document.addEventListener("focusout", (event) => hover(event, false));

  // A tap or click on a unit chooses it (again: the whole paragraph); anywhere else in the article
  // but the tools and the share menu, nothing is chosen. A click that ends a selection leaves the
  // choice to the selection.
  document.addEventListener("click", (event) => {
    if (!article || event.target.closest("[data-mz-tools], #mz-share, a[href]")) return;
    const selection = getSelection();
    if (selection && !selection.isCollapsed) return;
    const part = unitAt(event.target);
    if (!part) return choose(null, 0);
    const row = rowOf(part);
    const unit = Number(part.dataset.unit);
    choose(row, chosenUnit(row) === unit ? 0 : unit);
  });

  // Text selected inside one unit (from either language) chooses that unit.
  document.addEventListener("selectionchange", () => {
    const selection = getSelection();
    if (!selection || selection.isCollapsed) return;
    const start = unitAt(selection.anchorNode);
    const end = unitAt(selection.focusNode);
    if (start && start === end) choose(rowOf(start), Number(start.dataset.unit));
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && chosen && !(menu && menu.matches(":popover-open"))) return choose(null, 0);
    const button = event.target.closest && event.target.closest('[data-mz-do="unit"]');
    if (!button) return;
    const by = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
    if (!by) return;
    event.preventDefault(); // the arrows move between units here, not the page
    stepUnit(document.getElementById(button.closest("[data-mz-tools]").dataset.mzTools), by);
  });

  /** Opening …#p8-2 chooses that unit and brings it into view (the English, if only it shows). */
  function openUnit() {
    const target = location.hash.length > 1 && document.getElementById(location.hash.slice(1)); // unit ids are ASCII
    const part = target && target.matches(".mz-unit[data-unit]") ? target : null;
    if (!part) return;
    const row = rowOf(part);
    choose(row, Number(part.dataset.unit));
    const shown = shownPart(row, Number(part.dataset.unit));
    if (shown && shown !== part) shown.scrollIntoView({ block: "start" });
  }

  if (article) {
    openUnit();
    addEventListener("hashchange", openUnit);
    // comfort.js's j and k step through the units too: an "mz-unit" event on the row names the
    // unit to choose (0: the whole paragraph).
    article.addEventListener("mz-unit", (event) => {
      const row = event.target;
      choose(row, event.detail);
      const part = event.detail && shownPart(row, event.detail);
      if (part) part.scrollIntoView({ block: "nearest" });
    });
  }

  /* --- the quote card: the chosen unit (or the row) drawn on a canvas in the page's own fonts
     and colours, the Arabic above its English, with the site's name, the date and the link;
     shared as a file where the browser can, downloaded otherwise --- */

  const CARD_WIDTH = 1200;
  const CARD_PAD = 80;

  /** The words of a text in lines no wider than `width`, as the context's font measures them. */
  function wrapped(context, text, width) {
    const lines = [];
    let line = "";
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const longer = line ? `${line} ${word}` : word;
      if (line && context.measureText(longer).width > width) {
        lines.push(line);
        line = word;
      } else {
        line = longer;
      }
    }
    if (line) lines.push(line);
    return lines;
  }

  /** The largest of the sizes at which the text takes at most `most` lines, and its lines (cut, with «…», at the smallest). */
  function fitted(context, text, family, sizes, most) {
    let lines = [];
    for (const size of sizes) {
      context.font = `400 ${size}px ${family}`;
      lines = wrapped(context, text, CARD_WIDTH - 2 * CARD_PAD);
      if (lines.length <= most) return { size, lines };
    }
    const size = sizes[sizes.length - 1];
    return { size, lines: [...lines.slice(0, most - 1), `${lines[most - 1]} …`] };
  }

  async function drawCard(arabic, english, link) {
    const style = getComputedStyle(article);
    const colour = (name) => style.getPropertyValue(name).trim();
    const arFamily = style.getPropertyValue("--mz-ar-font").trim() || "serif";
    const enFamily = style.getPropertyValue("--mz-en-font").trim() || "serif";
    await Promise.all([document.fonts.load(`400 40px ${arFamily}`, arabic), document.fonts.load(`400 28px ${enFamily}`, english)]);
    await document.fonts.ready;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d");
    const ar = fitted(context, arabic, arFamily, [52, 46, 40, 34, 30], 9);
    const en = fitted(context, english, enFamily, [32, 28, 25, 22], 9);
    const arLine = Math.round(ar.size * 1.9);
    const enLine = Math.round(en.size * 1.5);
    const footer = 110;
    const height = Math.max(630, CARD_PAD + ar.lines.length * arLine + 56 + en.lines.length * enLine + footer + CARD_PAD / 2);
    canvas.width = CARD_WIDTH;
    canvas.height = height;
    context.fillStyle = colour("--mz-card-bg");
    context.fillRect(0, 0, CARD_WIDTH, height);
    context.fillStyle = colour("--mz-card-accent");
    context.fillRect(CARD_WIDTH - 16, 0, 16, height); // the reading edge of the Arabic
    context.textBaseline = "alphabetic";
    context.fillStyle = colour("--mz-card-fg");
    context.direction = "rtl";
    context.textAlign = "right";
    context.font = `400 ${ar.size}px ${arFamily}`;
    let y = CARD_PAD + ar.size * 1.2;
    for (const line of ar.lines) {
      context.fillText(line, CARD_WIDTH - CARD_PAD, y);
      y += arLine;
    }
    y += 56 - arLine + en.size * 1.2;
    context.direction = "ltr";
    context.textAlign = "left";
    context.font = `400 ${en.size}px ${enFamily}`;
    for (const line of en.lines) {
      context.fillText(line, CARD_PAD, y);
      y += enLine;
    }
    const base = height - CARD_PAD / 2 - 20;
    context.fillStyle = colour("--mz-card-rule");
    context.fillRect(CARD_PAD, base - 62, CARD_WIDTH - 2 * CARD_PAD, 2);
    context.fillStyle = colour("--mz-card-muted");
    context.font = `400 22px ${enFamily}`;
    context.fillText(`${siteName()} · ${article.dataset.dateEn}`, CARD_PAD, base);
    context.fillText(link.replace(/^https?:\/\//, ""), CARD_PAD, base - 28);
    context.direction = "rtl";
    context.textAlign = "right";
    context.font = `400 26px ${arFamily}`;
    context.fillText(article.dataset.dateAr, CARD_WIDTH - CARD_PAD, base);
    return canvas;
  }

  function siteName() {
    const meta = document.querySelector('meta[property="og:site_name"]');
    return meta ? meta.content : location.host;
  }

  async function quoteCard(row) {
    const [arabic, english] = rowText(row);
    const link = pageUrl(row.id === "top" ? "" : anchorOf(row), false);
    const canvas = await drawCard(arabic, english, link);
    const blob = await new Promise((done) => canvas.toBlob(done, "image/png"));
    const name = `${article.dataset.article}-${anchorOf(row)}.png`;
    const file = new File([blob], name, { type: "image/png" });
    if (navigator.canShare && navigator.share && navigator.canShare({ files: [file] })) {
      try {
        await navigator.share({ files: [file], title: `${article.dataset.titleAr} · ${article.dataset.titleEn}`, text: link });
        return;
      } catch (error) {
        if (error.name === "AbortError") return; // the reader cancelled
      }
    }
    const download = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.append(download);
    download.click();
    download.remove();
    setTimeout(() => URL.revokeObjectURL(download.href), 60000);
    say("نُزّلت صورة الاقتباس", "Quote card downloaded");
  }

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
