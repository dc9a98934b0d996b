// Live review queue (issue 14): new submissions appear, items taken by another editor say so.
import { getHtml } from '../common/http.js';
import { needsMeChanged } from './needs-me.js';

const live = document.querySelector('[data-live-queue]');
const list = document.querySelector('[data-queue]');
const TAKEN = { approve: 'approved it', request_changes: 'requested changes', retract: 'retracted it' };

function updateCount() {
  const count = document.querySelector('[data-queue-count]');
  const n = list.querySelectorAll('[data-queue-item].st-submitted').length;
  if (count) count.textContent = `${n} submitted claim${n === 1 ? '' : 's'}`;
}

async function addRow(id) {
  const html = await getHtml(live.dataset.rowUrlTemplate.replace('/0/', `/${id}/`));
  let slot = list.querySelector(`[data-fragment="queue-${CSS.escape(String(id))}"]`);
  if (!slot) {
    slot = document.createElement('li');
    slot.className = 'queue-slot';
    slot.dataset.fragment = `queue-${id}`;
    list.append(slot);
  }
  slot.innerHTML = html;
  document.querySelector('[data-queue-empty]')?.remove();
  updateCount();
}

function markTaken(event) {
  const item = list.querySelector(`[data-queue-item="${CSS.escape(String(event.claim))}"]`);
  if (!item || !item.classList.contains('st-submitted')) return;
  item.classList.replace('st-submitted', `st-${event.status}`);
  for (const part of item.querySelectorAll('.action-row, form[data-workflow-form]')) part.remove();
  const note = document.createElement('p');
  note.className = 'notice live-taken';
  note.setAttribute('role', 'status');
  note.textContent = `Taken by ${event.actor}: ${TAKEN[event.action]}.`;
  item.append(note);
  updateCount();
}

if (live && list && window.EventSource) {
  const me = Number(live.dataset.userId);
  const seen = new Set();
  const since = Number(new URL(live.dataset.streamUrl, window.location.href).searchParams.get('since') || 0);
  const source = new EventSource(live.dataset.streamUrl);
  source.addEventListener('open', () => { live.dataset.liveState = 'open'; });
  source.addEventListener('error', () => { live.dataset.liveState = 'reconnecting'; });
  source.addEventListener('change', (message) => {
    const event = JSON.parse(message.data);
    if (seen.has(event.id) || event.id <= since) return;
    seen.add(event.id);
    needsMeChanged();
    if (event.status === 'submitted') addRow(event.claim).catch(() => {});
    else if (event.action in TAKEN && event.actor_id !== me) markTaken(event);
  });
}
