// The sidebar's search box and filters (status, verdict, only mine) with their counts.
//
// Everything works on the cards already in the page (built by the server in one pass), so a
// filter over thousands of claims is a loop over their data attributes: no request, no query.

import { pendingTotal } from './cards.js';

const searchText = new WeakMap(); // card element -> its lower-cased, accent-free text

function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

function haystack(card) {
  let text = searchText.get(card);
  if (text === undefined) {
    const button = card.querySelector('.card-button');
    // the visible card (badge, status, quote, claimant, author), the claim as restated (in the
    // button's label) and the start of the rationale
    text = fold(`${card.textContent} ${button?.getAttribute('aria-label') || ''} ${card.dataset.rationale || ''}`);
    searchText.set(card, text);
  }
  return text;
}

function currentFilters(root) {
  const value = (name) => root.querySelector(`[data-filter="${name}"]`);
  const terms = fold(value('q')?.value || '').split(/\s+/).filter(Boolean);
  return {
    terms,
    status: value('status')?.value || '',
    verdict: value('verdict')?.value || '',
    mine: Boolean(value('mine')?.checked),
    me: root.dataset.userId || '',
  };
}

function matches(card, f, skip = '') {
  if (skip !== 'status' && f.status && card.dataset.status !== f.status) return false;
  if (skip !== 'verdict' && f.verdict && card.dataset.verdict !== f.verdict) return false;
  if (skip !== 'mine' && f.mine && card.dataset.author !== f.me) return false;
  if (f.terms.length) {
    const text = haystack(card);
    if (!f.terms.every((term) => text.includes(term))) return false;
  }
  return true;
}

// Each option says how many claims it would show with the other filters as they are (once
// every card is in: a long article's come after the page, cards.js).
function updateCounts(root, cards, f, shown) {
  const count = root.querySelector('[data-filter-count]');
  const total = pendingTotal(root);
  if (total !== null) {
    if (count) count.textContent = `${total} claims`;
    return;
  }
  for (const name of ['status', 'verdict']) {
    const select = root.querySelector(`[data-filter="${name}"]`);
    if (!select) continue;
    const counts = new Map();
    for (const card of cards) {
      if (matches(card, f, name)) counts.set(card.dataset[name], (counts.get(card.dataset[name]) || 0) + 1);
    }
    for (const option of select.options) {
      if (option.dataset.label) option.textContent = `${option.dataset.label} (${counts.get(option.value) || 0})`;
    }
  }
  const mineLabel = root.querySelector('[data-mine-label]');
  if (mineLabel) {
    const mine = cards.filter((card) => card.dataset.author === f.me && matches(card, f, 'mine')).length;
    mineLabel.textContent = `Only mine (${mine})`;
  }
  if (count) {
    const total = cards.length;
    const noun = total === 1 ? 'claim' : 'claims';
    count.textContent = shown === total ? `${total} ${noun}` : `${shown} of ${total} ${noun}`;
  }
}

export function applyFilters(root, body) {
  const f = currentFilters(root);
  const cards = [...root.querySelectorAll('[data-card-for]')];
  const hiddenIds = new Set();
  for (const card of cards) {
    const match = matches(card, f);
    card.hidden = !match;
    if (!match) hiddenIds.add(card.dataset.cardFor);
  }
  // a highlight is muted when none of the claims it carries passes the filters (nothing to do
  // when no card is hidden and no highlight muted: the page as it opens)
  if (hiddenIds.size || body.querySelector('mark.is-filtered-out')) {
    for (const mark of body.querySelectorAll('mark[data-claim-ids]')) {
      mark.classList.toggle('is-filtered-out', mark.dataset.claimIds.split(' ').every((id) => hiddenIds.has(id)));
    }
  }
  const empty = root.querySelector('[data-filter-empty]');
  if (empty) empty.hidden = hiddenIds.size < cards.length;
  // the orphans box disappears when the filters hide every orphan in it
  const orphans = root.querySelector('[data-orphans]');
  if (orphans) orphans.hidden = [...orphans.querySelectorAll('[data-orphan]')].every((card) => card.hidden);
  updateCounts(root, cards, f, cards.length - hiddenIds.size);
  return hiddenIds;
}

// `changed` runs after every change of the filters (the margin markers follow them).
export function bindSidebar(root, body, changed) {
  let timer = null;
  const run = () => { changed(applyFilters(root, body)); };
  root.addEventListener('change', (event) => { if (event.target.matches('[data-filter]')) run(); });
  root.addEventListener('input', (event) => {
    if (!event.target.matches('[data-filter="q"]')) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 120); // typing into 5,000 cards: once per pause
  });
  root.addEventListener('keydown', (event) => {
    // Esc in the search box clears it first (then the next Esc closes the panel as before)
    if (event.key === 'Escape' && event.target.matches('[data-filter="q"]') && event.target.value) {
      event.target.value = '';
      event.stopPropagation();
      run();
    }
  });
}
