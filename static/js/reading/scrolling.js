// Where things are and how to bring them into view, without one scroll cancelling another.
//
// Element.scrollIntoView() scrolls every scrollable ancestor, the window included: a card's
// scrollIntoView (sidebar) started after a highlight's (window) cancelled the window's smooth
// scroll, so a card click opened its panel but left the text where it was. Each scroller is
// therefore driven on its own: the window by scrollTextTo, the sidebar by scrollSideTo.

export const motion = () => (window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');

// One column (phone, narrow tablet): the sidebar is below the text, so a claim opens in a
// bottom sheet over the text instead (Google Docs and Hypothesis do the same on phones).
const oneColumn = window.matchMedia('(max-width: 960px)');
export const sheetMode = () => oneColumn.matches;
export function onLayoutChange(callback) { oneColumn.addEventListener('change', callback); }

function stickyHeaderHeight() {
  const header = document.querySelector('.site-header');
  return header && getComputedStyle(header).position === 'sticky' ? header.offsetHeight : 0;
}

// Scroll the window so `element` is centred in the part of the viewport not covered by the
// sticky site header at the top and `coveredBelow` pixels (the bottom sheet) at the bottom.
export function scrollTextTo(element, { coveredBelow = 0, onlyIfHidden = false } = {}) {
  if (!element) return;
  const rect = element.getBoundingClientRect();
  const top = stickyHeaderHeight();
  const bottom = window.innerHeight - coveredBelow;
  if (onlyIfHidden && rect.top >= top + 8 && rect.bottom <= bottom - 8) return;
  const room = Math.max(bottom - top, 40);
  // a long highlight starts a little below the top, a short one sits in the middle of the room
  const offset = rect.height > room / 2 ? 24 : (room - rect.height) / 2;
  window.scrollTo({ top: Math.max(0, window.scrollY + rect.top - top - offset), behavior: motion() });
}

// Scroll the sidebar (its own scroller) so `element` starts just below its sticky header.
export function scrollSideTo(side, element, { behavior = motion() } = {}) {
  if (!element || sheetMode()) return;
  const header = side.querySelector('.side-header');
  const above = (header ? header.offsetHeight : 0) + 8;
  const top = element.getBoundingClientRect().top - side.getBoundingClientRect().top + side.scrollTop - above;
  side.scrollTo({ top: Math.max(0, top), behavior });
}

// Is `element` wholly visible inside the sidebar, below its sticky header?
export function visibleInSide(side, element) {
  const header = side.querySelector('.side-header');
  const box = side.getBoundingClientRect();
  const top = box.top + (header ? header.offsetHeight : 0);
  const rect = element.getBoundingClientRect();
  return rect.height > 0 && rect.top >= top && rect.bottom <= box.bottom;
}
