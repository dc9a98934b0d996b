// Hover cards: point at a highlight (or reach a claim's card with the keyboard) and a small card
// beside the text tells its verdict, status, claimant and the start of its rationale. It is
// built from the claim's card in the sidebar (one source of truth, no request).

const SHOW_DELAY = 250;
const HIDE_DELAY = 200;
const MOST = 3; // claims listed for one highlight; overlapping text may carry more

export function bindHoverCards({ root, body, cardOf, marksOf }) {
  const hover = document.querySelector('[data-hover-card]');
  if (!hover) return { hide() {} };
  let showTimer = 0;
  let hideTimer = 0;
  let shownFor = '';

  function item(card) {
    const box = document.createElement('div');
    box.className = 'hc-item';
    const top = card.querySelector('.card-top')?.cloneNode(true);
    if (top) { top.className = 'hc-top'; box.append(top); }
    const claimant = card.querySelector('.card-claimant');
    if (claimant) {
      const line = document.createElement('p');
      line.className = 'hc-claimant';
      line.append(...[...claimant.childNodes].map((node) => node.cloneNode(true)));
      box.append(line);
    }
    if (card.dataset.rationale) {
      const rationale = document.createElement('p');
      rationale.className = 'hc-rationale';
      rationale.dir = 'auto';
      rationale.textContent = card.dataset.rationale;
      box.append(rationale);
    }
    return box;
  }

  function fill(ids) {
    const cards = ids.map((id) => cardOf(id)).filter(Boolean);
    if (!cards.length) return false;
    hover.replaceChildren(...cards.slice(0, MOST).map(item));
    const hint = document.createElement('p');
    hint.className = 'hc-hint';
    hint.textContent = cards.length === 1
      ? 'Click to open the claim.'
      : `${cards.length} claims overlap here${cards.length > MOST ? ` (${MOST} shown)` : ''}: each click opens the next.`;
    hover.append(hint);
    return true;
  }

  // Place the card under the line of the highlight nearest to `y` (viewport px), or above it
  // when there is no room below; in document coordinates, so it stays with the text on scroll.
  function place(mark, y) {
    const rects = [...mark.getClientRects()];
    if (!rects.length) return false;
    const rect = rects.find((r) => y >= r.top && y <= r.bottom) || rects[0];
    hover.hidden = false;
    const width = hover.offsetWidth;
    const height = hover.offsetHeight;
    const maxLeft = document.documentElement.clientWidth - width - 8;
    const left = Math.max(8, Math.min(rect.left, maxLeft));
    const below = rect.bottom + 6 + height <= window.innerHeight;
    const top = below ? rect.bottom + 6 : rect.top - height - 6;
    hover.style.setProperty('left', `${window.scrollX + left}px`);
    hover.style.setProperty('top', `${window.scrollY + Math.max(top, 0)}px`);
    return true;
  }

  function show(mark, ids, y) {
    window.clearTimeout(hideTimer);
    const key = ids.join(' ');
    if (!fill(ids)) { hide(); return; }
    if (!place(mark, y)) { hide(); return; }
    shownFor = key;
    for (const old of body.querySelectorAll('mark.is-hovered')) old.classList.remove('is-hovered');
    for (const id of ids.slice(0, 1)) for (const m of marksOf(id)) m.classList.add('is-hovered');
  }

  function hide() {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    hover.hidden = true;
    shownFor = '';
    for (const old of body.querySelectorAll('mark.is-hovered')) old.classList.remove('is-hovered');
  }

  function hideSoon() {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  // The mouse only: a touch tap opens the claim (a bottom sheet on phones) and pens select.
  body.addEventListener('pointerover', (event) => {
    if (event.pointerType !== 'mouse' || event.buttons) return;
    const mark = event.target.closest('mark[data-claim-ids]');
    if (!mark || mark.classList.contains('is-filtered-out')) return;
    const ids = mark.dataset.claimIds.split(' ').reverse(); // innermost (its colour) first
    window.clearTimeout(hideTimer);
    if (shownFor === ids.join(' ') && !hover.hidden) return;
    window.clearTimeout(showTimer);
    const y = event.clientY;
    showTimer = window.setTimeout(() => show(mark, ids, y), hover.hidden ? SHOW_DELAY : 0);
  });
  body.addEventListener('pointerout', (event) => {
    if (event.pointerType !== 'mouse' || !event.target.closest('mark[data-claim-ids]')) return;
    if (event.relatedTarget?.closest?.('mark[data-claim-ids], [data-hover-card]')) return;
    hideSoon();
  });
  hover.addEventListener('pointerenter', () => window.clearTimeout(hideTimer));
  hover.addEventListener('pointerleave', hideSoon);
  body.addEventListener('pointerdown', hide); // a click opens the claim, a drag selects

  // Pointing at a card in the sidebar lights up its words in the text (as comments do in
  // Google Docs), without moving anything.
  let litFor = null;
  function light(id) {
    if (litFor === id) return;
    for (const old of body.querySelectorAll('mark.is-lit')) old.classList.remove('is-lit');
    litFor = id;
    if (id !== null) for (const mark of marksOf(id)) mark.classList.add('is-lit');
  }
  root.addEventListener('pointerover', (event) => {
    const card = event.target.closest?.('[data-card-for]');
    light(card && event.pointerType === 'mouse' ? card.dataset.cardFor : null);
  });
  root.addEventListener('pointerleave', () => light(null));

  // Keyboard: the card focused in the sidebar (Tab, j / k) shows its hover card at the text.
  root.addEventListener('focusin', (event) => {
    const button = event.target.closest?.('.card-button[data-open-claim]');
    if (!button) return;
    const id = button.dataset.openClaim;
    const mark = marksOf(id)[0];
    if (!mark || button.closest('.claim-card')?.classList.contains('is-active')) { hide(); return; }
    const rect = mark.getClientRects()[0];
    show(mark, [id], rect ? rect.top + 1 : 0);
  });
  root.addEventListener('focusout', (event) => {
    if (event.target.closest?.('.card-button[data-open-claim]')) hideSoon();
  });
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape' && !hover.hidden) hide(); });

  return { hide };
}
