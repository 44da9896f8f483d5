// Search with Pagefind in a dialog. Pagefind's UI (about 130 KB) loads on the
// first open, not with every page. "/" or "s" opens search; Esc closes it.
// A page opened from a result (?highlight=word) marks the words it matched.
// Facets (kind of page, country, theme, year, review; generator/render/facets.py) narrow the results;
// the address keeps the search and its facets (?q=CSTO&country=Kyrgyzstan), so a search can be shared.
(function () {
  "use strict";
  const dialog = document.querySelector("dialog.briefing-search");
  const opener = document.querySelector(".briefing-search-open");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;
  // Absolute: Pagefind import()s from it, and "pagefind/x.js" alone is not a URL to import().
  const bundle = new URL(dialog.dataset.bundle, location.href).href;
  let ui = null;
  const FACETS = ["kind", "country", "theme", "year", "review"];
  const params = new URLSearchParams(location.search);
  let term = params.get("q") || "";
  // The reader's facets, kept here: Pagefind's interface tells nothing when a box is ticked.
  const selected = {};
  FACETS.forEach(function (facet) {
    const values = params.getAll(facet);
    if (values.length) selected[facet] = values;
  });

  function writeAddress() {
    const next = new URLSearchParams(location.search);
    next.delete("q");
    FACETS.forEach(function (facet) { next.delete(facet); });
    if (term) next.set("q", term);
    FACETS.forEach(function (facet) {
      (selected[facet] || []).forEach(function (value) { next.append(facet, value); });
    });
    const query = next.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  // A result's tags in a reader's order: what kind of page, then its date (Pagefind sorts them by name).
  function orderedMeta(result) {
    const meta = result.meta || {};
    const ordered = { title: meta.title };
    if (meta.kind) ordered.kind = meta.kind;
    if (meta.date) ordered.date = meta.date;
    result.meta = ordered;
    return result;
  }

  function addStylesheet(href) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    document.head.append(link);
  }

  // A big site's index comes in several bundles (generator/site_search.py); merge them all.
  function extraBundles() {
    return fetch(bundle + "bundles.json")
      .then(function (response) { return response.ok ? response.json() : []; })
      .catch(function () { return []; })
      .then(function (folders) {
        return folders.map(function (folder) {
          return { bundlePath: new URL(folder, new URL(dialog.dataset.base, location.href)).href };
        });
      });
  }

  // A Russian page carries the dictionary forms of its words for the index, each marked "·"
  // (generator/russian_names.py). They are for finding, not for reading: an excerpt drops them and
  // says which form matched.
  const FORM = /\s*(?:<mark>)?·\p{L}[^\s<]*(?:<\/mark>)?/gu;
  const MATCHED_FORM = /<mark>·([\p{L}\p{N}-]+)[^<]*<\/mark>/gu;

  function withoutForms(excerpt) {
    if (!excerpt || excerpt.indexOf("·") < 0) return excerpt;
    const matched = Array.from(excerpt.matchAll(MATCHED_FORM), function (m) { return m[1]; });
    const text = excerpt.replace(FORM, "").trim();
    if (!matched.length) return text;
    const note = "found by the dictionary form «" + Array.from(new Set(matched)).join("», «") + "»";
    return text ? text + " (" + note + ")" : note.charAt(0).toUpperCase() + note.slice(1);
  }

  function readableResult(result) {
    result.excerpt = withoutForms(result.excerpt);
    (result.sub_results || []).forEach(function (sub) { sub.excerpt = withoutForms(sub.excerpt); });
    return result;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }

  function loadUi() {
    if (ui) return ui;
    addStylesheet(bundle + "pagefind-ui.css");
    ui = Promise.all([extraBundles(), loadScript(bundle + "pagefind-ui.js")]).then(function (loaded) {
      return new PagefindUI({
        element: "#briefing-search",
        bundlePath: bundle,
        // Pagefind stores URLs from the site root; the site may live in a subfolder.
        baseUrl: new URL(dialog.dataset.base, location.href).pathname,
        showImages: false,
        showSubResults: true,
        excerptLength: 24,
        highlightParam: "highlight",
        resetStyles: false,
        mergeIndex: loaded[0],
        processResult: function (result) { return orderedMeta(readableResult(result)); },
        processTerm: function (searched) {
          term = searched;
          writeAddress();
          return searched;
        },
        openFilters: FACETS,
        translations: { placeholder: "Search sources, countries, themes, names" },
      });
    });
    return ui;
  }

  dialog.addEventListener("change", function (event) {
    const box = event.target;
    if (!box.matches(".pagefind-ui__filter-checkbox")) return;
    const values = new Set(selected[box.name] || []);
    if (box.checked) values.add(box.value); else values.delete(box.value);
    if (values.size) selected[box.name] = Array.from(values); else delete selected[box.name];
    writeAddress();
  });
  dialog.addEventListener("input", function (event) {
    if (event.target.matches(".pagefind-ui__search-input") && !event.target.value) {
      term = "";
      writeAddress();
    }
  });

  function open(query) {
    if (!dialog.open) dialog.showModal();
    loadUi().then(function (search) {
      const input = dialog.querySelector("input");
      if (Object.keys(selected).length) search.triggerFilters(selected);
      if (query) {
        search.triggerSearch(query);
      }
      if (input) input.focus();
    });
  }

  opener.hidden = false;
  opener.addEventListener("click", function () { open(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close();  // a click on the backdrop
  });
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key !== "/" && event.key !== "s") return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    open();
  });

  if (term) open(term);  // shareable searches: ?q=CSTO&country=Kyrgyzstan
  if (params.has("highlight")) {
    import(bundle + "pagefind-highlight.js").then(function (module) {
      new module.default({ highlightParam: "highlight" });
      // A match inside a closed <details> (a source's inferred values) would be marked but hidden: open it.
      document.querySelectorAll("mark.pagefind-highlight").forEach(function (mark) {
        const details = mark.closest("details");
        if (details) details.open = true;
      });
      if (location.hash) return;  // a sub-result link already scrolls to its heading
      const first = document.querySelector("mark.pagefind-highlight");
      if (first) first.scrollIntoView({ block: "center" });
    });
  }
})();
