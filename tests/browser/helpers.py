"""Helpers for driving selections with the real mouse."""

CHAR_BOXES_JS = """
([start, end]) => {
  const body = document.querySelector('[data-article-body]');
  function locate(cp) {
    for (const piece of body.querySelectorAll('[data-start]')) {
      const s = Number(piece.dataset.start), e = Number(piece.dataset.end);
      if (cp >= s && cp < e) {
        const node = piece.firstChild;
        const chars = Array.from(node.data);
        return [node, chars.slice(0, cp - s).join('').length, chars[cp - s].length];
      }
    }
    throw new Error('no piece holds code point ' + cp);
  }
  function box(cp) {
    const [node, offset, size] = locate(cp);
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + size);
    const r = range.getClientRects()[0];
    return {x: r.x, y: r.y, w: r.width, h: r.height};
  }
  const [node] = locate(start);
  node.parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
  return [box(start), box(end - 1)];
}
"""


def drag_select(page, start: int, end: int) -> None:
    """Select body code points [start, end) with a real mouse drag between character boxes."""
    first, last = page.evaluate(CHAR_BOXES_JS, [start, end])
    y1 = first["y"] + first["h"] / 2
    y2 = last["y"] + last["h"] / 2
    page.mouse.move(first["x"] + 1, y1)
    page.mouse.down()
    page.mouse.move((first["x"] + last["x"]) / 2, (y1 + y2) / 2, steps=5)
    page.mouse.move(last["x"] + last["w"] - 1, y2, steps=5)
    page.mouse.up()


def settle(page) -> None:
    """Wait for two painted frames: whatever the last event started (a smooth scroll, a toast)
    has begun. A condition, not a fixed wait (tests/core/test_suite_hygiene.py)."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
