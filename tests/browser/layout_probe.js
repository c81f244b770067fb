// Finds what a reader of Chinese sees as broken layout, by measuring the rendered page (run
// through Playwright's page.evaluate, which the Content-Security-Policy does not stop):
//   squeezed   a short text (a button, a label, a heading, a table cell) laid out one or two
//              characters per line;
//   split      a numbering such as （十一）, 十一、 or (11) broken over two lines;
//   clipped    a button whose label is wider than the button, or that sticks out of the window
//              (one in a row that scrolls sideways, a wide table's or the phone's links, excepted);
//   overflow   the page wider than the window (a table too wide must scroll in its own wrapper).
// Returns {overflow: px, squeezed: [...], split: [...], clipped: [...]}, each finding with its
// element's path.
() => {
  const NUMBERING = /（[一二三四五六七八九十百]+）|[一二三四五六七八九十百]+、|[(（]\d+[)）]/g;
  const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.classList.length) part += "." + [...e.classList].join(".");
      parts.unshift(part);
    }
    return parts.join(" > ");
  };
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const style = getComputedStyle(el);
    // A header set in vertical writing (the responsibility matrix's unit names) is meant to be
    // one character per line.
    return style.visibility !== "hidden" && style.writingMode === "horizontal-tb";
  };
  // The lines a stretch of a text node is laid out on: the distinct tops of its characters' boxes
  // (a character's box per line, so a line break inside the stretch shows as a second top).
  const lineTops = (node, start, end) => {
    const tops = [];
    const range = document.createRange();
    for (let i = start; i < end; i++) {
      if (/\s/.test(node.data[i])) continue;
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect || rect.width === 0) continue;
      if (!tops.some((t) => Math.abs(t - rect.top) < rect.height / 2)) tops.push(rect.top);
    }
    return tops.length;
  };
  const squeezed = [];
  const split = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("script, style, svg, textarea, select, option, [hidden]")) continue;
    const text = node.data.trim();
    if (!text || !visible(el)) continue;
    const chars = [...text.replace(/\s+/g, "")].length;
    if (chars >= 2 && chars <= 60 && CJK.test(text)) {
      const lines = lineTops(node, 0, node.data.length);
      if (lines >= 2 && chars / lines <= 2.5) squeezed.push({ where: where(el), text, lines });
    }
    for (const match of node.data.matchAll(NUMBERING)) {
      if (lineTops(node, match.index, match.index + match[0].length) > 1) {
        split.push({ where: where(el), text: match[0] });
      }
    }
  }
  const scrolls = (el) => {
    for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(e).overflowX)) return true;
    }
    return false;
  };
  const clipped = [];
  for (const el of document.querySelectorAll("button, .button")) {
    if (!visible(el)) continue;
    const rect = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + 1 || (rect.right > innerWidth + 1 && !scrolls(el))) {
      clipped.push({ where: where(el), text: el.textContent.trim() });
    }
  }
  const root = document.documentElement;
  return { overflow: root.scrollWidth - root.clientWidth, squeezed, split, clipped };
}
