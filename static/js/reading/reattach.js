// Re-attaching an orphaned claim: "Re-attach…" opens the claim's form, the user selects the
// claim's new words in the article (mouse or keyboard), and the form carries that selection as
// code-point offsets plus quote (offsets.js). Submitting goes through the reading view's
// [data-workflow-form] path, which posts it and swaps in the server's fresh fragments.
import { toast } from '../common/ui.js';
import { selectionTarget } from './offsets.js';

let activeForm = null;

// True while a re-attach form is open (the "Check this claim" control stays hidden meanwhile).
export function isReattaching() {
  return Boolean(activeForm && activeForm.isConnected && !activeForm.hidden);
}

function showTarget(range) {
  if (!window.CSS || !CSS.highlights || typeof Highlight === 'undefined') return;
  if (range) CSS.highlights.set('pending-claim', new Highlight(range));
  else CSS.highlights.delete('pending-claim');
}

function opener(form) {
  return document.querySelector(`[data-action="start-reattach"][aria-controls="${CSS.escape(form.id)}"]`);
}

function stop() {
  if (activeForm) {
    activeForm.hidden = true;
    opener(activeForm)?.setAttribute('aria-expanded', 'false');
  }
  activeForm = null;
  showTarget(null);
}

function start(button) {
  const form = document.getElementById(button.getAttribute('aria-controls'));
  if (!form) return;
  if (activeForm && activeForm !== form) stop();
  activeForm = form;
  form.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  toast('Select the new text for this claim in the article.');
}

function capture(body) {
  if (!isReattaching()) return;
  const target = selectionTarget(body);
  if (!target) return; // keep the last selection (e.g. the click on the confirm button)
  const selection = window.getSelection();
  showTarget(selection.rangeCount ? selection.getRangeAt(0).cloneRange() : null);
  for (const name of ['start', 'end', 'quote']) activeForm.elements[name].value = target[name];
  activeForm.querySelector('[data-reattach-quote]').textContent = target.quote;
  activeForm.querySelector('[data-reattach-preview]').hidden = false;
  activeForm.querySelector('[data-action="confirm-reattach"]').disabled = false;
}

export function bindReattach(root, body) {
  root.addEventListener('click', (event) => {
    const button = event.target.closest('[data-action="start-reattach"]');
    if (button) { start(button); return; }
    if (event.target.closest('[data-action="cancel-reattach"]')) stop();
  });
  document.addEventListener('mouseup', () => window.setTimeout(() => capture(body), 0));
  document.addEventListener('keyup', (event) => {
    if (event.shiftKey || event.key.startsWith('Arrow')) capture(body);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isReattaching()) stop();
  });
}
