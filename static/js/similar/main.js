// "Checked before?": earlier claims that say the same thing, shown inside the new-claim form.
//
// Self-contained: it watches the page for a form holding a [data-similar] section (the reading
// view loads the new-claim form when the reviewer selects text), asks
// GET /api/v1/claims/similar/ for the claim text (again as they type, debounced), and lists
// up to 5 matches. "Open" shows an earlier claim in a new tab (the draft stays); "Start from
// it" copies its verdict, rationale and evidence into the draft and sets the hidden see_also
// field, so that saving records a "see also" link on both claims. A claim of the same
// article that says exactly the same thing is flagged before saving.
// Every piece of user text goes in through textContent: nothing here parses HTML.

import { siteDate } from '../common/ui.js';

const DEBOUNCE_MS = 250;
const STATUS_LABELS = {
  draft: 'Draft', submitted: 'Submitted', changes_requested: 'Changes requested',
  approved: 'Approved', published: 'Published', retracted: 'Retracted',
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function isolated(tag, className, text) {
  const node = element(tag, className, text); // user text: its own direction, isolated
  node.dir = 'auto';
  return node;
}

function verdictBadge(claim) {
  if (!claim.verdict) return element('span', 'verdict-badge v-none', 'No verdict');
  const badge = element('span', 'verdict-badge', claim.verdict_label || claim.verdict);
  badge.classList.add(`v-${claim.verdict}`);
  return badge;
}

function when(claim) {
  return siteDate(claim.published_at || claim.created_at);
}

function resultItem(claim) {
  const item = element('li', 'similar-item');
  item.dataset.similarId = String(claim.id);
  if (claim.duplicate) item.classList.add('is-duplicate');
  const head = element('div', 'badge-row');
  head.append(verdictBadge(claim));
  head.append(element('span', `pill st-${claim.status}`, STATUS_LABELS[claim.status] || claim.status));
  head.append(element('span', 'similar-score', `${Math.round(claim.score * 100)}% match`));
  item.append(head);
  item.append(isolated('p', 'similar-claim', claim.claim_text));
  if (claim.quote && claim.quote.trim() !== (claim.claim_text || '').trim()) {
    item.append(isolated('blockquote', 'similar-quote', claim.quote));
  }
  const meta = element('p', 'similar-meta muted');
  meta.append(isolated('bdi', '', claim.article_title));
  const date = when(claim);
  if (date) meta.append(` · ${date}`);
  meta.append(` · claim #${claim.id}`);
  item.append(meta);
  const actions = element('div', 'similar-actions');
  const open = element('a', 'button subtle small', 'Open');
  open.href = claim.see_also_url;
  open.target = '_blank';
  open.rel = 'noopener';
  open.dataset.similarOpen = String(claim.id);
  open.setAttribute('aria-label', `Open claim #${claim.id} in a new tab`);
  const start = element('button', 'button small', 'Start from it');
  start.type = 'button';
  start.dataset.similarStart = String(claim.id);
  start.setAttribute('aria-label', `Start from claim #${claim.id}: copy its verdict, rationale and evidence`);
  actions.append(open, start);
  item.append(actions);
  return item;
}

function setField(input, value) {
  if (!input) return;
  input.value = value ?? '';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function copyEvidence(form, evidence) {
  const add = form.querySelector('[data-action="add-evidence"]');
  const total = form.querySelector('input[name="evidence-TOTAL_FORMS"]');
  if (!add || !total) return 0;
  let copied = 0;
  for (const link of evidence) {
    const index = Number(total.value);
    add.click(); // the reading view's form code adds a row from its template
    if (Number(total.value) !== index + 1) break;
    const field = (name) => form.querySelector(`[name="evidence-${index}-${name}"]`);
    setField(field('url'), link.url);
    setField(field('title'), link.title);
    setField(field('publisher'), link.publisher);
    setField(field('excerpt'), link.excerpt);
    setField(field('stance'), link.stance);
    setField(field('accessed_on'), link.accessed_on || '');
    setField(field('archived_url'), link.archived_url || '');
    copied += 1;
  }
  return copied;
}

function startFrom(section, claim) {
  const form = section.closest('form');
  const verdict = form.querySelector('select[name="verdict"]');
  if (verdict && claim.verdict && [...verdict.options].some((o) => o.value === claim.verdict)) {
    setField(verdict, claim.verdict);
  }
  setField(form.querySelector('textarea[name="rationale"]'), claim.rationale || '');
  const copied = copyEvidence(form, claim.evidence || []);
  setField(form.querySelector('[data-see-also]'), String(claim.id));
  const started = section.querySelector('[data-similar-started]');
  const links = copied === 1 ? '1 evidence link' : `${copied} evidence links`;
  started.textContent = `Started from claim #${claim.id}: verdict, rationale and ${links} copied. `
    + 'Saving records a "see also" link on both claims.';
  started.hidden = false;
  for (const button of section.querySelectorAll('[data-similar-start]')) {
    button.setAttribute('aria-pressed', String(button.dataset.similarStart === String(claim.id)));
  }
}

function showDuplicate(section, claims) {
  const slot = section.querySelector('[data-similar-duplicate]');
  const duplicate = claims.find((claim) => claim.duplicate);
  slot.hidden = !duplicate;
  slot.textContent = duplicate
    ? `Already in this article: claim #${duplicate.id} (${STATUS_LABELS[duplicate.status] || duplicate.status}) says the same thing. Saving adds a second claim.`
    : '';
}

function render(section, claims) {
  section.similarClaims = new Map(claims.map((claim) => [String(claim.id), claim]));
  const list = section.querySelector('[data-similar-list]');
  list.replaceChildren(...claims.map(resultItem));
  showDuplicate(section, claims);
  section.hidden = claims.length === 0;
}

async function lookUp(section, text) {
  const query = text.trim();
  section.controller?.abort();
  if (!query) { render(section, []); return; }
  const controller = new AbortController();
  section.controller = controller;
  const params = new URLSearchParams({ text: query.slice(0, 2000), limit: '5', article: section.dataset.article });
  try {
    const response = await fetch(`${section.dataset.similarUrl}?${params}`, {
      credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: controller.signal,
    });
    if (!response.ok) return; // suggestions are a help: a failure leaves the form as it is
    const data = await response.json();
    if (section.controller === controller) render(section, data.results || []);
  } catch (error) {
    if (error.name !== 'AbortError') section.hidden = true;
  }
}

function bind(section) {
  section.dataset.similarBound = 'true';
  const form = section.closest('form');
  const textarea = form?.querySelector('[name="claim_text"]');
  if (!textarea) return;
  let timer = null;
  textarea.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => lookUp(section, textarea.value), DEBOUNCE_MS);
  });
  section.addEventListener('click', (event) => {
    const button = event.target.closest('[data-similar-start]');
    if (!button) return;
    const claim = section.similarClaims?.get(button.dataset.similarStart);
    if (claim) startFrom(section, claim);
  });
  lookUp(section, textarea.value || form.querySelector('[name="quote"]')?.value || '');
}

function bindAll() {
  for (const section of document.querySelectorAll('[data-similar]:not([data-similar-bound])')) bind(section);
}

new MutationObserver(bindAll).observe(document.body, { childList: true, subtree: true });
bindAll();
