// Knowing where you are: the margin marker bar (one tick per claim at its place in the article,
// coloured by verdict, click to open) and a sidebar that follows the text being read (the cards
// of the claims in view are marked .is-in-view and scrolled into the sidebar).
//
// The claims' places are measured once per layout and reused on every scroll: 5,000 claims cost
// a loop of comparisons per frame. In a long article (.is-lazy) a place comes from its
// paragraph's box and the claim's offsets in it, never from the highlight's own box: paragraphs
// far from the screen are not laid out (content-visibility, see estimates.js), and asking for a
// box inside one would lay it out.
import { estimateCards, estimateParagraphs } from './estimates.js';
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
  let tickRows = []; // {y, tick, ids}: one per tick element, in the bar's order
  let innermost = new Map(); // claim id -> a highlight where it is the innermost claim
  let barHeight = 0;
  let cards = new Map(); // claim id -> card element (a look-up per claim would scan them all)
  let frame = 0;
  let followTimer = 0;

  // A paragraph's box (rendered, or its estimated height) and its offsets, once per measure.
  function paragraphBox(boxes, p) {
    let box = boxes.get(p);
    if (!box) {
      const rect = p.getBoundingClientRect();
      const start = Number(p.dataset.paraStart);
      const end = Number(p.lastElementChild?.dataset.end ?? start);
      box = { top: rect.top + window.scrollY, height: rect.height, start, length: Math.max(end - start, 1) };
      boxes.set(p, box);
    }
    return box;
  }

  function measure() {
    const first = new Map();
    const last = new Map();
    innermost = new Map();
    for (const mark of body.querySelectorAll('mark[data-claim-ids]')) {
      for (const id of mark.getAttribute('data-claim-ids').split(' ')) {
        if (!first.has(id)) first.set(id, mark);
        last.set(id, mark);
      }
      const inner = mark.getAttribute('data-claim-id');
      if (!innermost.has(inner)) innermost.set(inner, mark);
    }
    const box = body.getBoundingClientRect();
    measuredSize = `${box.width}x${box.height}`;
    bodyTop = box.top + window.scrollY;
    bodyHeight = Math.max(box.height, 1);
    places = [];
    if (!body.classList.contains('is-lazy')) { // all laid out: the highlights' own boxes
      for (const [id, mark] of first) {
        const top = mark.getBoundingClientRect().top + window.scrollY;
        places.push({ id, top, bottom: last.get(id).getBoundingClientRect().bottom + window.scrollY });
      }
      return;
    }
    const boxes = new Map();
    // the text's lines fill a paragraph evenly enough: a code point's place is its share of it
    const at = (mark, offset) => {
      const p = paragraphBox(boxes, mark.parentElement);
      return p.top + (p.height * (offset - p.start)) / p.length;
    };
    for (const [id, mark] of first) {
      const end = last.get(id);
      places.push({ id, top: at(mark, Number(mark.dataset.start)), bottom: at(end, Number(end.dataset.end)) });
    }
  }

  // A claim's verdict colour: its card's, or (its card still coming, cards.js) that of a
  // highlight where it is the innermost claim.
  function colourOf(card, id) {
    const match = /(?:^|\s)(v-\S+)/.exec((card || innermost.get(id))?.className || '');
    return match ? match[1] : 'v-none';
  }

  // One tick per pixel row of the bar: claims whose ticks would be drawn on the same row (5,000
  // claims share some 850 rows) share one element, which opens the first of them.
  function drawTicks() {
    if (!bar) return;
    for (const tick of new Set(ticks.values())) tick.remove();
    ticks = new Map();
    tickRows = [];
    barHeight = bar.clientHeight;
    const fragment = document.createDocumentFragment();
    let row = null;
    for (const place of places) {
      const share = (place.top - bodyTop) / bodyHeight;
      const y = Math.round(share * barHeight);
      if (row && row.y === y) {
        row.ids.push(place.id);
        ticks.set(place.id, row.tick);
        continue;
      }
      const card = cards.get(place.id);
      const tick = document.createElement('span');
      tick.className = `tick ${colourOf(card, place.id)}`;
      tick.dataset.tickFor = place.id;
      tick.style.setProperty('top', `${share * 100}%`);
      row = { y, tick, ids: [place.id] };
      tickRows.push(row);
      ticks.set(place.id, tick);
      fragment.append(tick);
    }
    for (const { tick, ids } of tickRows) {
      const badge = cards.get(ids[0])?.querySelector('.verdict-badge')?.textContent.trim() || '';
      tick.title = ids.length === 1
        ? `Claim #${ids[0]}${badge ? `: ${badge}` : ''}`
        : `Claims #${ids.slice(0, 5).join(', #')}${ids.length > 5 ? ` and ${ids.length - 5} more` : ''}`;
      if (ids.length > 1) tick.dataset.tickIds = ids.join(' ');
      tick.classList.toggle('is-filtered-out', ids.every((id) => cards.get(id)?.hidden));
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

  // After the body or the cards changed (fragments, live updates, a new width): measure again.
  // `heights`: the paragraphs' heights before the body was redrawn (estimates.js).
  function refresh({ heights = null } = {}) {
    const started = performance.now();
    cards = new Map();
    for (const card of root.querySelectorAll('[data-card-for]')) cards.set(card.dataset.cardFor, card);
    estimateParagraphs(body, heights);
    estimateCards(cardLists());
    measure();
    inView = new Set(); // the cards may be new elements: mark them again
    drawTicks();
    update();
    performance.measure('reading:orient', { start: started }); // read by bench/bench_reading_browser.py
  }

  const cardLists = () => root.querySelectorAll('[data-claims-list] .card-lists > .card-list');

  // The filters hid or showed cards: dim their ticks, size the lists of cards again.
  function filtered(hiddenIds) {
    estimateCards(cardLists());
    for (const { tick, ids } of tickRows) tick.classList.toggle('is-filtered-out', ids.every((id) => hiddenIds.has(id)));
  }

  bar?.addEventListener('click', (event) => {
    const tick = event.target.closest('[data-tick-for]');
    if (tick) {
      const ids = (tick.dataset.tickIds || tick.dataset.tickFor).split(' ');
      open(ids.find((id) => !cards.get(id)?.hidden) ?? ids[0]);
      return;
    }
    // elsewhere on the bar: go to that place in the article, like a scrollbar
    const box = bar.getBoundingClientRect();
    const y = bodyTop + ((event.clientY - box.top) / box.height) * bodyHeight;
    window.scrollTo({ top: Math.max(0, y - window.innerHeight / 2) });
  });

  window.addEventListener('scroll', schedule, { passive: true });
  // A new width or late web fonts re-flow the text: estimate and measure again (the observer's
  // first call, for the size just measured, is skipped). A new height alone is paragraphs
  // rendered for the first time as the reader scrolls (their real height replacing the
  // estimate), or a taller window (a taller bar): the ticks move once the scrolling pauses.
  let resizeFrame = 0;
  let placeTimer = 0;
  const replace = () => { measure(); drawTicks(); update(); };
  const observer = new ResizeObserver(() => {
    if (resizeFrame) return;
    resizeFrame = window.requestAnimationFrame(() => {
      resizeFrame = 0;
      const box = body.getBoundingClientRect();
      const [width] = measuredSize.split('x');
      if (String(box.width) !== width) refresh();
      else if (`${box.width}x${box.height}` !== measuredSize || (bar && bar.clientHeight !== barHeight)) {
        window.clearTimeout(placeTimer);
        placeTimer = window.setTimeout(replace, 150);
      }
    });
  });
  observer.observe(body);
  if (bar) observer.observe(bar);
  refresh();

  return { refresh, filtered, markActiveTick };
}
