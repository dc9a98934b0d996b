// The header's "Needs me" number, fetched again (debounced) when a live stream announces a
// change: a submission, a decision, a comment that mentions me may all move it.
let timer = null;

async function refresh() {
  timer = null;
  const link = document.querySelector('[data-needs-me]');
  if (!link) return;
  const response = await fetch('/stream/needs-me/', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const { count } = await response.json();
  let badge = link.querySelector('[data-needs-me-count]');
  if (!count) { badge?.remove(); link.querySelector('.visually-hidden')?.remove(); return; }
  if (!badge) {
    badge = document.createElement('span');
    badge.className = 'nav-count';
    badge.dataset.needsMeCount = '';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = ' waiting';
    link.append(' ', badge, hidden);
  }
  badge.textContent = String(count);
}

export function needsMeChanged() {
  if (timer === null) timer = window.setTimeout(() => { refresh().catch(() => {}); }, 400);
}
