// The review queue: approve / request changes in place, j/k to move, a/r shortcuts.
import { postForm } from '../common/http.js';
import { applyFragments, bindNoteToggles, isTyping, setBusy, showError, toast } from '../common/ui.js';

const queue = document.querySelector('[data-queue]');

// the heading counts the claims still waiting in this part of the queue: a row that moved on
// (approved while reviewing, published while publishing) stays in place but no longer counts
function updateCount() {
  const count = document.querySelector('[data-queue-count]');
  if (!count) return;
  const publishing = count.dataset.stage === 'publish';
  const n = queue.querySelectorAll(`[data-queue-item].st-${publishing ? 'approved' : 'submitted'}`).length;
  count.textContent = `${n} ${publishing ? 'approved' : 'submitted'} claim${n === 1 ? '' : 's'}`;
}

if (queue) {
  bindNoteToggles(queue);

  queue.addEventListener('submit', async (event) => {
    const form = event.target.closest('[data-workflow-form]');
    if (!form) return;
    event.preventDefault();
    const item = form.closest('[data-queue-item]');
    setBusy(form, true);
    const result = await postForm(form.action, new FormData(form, event.submitter));
    setBusy(form, false);
    if (result.ok) {
      applyFragments(result.html, queue);
      updateCount();
      const row = queue.querySelector(`[data-queue-item="${CSS.escape(String(result.claim))}"]`);
      if (!row?.querySelector('.notice')) toast(result.message, 'success'); // said once
      row?.focus();
    } else {
      showError(item, result.message);
    }
  });

  const items = () => [...queue.querySelectorAll('[data-queue-item]')];
  const current = () => document.activeElement?.closest('[data-queue-item]');

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
    const list = items();
    const here = current();
    if (event.key === 'j' || event.key === 'k') {
      event.preventDefault();
      const index = list.indexOf(here);
      const next = event.key === 'j' ? Math.min(list.length - 1, index + 1) : Math.max(0, index - 1);
      list[index === -1 ? 0 : next]?.focus();
    } else if (event.key === 'a' && here) {
      here.querySelector('button[data-action="approve"]')?.click();
    } else if (event.key === 'r' && here) {
      event.preventDefault();
      here.querySelector('button[data-action="request-changes"]')?.click();
    }
  });
}
