// Claim form behaviour inside the panel: evidence rows, Markdown preview, verdict description,
// the autosaved draft (server-side, debounced), asking before unsaved text is thrown away, and
// autocomplete of claimant and tags from existing values.
import { getHtml, postForm, postText } from '../common/http.js';
import { toast } from '../common/ui.js';

const AUTOSAVE_MS = 1200; // a pause in typing this long saves the draft
const SUGGEST_MS = 200;
const drafts = new WeakMap(); // form -> { timer, saving (a Promise), unsaved }

function draftState(form) {
  if (!drafts.has(form)) drafts.set(form, { timer: null, saving: null, unsaved: false });
  return drafts.get(form);
}

function setDraftStatus(form, text) {
  const slot = form.querySelector('[data-draft-status]');
  if (slot) slot.textContent = text;
}

async function saveDraft(form) {
  const state = draftState(form);
  window.clearTimeout(state.timer);
  state.timer = null;
  if (state.saving) await state.saving; // one save at a time, in order
  if (!form.isConnected || !form.dataset.draftUrl || !state.unsaved) return;
  state.unsaved = false;
  setDraftStatus(form, 'Saving draft…');
  state.saving = postForm(form.dataset.draftUrl, formDataFor(form)).then((result) => {
    state.saving = null;
    if (result.ok) {
      form.dataset.draftDiscardUrl = result.discard_url;
      if (!state.unsaved) setDraftStatus(form, result.message);
    } else {
      state.unsaved = true; // keep warning before the page is left
      setDraftStatus(form, `Draft not saved: ${result.message}`);
    }
  });
  await state.saving;
}

function changed(form) {
  form.dataset.dirty = 'true';
  const state = draftState(form);
  state.unsaved = true;
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(() => saveDraft(form), AUTOSAVE_MS);
}

// Before the form is submitted as a claim: no autosave may land after the save (and revive the
// draft the save clears).
export async function settleDraft(form) {
  const state = draftState(form);
  window.clearTimeout(state.timer);
  state.timer = null;
  state.unsaved = false;
  if (state.saving) await state.saving;
}

// A new claim's draft is gone (saved as a claim, or discarded): drop it from "Your unsaved claims".
export function forgetDraftEntry(form) {
  const start = form.elements.start?.value;
  const end = form.elements.end?.value;
  if (start === undefined || end === undefined) return;
  const button = document.querySelector(`[data-resume-draft][data-start="${CSS.escape(start)}"][data-end="${CSS.escape(end)}"]`);
  const section = button?.closest('[data-new-drafts]');
  button?.closest('li')?.remove();
  if (section && !section.querySelector('li')) section.remove();
}

async function discardDraft(form) {
  await settleDraft(form);
  const url = form.dataset.draftDiscardUrl;
  if (url) {
    const result = await postForm(url, new FormData());
    if (!result.ok && result.httpStatus !== 404) { toast(result.message, 'error'); return false; }
  }
  delete form.dataset.draftDiscardUrl;
  form.dataset.dirty = 'false';
  forgetDraftEntry(form);
  return true;
}

function dirtyForm(container) {
  return container.querySelector('[data-claim-form][data-dirty="true"]');
}

// Changes typed but not yet kept anywhere (no draft saved yet, or the save failed).
function unsavedForms() {
  return [...document.querySelectorAll('[data-claim-form]')].filter((form) => {
    const state = drafts.get(form);
    return state && (state.unsaved || state.saving);
  });
}

function askDialog() {
  let dialog = document.querySelector('[data-leave-dialog]');
  if (dialog) return dialog;
  dialog = document.createElement('dialog');
  dialog.className = 'help-dialog leave-dialog';
  dialog.dataset.leaveDialog = '';
  dialog.setAttribute('aria-labelledby', 'leave-dialog-title');
  dialog.innerHTML = `
    <h2 id="leave-dialog-title">Close this claim form?</h2>
    <p>You have changes that are not saved to the claim. Keep them as a draft (it comes back when
      you open this form again), or discard them.</p>
    <form method="dialog" class="form-actions">
      <button class="button primary" value="keep-editing" autofocus>Keep editing</button>
      <button class="button" value="keep-draft">Close, keep draft</button>
      <button class="button danger" value="discard">Discard changes</button>
    </form>`;
  document.body.append(dialog);
  return dialog;
}

// Resolve true when the panel may be closed or replaced: nothing unsaved, or the person chose.
export function confirmLeave(container) {
  const form = dirtyForm(container);
  if (!form) return Promise.resolve(true);
  const dialog = askDialog();
  const focusBack = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener('close', async () => {
      const choice = dialog.returnValue;
      dialog.returnValue = '';
      if (choice === 'keep-draft') {
        await saveDraft(form);
        resolve(true);
      } else if (choice === 'discard') {
        resolve(await discardDraft(form));
      } else {
        focusBack?.focus?.({ preventScroll: true });
        resolve(false); // Esc on the dialog, or "Keep editing"
      }
    }, { once: true });
    // after the current event: the Esc keydown that asked would otherwise close it at once
    window.setTimeout(() => dialog.showModal(), 0);
  });
}

const suggestTimers = new WeakMap();

async function suggest(input) {
  const form = input.closest('[data-claim-form]');
  const list = document.getElementById(input.getAttribute('list'));
  if (!form || !list) return;
  const isTags = input.dataset.suggest === 'tags';
  const value = input.value;
  const cut = isTags ? value.lastIndexOf(',') + 1 : 0;
  const token = value.slice(cut).trim();
  if (!token) { list.replaceChildren(); return; }
  const url = form.dataset.suggestUrl.replace('/tags/', `/${input.dataset.suggest}/`);
  const response = await fetch(`${url}?q=${encodeURIComponent(token)}`, { credentials: 'same-origin' });
  if (!response.ok) return;
  const { results } = await response.json();
  const head = isTags ? value.slice(0, cut).replace(/\s*$/, cut ? ' ' : '') : '';
  const taken = new Set(value.slice(0, cut).split(',').map((t) => t.trim().toLowerCase()));
  list.replaceChildren(...results.filter((r) => !taken.has(r.toLowerCase())).map((r) => {
    const option = document.createElement('option');
    option.value = head + r;
    return option;
  }));
}

function renumber(set) {
  const rows = [...set.querySelectorAll('[data-evidence-row]')];
  let n = 0;
  for (const row of rows) {
    if (row.classList.contains('is-removed')) continue;
    n += 1;
    const legend = row.querySelector('legend');
    if (legend) legend.textContent = `Link ${n}`;
  }
  const empty = set.querySelector('[data-evidence-empty]');
  if (empty) empty.hidden = n > 0;
}

function addEvidence(set) {
  const total = set.querySelector('input[name="evidence-TOTAL_FORMS"]');
  const template = set.querySelector('template[data-evidence-template]');
  const index = Number(total.value);
  const html = template.innerHTML.replaceAll('__prefix__', String(index));
  const holder = document.createElement('div');
  holder.innerHTML = html.trim();
  const row = holder.firstElementChild;
  set.querySelector('[data-evidence-rows]').append(row);
  total.value = String(index + 1);
  renumber(set);
  row.querySelector('input[type="url"]')?.focus();
}

function setRemoved(row, removed) {
  const box = row.querySelector('[data-delete-box]');
  if (box) box.checked = removed;
  row.classList.toggle('is-removed', removed);
  for (const input of row.querySelectorAll('.evidence-fields input, .evidence-fields select, .evidence-fields textarea')) {
    input.disabled = removed; // a removed row is not validated by the browser either
  }
  renumber(row.closest('[data-evidence-set]'));
  const focus = removed ? row.querySelector('[data-action="undo-remove-evidence"]') : row.querySelector('input[type="url"]');
  focus?.focus();
}

async function showPreview(form, on) {
  const field = form.querySelector('[data-field="rationale"]');
  const textarea = field.querySelector('textarea');
  const target = field.querySelector('[data-preview-target]');
  field.querySelector('[data-action="write"]').setAttribute('aria-pressed', String(!on));
  field.querySelector('[data-action="preview"]').setAttribute('aria-pressed', String(on));
  if (!on) {
    target.hidden = true;
    textarea.hidden = false;
    textarea.focus();
    return;
  }
  const url = document.querySelector('[data-reading]').dataset.previewUrl;
  try {
    target.innerHTML = await postText(url, { text: textarea.value });
  } catch (error) {
    target.textContent = error.message;
  }
  textarea.hidden = true;
  target.hidden = false;
}

function showDescription(select) {
  const option = select.selectedOptions[0];
  const slot = select.closest('.field').querySelector('[data-verdict-description]');
  if (slot) slot.textContent = option ? option.dataset.description || '' : '';
}

export function bindClaimForms(root) {
  root.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button || !root.contains(button)) return;
    const form = button.closest('[data-claim-form]');
    if (!form) return;
    const action = button.dataset.action;
    if (action === 'add-evidence') addEvidence(button.closest('[data-evidence-set]'));
    else if (action === 'remove-evidence') setRemoved(button.closest('[data-evidence-row]'), true);
    else if (action === 'undo-remove-evidence') setRemoved(button.closest('[data-evidence-row]'), false);
    else if (action === 'preview') showPreview(form, true);
    else if (action === 'write') showPreview(form, false);
    else if (action === 'discard-draft') discardAndReload(form);
    if (['add-evidence', 'remove-evidence', 'undo-remove-evidence'].includes(action)) changed(form);
  });
  root.addEventListener('change', (event) => {
    if (event.target.matches('[data-verdict-select]')) showDescription(event.target);
    const form = event.target.closest('[data-claim-form]');
    if (form) changed(form);
  });
  root.addEventListener('input', (event) => {
    const form = event.target.closest('[data-claim-form]');
    if (!form) return;
    changed(form);
    if (event.target.matches('[data-suggest]')) {
      window.clearTimeout(suggestTimers.get(event.target));
      suggestTimers.set(event.target, window.setTimeout(() => suggest(event.target), SUGGEST_MS));
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (!unsavedForms().length) return;
    event.preventDefault();
    event.returnValue = ''; // older browsers need it set to show the prompt
  });
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      const form = event.target.closest('[data-claim-form]');
      if (!form) return;
      event.preventDefault();
      form.querySelector('[data-action="save-draft"]')?.click();
      toast('Saving…');
    }
  });
}

// "Discard my changes" on a restored draft: forget it and show the form as last saved.
async function discardAndReload(form) {
  if (!(await discardDraft(form))) return;
  const root = form.closest('[data-reading]');
  const slot = form.closest('[data-fragment="panel"]');
  const panel = form.closest('[data-panel-claim]');
  let url;
  if (panel) url = root.dataset.panelUrlTemplate.replace('/0/', `/${panel.dataset.panelClaim}/`);
  else {
    const params = new URLSearchParams();
    for (const name of ['start', 'end', 'quote']) params.set(name, form.elements[name].value);
    url = `${root.dataset.newClaimUrl}?${params}`;
  }
  try {
    slot.innerHTML = await getHtml(url);
    slot.querySelector('[data-draft-status]')?.replaceChildren('Draft discarded.');
    slot.querySelector('#panel-title')?.focus({ preventScroll: true });
  } catch (error) {
    toast(error.message, 'error');
  }
}

// Removed rows have disabled inputs (not sent); re-enable the delete box so Django sees it.
export function formDataFor(form, submitter) {
  const data = new FormData(form, submitter);
  for (const row of form.querySelectorAll('[data-evidence-row].is-removed')) {
    const box = row.querySelector('[data-delete-box]');
    if (box) data.set(box.name, 'on');
    for (const input of row.querySelectorAll('.evidence-fields [name]')) data.set(input.name, input.value);
  }
  return data;
}
