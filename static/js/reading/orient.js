// Knowing where you are: the margin marker bar (one tick per claim at its place in the article,
// coloured by verdict, click to open) and a sidebar that follows the text being read (the cards
// of the claims in view are marked .is-in-view and scrolled into the sidebar).
//
// The claims' places are measured once per layout (one pass over the highlights, two rects per
// claim) and reused on every scroll: 5,000 claims cost a loop of comparisons per frame.
import { scrollSideTo, sheetMode, visibleInSide } from './scrolling.js';

export function createOrientation({ root, body, side, open }) {
  const bar = root.querySelector('[data-marker-bar]');
  const view = bar?.querySelector('[data-marker-view]');
  let places = []; // {id, top, bottom} in document pixels, in text order
  let bodyTop = 0;
  let bodyHeight = 1;
  let measuredSize = '';
  let inView = new Set();
  let ticks = new Map(); // claim id -> tick element
  let cards = new Map(); // claim id -> card element (a look-up per claim would scan them all)
  let frame = 0;
  let followTimer = 0;

  function measure() {
    const first = new Map();
    const last = new Map();
    for (const mark of body.querySelectorAll('mark[data-claim-ids]')) {
      for (const id of mark.dataset.claimIds.split(' ')) {
        if (!first.has(id)) first.set(id, mark);
        last.set(id, mark);
      }
    }
    const box = body.getBoundingClientRect();
    measuredSize = `${box.width}x${box.height}`;
    bodyTop = box.top + window.scrollY;
    bodyHeight = Math.max(box.height, 1);
    places = [];
    for (const [id, mark] of first) {
      const top = mark.getBoundingClientRect().top + window.scrollY;
      const bottom = last.get(id).getBoundingClientRect().bottom + window.scrollY;
      places.push({ id, top, bottom });
    }
  }

  function colourOf(card) {
    const match = card && /(?:^|\s)(v-\S+)/.exec(card.className);
    return match ? match[1] : 'v-none';
  }

  function drawTicks() {
    if (!bar) return;
    for (const tick of ticks.values()) tick.remove();
    ticks = new Map();
    const fragment = document.createDocumentFragment();
    for (const place of places) {
      const card = cards.get(place.id);
      const tick = document.createElement('span');
      tick.className = `tick ${colourOf(card)}`;
      tick.dataset.tickFor = place.id;
      if (card?.hidden) tick.classList.add('is-filtered-out');
      const badge = card?.querySelector('.verdict-badge')?.textContent.trim() || '';
      tick.title = `Claim #${place.id}${badge ? `: ${badge}` : ''}`;
      tick.style.setProperty('top', `${((place.top - bodyTop) / bodyHeight) * 100}%`);
      ticks.set(place.id, tick);
      fragment.append(tick);
    }
    bar.append(fragment);
    markActiveTick();
  }

  function markActiveTick() {
    const active = root.querySelector('.claim-card.is-active');
    for (const tick of bar ? bar.querySelectorAll('.tick.is-active') : []) tick.classList.remove('is-active');
    if (active) ticks.get(active.dataset.cardFor)?.classList.add('is-active');
  }

  function visibleRange() {
    const header = document.querySelector('.site-header');
    const covered = header && getComputedStyle(header).position === 'sticky' ? header.offsetHeight : 0;
    return [window.scrollY + covered, window.scrollY + window.innerHeight];
  }

  function drawView([top, bottom]) {
    if (!view) return;
    const from = Math.min(Math.max((top - bodyTop) / bodyHeight, 0), 1);
    const to = Math.min(Math.max((bottom - bodyTop) / bodyHeight, 0), 1);
    view.style.setProperty('top', `${from * 100}%`);
    view.style.setProperty('height', `${Math.max(to - from, 0.005) * 100}%`);
  }

  function markInView([top, bottom]) {
    const now = new Set();
    // in one column the list is not beside the text: nothing to follow there
    if (!sheetMode()) for (const place of places) if (place.bottom >= top && place.top <= bottom) now.add(place.id);
    for (const id of inView) if (!now.has(id)) cards.get(id)?.classList.remove('is-in-view');
    for (const id of now) if (!inView.has(id)) cards.get(id)?.classList.add('is-in-view');
    inView = now;
  }

  // The sidebar follows only while the reader is reading: not while a claim is open, nor while
  // the pointer or the keyboard focus is in the sidebar, and not in one column (no sidebar).
  function mayFollow() {
    if (sheetMode() || !root.querySelector('[data-claim-panel]').hidden) return false;
    if (side.matches(':hover') || side.contains(document.activeElement)) return false;
    return true;
  }

  function follow() {
    if (!mayFollow()) return;
    const shown = [...inView].map((id) => cards.get(id)).filter((card) => card && !card.hidden);
    if (!shown.length || shown.some((card) => visibleInSide(side, card))) return;
    shown.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    scrollSideTo(side, shown[0], { behavior: 'auto' }); // instant: the reader's scroll is smooth enough
  }

  function update() {
    frame = 0;
    const range = visibleRange();
    drawView(range);
    markInView(range);
    window.clearTimeout(followTimer);
    followTimer = window.setTimeout(follow, 120); // once the reader pauses
  }

  function schedule() {
    if (!frame) frame = window.requestAnimationFrame(update);
  }

  // After the body or the cards changed (fragments, live updates, a resize): measure again.
  function refresh() {
    const started = performance.now();
    cards = new Map();
    for (const card of root.querySelectorAll('[data-card-for]')) cards.set(card.dataset.cardFor, card);
    measure();
    inView = new Set(); // the cards may be new elements: mark them again
    drawTicks();
    update();
    performance.measure('reading:orient', { start: started }); // read by bench/bench_reading_browser.py
  }

  // The filters hid or showed cards: dim their ticks.
  function filtered(hiddenIds) {
    for (const [id, tick] of ticks) tick.classList.toggle('is-filtered-out', hiddenIds.has(id));
  }

  bar?.addEventListener('click', (event) => {
    const tick = event.target.closest('[data-tick-for]');
    if (tick) { open(tick.dataset.tickFor); return; }
    // elsewhere on the bar: go to that place in the article, like a scrollbar
    const box = bar.getBoundingClientRect();
    const y = bodyTop + ((event.clientY - box.top) / box.height) * bodyHeight;
    window.scrollTo({ top: Math.max(0, y - window.innerHeight / 2) });
  });

  window.addEventListener('scroll', schedule, { passive: true });
  // A new width or late web fonts re-flow the text: measure again (the observer's first call,
  // for the size just measured, is skipped).
  let resizeFrame = 0;
  new ResizeObserver(() => {
    if (resizeFrame) return;
    resizeFrame = window.requestAnimationFrame(() => {
      resizeFrame = 0;
      const box = body.getBoundingClientRect();
      if (`${box.width}x${box.height}` !== measuredSize) refresh();
    });
  }).observe(body);
  refresh();

  return { refresh, filtered, markActiveTick };
}
