/* Copy-link buttons beside heading permalinks, citations and numbered source paragraphs, and a button that
 * copies each page's citation.
 *
 * A progressive enhancement: without JavaScript the links themselves still work, so
 * nothing in the pages depends on this file. No dependencies, nothing fetched from
 * anywhere. It runs on the page as loaded and, should Material's instant navigation
 * ever be switched on, again on every page it swaps in (document$).
 */
(function () {
  "use strict";

  var CITATION = /#p\d+$/; // citations and paragraph numbers link to #p<N> of a source page
  var MARK = "data-briefing-copy"; // set on links that already have their button
  var SVG = "http://www.w3.org/2000/svg";
  // Material Design Icons "link-variant" (Apache 2.0, as bundled with Material), inline so nothing is fetched.
  var ICON = "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5.003 5.003 0 0 1 0-7.07l3.54-3.54a5.003 5.003 0 0 1 7.07 0 5.003 5.003 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a2.98 2.98 0 0 0 0-4.24 2.98 2.98 0 0 0-4.24 0l-3.53 3.53a2.98 2.98 0 0 0 0 4.24m2.82-4.24c.39-.39" +
    " 1.03-.39 1.42 0a5.003 5.003 0 0 1 0 7.07l-3.54 3.54a5.003 5.003 0 0 1-7.07 0 5.003 5.003 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a2.98 2.98 0 0 0 0 4.24 2.98 2.98 0 0 0 4.24 0l3.53-3.53a2.98 2.98 0 0 0 0-4.24.973.973 0 0 1 0-1.42";
  var status = null; // the one live region that announces "Link copied"
  var hideTimer = 0;

  function text(node) {
    return (node.textContent || "").replace(/\s+/g, " ").trim();
  }

  // What the button copies, said in words for screen readers and as a tooltip.
  function labelFor(link, kind) {
    if (kind === "heading") {
      var heading = link.parentNode.cloneNode(true);
      Array.prototype.forEach.call(heading.querySelectorAll(".headerlink, .briefing-copy"), function (n) {
        n.remove();
      });
      return "Copy link to the section “" + text(heading) + "”";
    }
    var number = link.getAttribute("href").match(/\d+$/)[0];
    var words = text(link);
    if (kind === "paragraph" || words === number || words === "¶" + number) {
      return "Copy link to paragraph " + number;
    }
    return "Copy link to " + words;
  }

  function makeButton(link, kind) {
    var button = document.createElement("button");
    var label = labelFor(link, kind);
    button.type = "button";
    button.className = "briefing-copy briefing-copy--" + kind;
    button.setAttribute("aria-label", label);
    button.title = label;
    button.setAttribute("data-href", link.href); // the browser has made it absolute
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", ICON);
    svg.appendChild(path);
    button.appendChild(svg);
    return button;
  }

  function addButtons(root) {
    var links = root.querySelectorAll("a.headerlink, a[href*='#p']");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href") || "";
      if (link.hasAttribute(MARK)) return;
      var heading = link.classList.contains("headerlink");
      if (!heading && !CITATION.test(href)) return;
      // In a table the citation fills its cell, and a button beside it would be a second, cramped target.
      if (!heading && link.closest("td")) return;
      link.setAttribute(MARK, "");
      if (link.classList.contains("briefing-para__number")) {
        // The number sits in the paragraph's gutter; the button ends the paragraph.
        link.parentNode.appendChild(makeButton(link, "paragraph"));
      } else {
        link.insertAdjacentElement("afterend", makeButton(link, heading ? "heading" : "citation"));
      }
    });
  }

  function ensureStatus() {
    if (status && document.body.contains(status)) return status;
    status = document.createElement("div");
    status.className = "briefing-copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    document.body.appendChild(status);
    return status;
  }

  function announce(message) {
    var region = ensureStatus();
    region.textContent = ""; // emptied first, so the same message is announced again
    window.clearTimeout(hideTimer);
    window.setTimeout(function () {
      region.textContent = message;
      region.classList.add("briefing-copy-status--shown");
      hideTimer = window.setTimeout(function () {
        region.classList.remove("briefing-copy-status--shown");
      }, 2500);
    }, 50);
  }

  // The old way, for browsers without the Clipboard API (plain http on another host).
  function copyWithSelection(value) {
    var area = document.createElement("textarea");
    area.value = value;
    area.setAttribute("readonly", "");
    area.className = "briefing-copy-scratch";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(value) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(value).catch(function () {
        return copyWithSelection(value);
      });
    }
    return copyWithSelection(value);
  }

  function onClick(event) {
    var button = event.target.closest && event.target.closest("button.briefing-copy, button.briefing-copy-citation");
    if (!button) return;
    event.preventDefault();
    var value = button.getAttribute("data-href") || citationText(button);
    var done = button.getAttribute("data-copied") || "Link copied";
    copy(value).then(function () {
      button.classList.add("briefing-copy--done");
      window.setTimeout(function () { button.classList.remove("briefing-copy--done"); }, 2500);
      announce(done);
    }, function () {
      announce("Could not copy: " + value);
    });
  }

  // "Cite this page": its button (in the page, shown only with JavaScript) copies the citation above it, the
  // address made absolute by the browser (so a copy of the site without a public address still gives the address
  // the reader opened it at). The text is read on the click: adding the button here, after the page was laid out,
  // made the browser restyle the whole page.
  function citationText(button) {
    var holder = button.closest("p");
    var cite = holder && holder.previousElementSibling;
    if (!cite || !cite.matches("p.briefing-cite")) return "";
    var copy = cite.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("a[href]"), function (link) {
      link.textContent = link.href;
    });
    return text(copy);
  }

  function init() {
    var content = document.querySelector(".md-content") || document.querySelector("main") || document.body;
    addButtons(content);
    ensureStatus();
  }

  document.addEventListener("click", onClick);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // instant navigation; init skips links it has done
  }
})();
