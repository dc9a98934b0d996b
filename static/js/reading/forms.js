// Claim form behaviour inside the panel: evidence rows, Markdown preview, verdict description.
import { postText } from '../common/http.js';
import { toast } from '../common/ui.js';

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
  });
  root.addEventListener('change', (event) => {
    if (event.target.matches('[data-verdict-select]')) showDescription(event.target);
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
