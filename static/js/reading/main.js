// The reading view: highlights <-> claim cards, the "Check this claim" control, the claim panel.
import { getHtml, postForm } from '../common/http.js';
import { applyFragments, bindNoteToggles, isTyping, setBusy, showError, toast } from '../common/ui.js';
import { bindClaimForms, confirmLeave, forgetDraftEntry, formDataFor, settleDraft } from './forms.js';
import { loadRestOfCards } from './cards.js';
import { paragraphHeights } from './estimates.js';
import { selectionTarget } from './offsets.js';
import { bindReattach, isReattaching } from './reattach.js';
import { bindHoverCards } from './hovercard.js';
import { createOrientation } from './orient.js';
import { motion, onLayoutChange, scrollSideTo, scrollTextTo, sheetMode } from './scrolling.js';
import { applyFilters as filterCards, bindSidebar } from './sidebar.js';

const root = document.querySelector('[data-reading]');
const body = document.querySelector('[data-article-body]');
const side = root.querySelector('.reading-side');
const panelSection = root.querySelector('[data-claim-panel]');
const panelSlot = panelSection.querySelector('[data-fragment="panel"]');
const sheet = root.querySelector('[data-claim-sheet]');
const checkButton = document.querySelector('[data-action="check-claim"]');
const canCheck = body.dataset.canCheck === 'true';
const coarsePointer = window.matchMedia('(pointer: coarse)');
let activeId = null;
let pendingTarget = null;
let orientation = null; // the margin markers and the sidebar following the text (orient.js)
let hoverCards = { hide() {} };

const marksOf = (id) => body.querySelectorAll(`mark[data-claim-ids~="${CSS.escape(String(id))}"]`);
const cardOf = (id) => root.querySelector(`[data-card-for="${CSS.escape(String(id))}"]`);

function flash(elements) {
  for (const el of elements) {
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
  }
  window.setTimeout(() => { for (const el of elements) el.classList.remove('flash'); }, 1400);
}

function markActive(id) {
  for (const el of root.querySelectorAll('.is-active')) el.classList.remove('is-active');
  activeId = id;
  if (id === null) return;
  for (const mark of marksOf(id)) mark.classList.add('is-active');
  cardOf(id)?.classList.add('is-active');
  orientation?.markActiveTick();
}

function placePanel(id) {
  const card = id === null ? null : cardOf(id);
  if (sheetMode() && sheet) sheet.append(panelSection); // one column: over the text, not in the list
  else if (card && !card.hidden) card.append(panelSection); // a filtered-out card cannot hold it
  else root.querySelector('[data-claims-list] .side-header').after(panelSection);
  panelSection.hidden = false;
  showSheet(panelSection.parentElement === sheet);
}

function showSheet(on) {
  if (!sheet) return;
  sheet.hidden = !on;
  document.body.classList.toggle('has-sheet', on);
}

// The height of the bottom sheet over the text (0 when the panel is in the sidebar).
const sheetHeight = () => (sheet && !sheet.hidden ? sheet.offsetHeight : 0);

async function closePanel() {
  if (!(await confirmLeave(panelSlot))) return; // unsaved text in the form: ask first
  const id = activeId;
  panelSection.hidden = true;
  panelSlot.innerHTML = '';
  markPending(null);
  const fromSheet = sheet && !sheet.hidden;
  side.append(panelSection);
  showSheet(false);
  markActive(null);
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  if (id === null) return;
  if (fromSheet) {
    // back where the reader was: the claim's text (the card is far below in one column)
    const mark = marksOf(id)[0];
    if (mark) { mark.tabIndex = -1; mark.focus({ preventScroll: true }); return; }
  }
  cardOf(id)?.querySelector('.card-button')?.focus({ preventScroll: fromSheet });
}

// Scrolling is the caller's: opening a claim scrolls the sidebar (and the text) to it, while a
// save re-renders the panel where it is.
function showPanel(id, html, { focus = true } = {}) {
  panelSlot.innerHTML = html;
  placePanel(id);
  if (sheet && !sheet.hidden) sheet.scrollTop = 0;
  if (focus) panelSlot.querySelector('#panel-title')?.focus({ preventScroll: true });
}

// Show the selection being checked while its form is open (CSS Custom Highlight API).
function markPending(range) {
  if (!window.CSS || !CSS.highlights || typeof Highlight === 'undefined') return;
  if (range) CSS.highlights.set('pending-claim', new Highlight(range));
  else CSS.highlights.delete('pending-claim');
}

function focusFirstError() {
  const invalid = panelSlot.querySelector('[aria-invalid="true"], .has-error input, .has-error select, .has-error textarea');
  const target = invalid || panelSlot.querySelector('.form-errors, .errorlist');
  if (!target) return;
  target.scrollIntoView({ behavior: motion(), block: 'center' });
  if (invalid) invalid.focus({ preventScroll: true });
}

// from: 'card' (the sidebar, or #claim-<id> in the address), 'marker' (the margin bar) or
// 'text' (a highlight). Wide: the text scrolls to the claim (unless it was clicked there) and
// the sidebar to its card. One column: the panel opens in the bottom sheet and the text moves
// only as far as needed to stay visible above it.
async function openClaim(id, { from = 'card' } = {}) {
  if (!(await confirmLeave(panelSlot))) return;
  id = String(id);
  hoverCards.hide();
  markActive(id);
  const card = cardOf(id);
  const first = marksOf(id)[0];
  if (from !== 'text') {
    if (!sheetMode()) scrollTextTo(first);
    flash(marksOf(id));
  } else if (card && !sheetMode()) {
    flash([card]);
  }
  history.replaceState(null, '', `#claim-${id}`);
  const url = root.dataset.panelUrlTemplate.replace('/0/', `/${id}/`);
  try {
    const html = await getHtml(url);
    if (String(activeId) !== id) return; // another claim was opened meanwhile
    showPanel(id, html, { focus: from !== 'text' });
    if (sheetMode()) scrollTextTo(first, { coveredBelow: sheetHeight(), onlyIfHidden: from === 'text' });
    else scrollSideTo(side, card && !card.hidden ? card : panelSection);
  } catch (error) {
    toast(error.message, 'error');
  }
}

function refreshFragments(html) {
  // the panel lives inside a card: take it out before the cards are replaced, then put it back
  side.append(panelSection);
  const { panel, ...rest } = html || {};
  let heights = null;
  if (rest.body !== undefined) {
    markPending(null); // the old text nodes are gone
    heights = paragraphHeights(body); // the new paragraphs start at the old ones' heights
  }
  applyFragments(rest);
  if (activeId !== null) markActive(activeId);
  applyFilters();
  orientation?.refresh({ heights });
  return panel;
}

async function submitPanelForm(form, submitter) {
  const isClaimForm = form.matches('[data-claim-form]');
  if (isClaimForm) await settleDraft(form); // no autosave may land after the save
  const data = isClaimForm ? formDataFor(form, submitter) : new FormData(form, submitter);
  setBusy(form, true);
  const result = await postForm(form.action, data);
  setBusy(form, false);
  if (result.ok && isClaimForm) forgetDraftEntry(form);
  const scrollY = window.scrollY;
  const panel = refreshFragments(result.html);
  if (result.claim) activeId = result.claim;
  const host = panelSection.parentElement;
  if (panel !== undefined) showPanel(result.claim ?? activeId, panel);
  if (panelSection.parentElement !== host) scrollSideTo(side, panelSection); // a new claim's card
  else window.scrollTo({ top: scrollY, behavior: 'instant' }); // a save keeps the reader's place
  if (result.claim) markActive(result.claim);
  if (result.ok) {
    // said once: in the panel when the answer has one, else as a toast
    if (panel === undefined || !panelSlot.querySelector('.notice')) toast(result.message, 'success');
    if (result.claim) flash(marksOf(result.claim));
  } else {
    showError(panelSlot, result.message);
    focusFirstError();
  }
}

function nextId(ids) {
  const index = ids.indexOf(String(activeId));
  return ids[(index + 1) % ids.length]; // a second click on overlapping text opens the next claim
}

function hideCheck() {
  checkButton.hidden = true;
  pendingTarget = null;
}

function updateCheck() {
  if (!canCheck) return;
  if (isReattaching()) { hideCheck(); return; } // the selection is the orphan's new target
  const target = selectionTarget(body);
  if (!target) { hideCheck(); return; }
  pendingTarget = target;
  checkButton.hidden = false;
  // below the selection; on touch screens also below the selection handles
  const top = window.scrollY + target.rect.bottom + (coarsePointer.matches ? 30 : 8);
  const maxLeft = document.documentElement.clientWidth - checkButton.offsetWidth - 8;
  const left = Math.max(8, Math.min(window.scrollX + target.rect.left, maxLeft));
  checkButton.style.setProperty('top', `${top}px`);
  checkButton.style.setProperty('left', `${left}px`);
}

async function checkClaim() {
  const target = pendingTarget || selectionTarget(body);
  if (!target) { toast('Select some text in the article first.'); return; }
  if (!(await confirmLeave(panelSlot))) return;
  hideCheck();
  const selection = window.getSelection();
  const range = selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null;
  openNewClaim(target, range);
}

// "Your unsaved claims": reopen the form of a new claim on its selection (the draft comes back).
async function resumeDraft(button) {
  if (!(await confirmLeave(panelSlot))) return;
  const { start, end, quote } = button.dataset;
  openNewClaim({ start, end, quote }, null);
}

async function openNewClaim(target, range) {
  const params = new URLSearchParams({ start: target.start, end: target.end, quote: target.quote });
  try {
    const html = await getHtml(`${root.dataset.newClaimUrl}?${params}`);
    markActive(null);
    showPanel(null, html, { focus: false });
    if (sheetMode()) scrollTextTo(range, { coveredBelow: sheetHeight(), onlyIfHidden: true });
    else scrollSideTo(side, panelSection);
    markPending(range);
    panelSlot.querySelector('textarea[name="claimant"], input[name="claimant"]')?.focus({ preventScroll: true });
  } catch (error) {
    toast(error.message, 'error');
  }
}

function applyFilters() {
  const hiddenIds = filterCards(root, body);
  orientation?.filtered(hiddenIds);
}

function moveCard(step) {
  const cards = [...root.querySelectorAll('[data-card-for]:not([hidden])')];
  if (!cards.length) return;
  const current = cards.findIndex((card) => card.contains(document.activeElement));
  const index = current === -1 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, current + step));
  const card = cards[index];
  card.querySelector('.card-button').focus({ preventScroll: true });
  scrollSideTo(side, card, { behavior: 'auto' });
  const id = card.dataset.cardFor;
  scrollTextTo(marksOf(id)[0]);
  flash(marksOf(id));
}

body.addEventListener('click', (event) => {
  const mark = event.target.closest('mark[data-claim-ids]');
  if (!mark || !window.getSelection().isCollapsed) return;
  openClaim(nextId(mark.dataset.claimIds.split(' ')), { from: 'text' });
});

root.addEventListener('click', (event) => {
  const card = event.target.closest('[data-open-claim]');
  if (card) { openClaim(card.dataset.openClaim, { from: 'card' }); return; }
  if (event.target.closest('[data-action="close-panel"]')) closePanel();
  const resume = event.target.closest('[data-resume-draft]');
  if (resume) resumeDraft(resume);
});

root.addEventListener('submit', (event) => {
  const form = event.target.closest('[data-claim-form], [data-workflow-form], [data-comment-form]');
  if (!form) return;
  event.preventDefault();
  submitPanelForm(form, event.submitter);
});


checkButton.addEventListener('mousedown', (event) => event.preventDefault()); // keep the selection
checkButton.addEventListener('click', checkClaim);
document.addEventListener('mouseup', () => window.setTimeout(updateCheck, 0));
document.addEventListener('keyup', (event) => { if (event.shiftKey || event.key.startsWith('Arrow')) updateCheck(); });
// Touch selections (long press, then the handles) end with no mouseup or keyup: follow the
// selection itself, once it rests. A mouse drag is left to its mouseup.
let mouseSelecting = false;
let selectionTimer = 0;
document.addEventListener('pointerdown', (event) => { mouseSelecting = event.pointerType === 'mouse'; });
document.addEventListener('pointerup', () => { mouseSelecting = false; });
document.addEventListener('selectionchange', () => {
  window.clearTimeout(selectionTimer);
  if (window.getSelection().isCollapsed) {
    if (!checkButton.hidden) hideCheck();
    return;
  }
  if (!mouseSelecting) selectionTimer = window.setTimeout(updateCheck, 200);
});

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    if (!checkButton.hidden) { hideCheck(); return; }
    if (!panelSection.hidden && !document.querySelector('dialog[open]')) { closePanel(); return; }
  }
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
  const keys = {
    j: () => moveCard(1),
    k: () => moveCard(-1),
    c: () => checkClaim(),
    a: () => panelSection.querySelector('button[data-action="approve"]')?.click(),
    r: () => panelSection.querySelector('button[data-action="request-changes"]')?.click(),
  };
  if (keys[event.key]) { event.preventDefault(); keys[event.key](); }
});

bindClaimForms(root);
bindReattach(root, body);
bindNoteToggles(root);
bindSidebar(root, body, (hiddenIds) => orientation?.filtered(hiddenIds));
hoverCards = bindHoverCards({ root, body, cardOf, marksOf });
orientation = createOrientation({ root, body, side, open: (id) => openClaim(id, { from: 'marker' }) });
applyFilters(); // the counts, and filters the browser restored on a reload
onLayoutChange(() => { if (!panelSection.hidden) placePanel(activeId); });

// A long article's other cards arrive after the page (cards.js): then filter, count, colour
// the ticks and put an open panel into its card, as after a redraw.
const allCards = loadRestOfCards(root, () => {
  applyFilters();
  orientation?.refresh();
  if (activeId !== null) markActive(activeId);
  if (!panelSection.hidden) placePanel(activeId);
});

const fromHash = /^#claim-(\d+)$/.exec(window.location.hash);
if (fromHash) {
  const open = () => { if (cardOf(fromHash[1])) openClaim(fromHash[1], { from: 'card' }); };
  if (cardOf(fromHash[1])) open();
  else allCards.then(open);
}

// Live updates (static/js/live/reading.js) hand over fresh fragments: redraw as after a save,
// keeping the open panel (and whatever is being typed in it) in its card.
document.addEventListener('live:fragments', (event) => {
  const open = !panelSection.hidden;
  refreshFragments(event.detail);
  if (open) placePanel(activeId);
});
