// The reading view: highlights <-> claim cards, the "Check this claim" control, the claim panel.
import { getHtml, postForm } from '../common/http.js';
import { applyFragments, bindNoteToggles, isTyping, setBusy, showError, toast } from '../common/ui.js';
import { bindClaimForms, confirmLeave, forgetDraftEntry, formDataFor, settleDraft } from './forms.js';
import { selectionTarget } from './offsets.js';
import { bindReattach, isReattaching } from './reattach.js';

const root = document.querySelector('[data-reading]');
const body = document.querySelector('[data-article-body]');
const side = root.querySelector('.reading-side');
const panelSection = root.querySelector('[data-claim-panel]');
const panelSlot = panelSection.querySelector('[data-fragment="panel"]');
const checkButton = document.querySelector('[data-action="check-claim"]');
const canCheck = body.dataset.canCheck === 'true';
const motion = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
let activeId = null;
let pendingTarget = null;

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
}

function placePanel(id) {
  const card = id === null ? null : cardOf(id);
  if (card && !card.hidden) card.append(panelSection); // a filtered-out card cannot hold it
  else root.querySelector('[data-claims-list] .side-header').after(panelSection);
  panelSection.hidden = false;
}

async function closePanel() {
  if (!(await confirmLeave(panelSlot))) return; // unsaved text in the form: ask first
  const id = activeId;
  panelSection.hidden = true;
  panelSlot.innerHTML = '';
  markPending(null);
  side.append(panelSection);
  markActive(null);
  if (window.location.hash) history.replaceState(null, '', window.location.pathname + window.location.search);
  if (id !== null) cardOf(id)?.querySelector('.card-button')?.focus();
}

function showPanel(id, html, { focus = true, scroll = true } = {}) {
  panelSlot.innerHTML = html;
  placePanel(id);
  const card = id === null ? null : cardOf(id);
  if (scroll) (card || panelSection).scrollIntoView({ behavior: motion, block: 'start' });
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
  target.scrollIntoView({ behavior: motion, block: 'center' });
  if (invalid) invalid.focus({ preventScroll: true });
}

async function openClaim(id, { from = 'card' } = {}) {
  if (!(await confirmLeave(panelSlot))) return;
  markActive(id);
  const card = cardOf(id);
  if (from === 'card') {
    const first = marksOf(id)[0];
    first?.scrollIntoView({ behavior: motion, block: 'center' });
    flash(marksOf(id));
  } else if (card) {
    card.scrollIntoView({ behavior: motion, block: 'nearest' });
    flash([card]);
  }
  history.replaceState(null, '', `#claim-${id}`);
  const url = root.dataset.panelUrlTemplate.replace('/0/', `/${id}/`);
  try {
    showPanel(id, await getHtml(url), { focus: from === 'card' });
    if (from !== 'card') card?.scrollIntoView({ behavior: motion, block: 'nearest' });
  } catch (error) {
    toast(error.message, 'error');
  }
}

function refreshFragments(html) {
  // the panel lives inside a card: take it out before the cards are replaced, then put it back
  side.append(panelSection);
  const { panel, ...rest } = html || {};
  if (rest.body !== undefined) markPending(null); // the old text nodes are gone
  applyFragments(rest);
  applyFilters();
  if (activeId !== null) markActive(activeId);
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
  // a save keeps the reader where they are: the fresh panel replaces the old one in place
  if (panel !== undefined) showPanel(result.claim ?? activeId, panel, { scroll: false });
  window.scrollTo({ top: scrollY, behavior: 'instant' });
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
  const top = window.scrollY + target.rect.bottom + 8;
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
    markPending(range);
    panelSlot.querySelector('textarea[name="claimant"], input[name="claimant"]')?.focus({ preventScroll: true });
  } catch (error) {
    toast(error.message, 'error');
  }
}

function applyFilters() {
  const status = root.querySelector('[data-filter="status"]').value;
  const verdict = root.querySelector('[data-filter="verdict"]').value;
  const hiddenIds = new Set();
  for (const card of root.querySelectorAll('[data-card-for]')) {
    const match = (!status || card.dataset.status === status) && (!verdict || card.dataset.verdict === verdict);
    card.hidden = !match;
    if (!match) hiddenIds.add(card.dataset.cardFor);
  }
  // a highlight is muted when none of the claims it carries passes the filters
  for (const mark of body.querySelectorAll('mark[data-claim-ids]')) {
    mark.classList.toggle('is-filtered-out', mark.dataset.claimIds.split(' ').every((id) => hiddenIds.has(id)));
  }
  const empty = root.querySelector('[data-filter-empty]');
  if (empty) empty.hidden = hiddenIds.size < root.querySelectorAll('[data-card-for]').length;
  // the orphans box disappears when the filters hide every orphan in it
  const orphans = root.querySelector('[data-orphans]');
  if (orphans) orphans.hidden = [...orphans.querySelectorAll('[data-orphan]')].every((card) => card.hidden);
}

function moveCard(step) {
  const cards = [...root.querySelectorAll('[data-card-for]:not([hidden])')];
  if (!cards.length) return;
  const current = cards.findIndex((card) => card.contains(document.activeElement));
  const index = current === -1 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, current + step));
  const card = cards[index];
  card.querySelector('.card-button').focus();
  const id = card.dataset.cardFor;
  marksOf(id)[0]?.scrollIntoView({ behavior: motion, block: 'center' });
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

root.addEventListener('change', (event) => { if (event.target.matches('[data-filter]')) applyFilters(); });

checkButton.addEventListener('mousedown', (event) => event.preventDefault()); // keep the selection
checkButton.addEventListener('click', checkClaim);
document.addEventListener('mouseup', () => window.setTimeout(updateCheck, 0));
document.addEventListener('keyup', (event) => { if (event.shiftKey || event.key.startsWith('Arrow')) updateCheck(); });
document.addEventListener('selectionchange', () => {
  if (!checkButton.hidden && window.getSelection().isCollapsed) hideCheck();
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

const fromHash = /^#claim-(\d+)$/.exec(window.location.hash);
if (fromHash && cardOf(fromHash[1])) openClaim(fromHash[1], { from: 'card' });
