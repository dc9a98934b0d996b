// Small shared UI pieces: toasts, fragment replacement, note toggles, typing detection.

export function toast(message, kind = 'info') {
  const region = document.querySelector('[data-toast-region]');
  if (!region || !message) return;
  const item = document.createElement('p');
  item.className = `toast toast-${kind}`;
  item.textContent = message;
  region.append(item);
  window.setTimeout(() => item.classList.add('is-leaving'), 3500);
  window.setTimeout(() => item.remove(), 4200);
}

// Replace the inner HTML of every [data-fragment="<key>"] element with the server's fragment.
export function applyFragments(html, root = document) {
  for (const [key, value] of Object.entries(html || {})) {
    const target = root.querySelector(`[data-fragment="${CSS.escape(key)}"]`);
    if (target) target.innerHTML = value;
  }
}

export function isTyping(event) {
  const el = event.target;
  if (!(el instanceof Element)) return false;
  return Boolean(el.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'));
}

export function showError(container, message) {
  const slot = container && container.querySelector('[data-panel-error]');
  if (slot) {
    slot.textContent = message;
    slot.hidden = false;
  } else {
    toast(message, 'error');
  }
}

// Buttons with data-opens-note="<form id>" reveal a note form; [data-action=cancel-note] hides it.
export function bindNoteToggles(root) {
  root.addEventListener('click', (event) => {
    const opener = event.target.closest('[data-opens-note]');
    if (opener) {
      const form = document.getElementById(opener.dataset.opensNote);
      if (!form) return;
      form.hidden = !form.hidden;
      opener.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) form.querySelector('textarea, select')?.focus();
      return;
    }
    const cancel = event.target.closest('[data-action="cancel-note"]');
    if (cancel) {
      const form = cancel.closest('form');
      form.hidden = true;
      const toggler = document.querySelector(`[data-opens-note="${CSS.escape(form.id)}"]`);
      toggler?.setAttribute('aria-expanded', 'false');
      toggler?.focus();
    }
  });
}

export function setBusy(form, busy) {
  form.setAttribute('aria-busy', String(busy));
  for (const button of form.querySelectorAll('button')) button.disabled = busy;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The site's one date format (factcheck/core/formats/en/formats.py), in UTC as the server
// renders it: "1 Dec 2026", or "1 Dec 2026, 19:05" with the time (24-hour).
export function siteDate(value, withTime = false) {
  const date = value ? new Date(value) : null;
  if (!date || Number.isNaN(date.valueOf())) return '';
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  if (!withTime) return day;
  const pad = (n) => String(n).padStart(2, '0');
  return `${day}, ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}
