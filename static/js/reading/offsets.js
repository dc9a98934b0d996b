// Map DOM selections in the article body to code-point offsets of the stored body text.
//
// The server renders the body as pieces (<span>/<mark>) carrying data-start/data-end in code
// points; paragraph separators ("\n\n") are not rendered but are the gaps between pieces. DOM
// offsets count UTF-16 units, so text inside a piece is converted with a code-point count.

export function codePointLength(text) {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // a high surrogate followed by a low one is one code point
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

export function pieces(body) {
  return body.querySelectorAll('[data-start]');
}

function pieceOfText(node, body) {
  const piece = node.parentElement && node.parentElement.closest('[data-start]');
  return piece && body.contains(piece) ? piece : null;
}

// First piece whose start lies at or after the boundary point (binary search, document order).
function firstPieceAtOrAfter(list, container, offset) {
  const point = document.createRange();
  point.setStart(container, offset);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // comparePoint: -1 if (piece, 0) is before the collapsed range at the boundary
    if (point.comparePoint(list[mid], 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : null;
}

export function boundaryOffset(body, container, offset, list = pieces(body)) {
  if (container.nodeType === Node.TEXT_NODE) {
    const piece = pieceOfText(container, body);
    if (piece) {
      let before = '';
      const walker = document.createTreeWalker(piece, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node && node !== container; node = walker.nextNode()) before += node.data;
      return Number(piece.dataset.start) + codePointLength(before + container.data.slice(0, offset));
    }
  }
  const next = firstPieceAtOrAfter(list, container, offset);
  if (next) return Number(next.dataset.start);
  return list.length ? Number(list[list.length - 1].dataset.end) : 0;
}

// The body text between two code-point offsets, rebuilt from the pieces (gaps are newlines).
export function textBetween(body, start, end, list = pieces(body)) {
  let out = '';
  let previousEnd = null;
  for (const piece of list) {
    const ps = Number(piece.dataset.start);
    const pe = Number(piece.dataset.end);
    if (pe <= start) { previousEnd = pe; continue; }
    if (ps >= end) break;
    if (previousEnd !== null && ps > Math.max(previousEnd, start)) out += '\n'.repeat(ps - Math.max(previousEnd, start));
    const chars = Array.from(piece.textContent);
    out += chars.slice(Math.max(0, start - ps), Math.min(pe, end) - ps).join('');
    previousEnd = pe;
  }
  return out;
}

// The current selection, clipped to the body, as {start, end, quote} without outer whitespace.
export function selectionTarget(body, selection = window.getSelection()) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0).cloneRange();
  const whole = document.createRange();
  whole.selectNodeContents(body);
  if (range.compareBoundaryPoints(Range.END_TO_START, whole) >= 0) return null; // after the body
  if (range.compareBoundaryPoints(Range.START_TO_END, whole) <= 0) return null; // before the body
  if (range.compareBoundaryPoints(Range.START_TO_START, whole) < 0) range.setStart(whole.startContainer, whole.startOffset);
  if (range.compareBoundaryPoints(Range.END_TO_END, whole) > 0) range.setEnd(whole.endContainer, whole.endOffset);
  const list = pieces(body);
  let start = boundaryOffset(body, range.startContainer, range.startOffset, list);
  let end = boundaryOffset(body, range.endContainer, range.endOffset, list);
  if (end <= start) return null;
  const raw = Array.from(textBetween(body, start, end, list));
  while (raw.length && /\s/u.test(raw[0])) { raw.shift(); start += 1; }
  while (raw.length && /\s/u.test(raw[raw.length - 1])) { raw.pop(); end -= 1; }
  if (!raw.length) return null;
  return { start, end, quote: raw.join(''), rect: range.getBoundingClientRect() };
}
