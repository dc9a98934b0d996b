// Site-wide behaviour: the keyboard-shortcut help overlay and global shortcuts.
import { isTyping } from './ui.js';
import './mentions.js';

const dialog = document.querySelector('[data-help-dialog]');
let pendingG = false;

function showHelp() {
  if (dialog && !dialog.open) dialog.showModal();
}

document.addEventListener('click', (event) => {
  if (event.target.closest('[data-action="show-help"]')) showHelp();
  if (event.target.closest('[data-action="close-dialog"]')) event.target.closest('dialog')?.close();
});

dialog?.addEventListener('click', (event) => {
  if (event.target === dialog) dialog.close(); // a click on the backdrop
});

function focusSearch() {
  const field = document.querySelector('[data-filter], input[type="search"]');
  if (!field) return false;
  field.focus();
  return true;
}

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
  if (pendingG) {
    pendingG = false;
    const links = { a: '/articles/', q: '/review/', n: '/needs-me/' };
    if (links[event.key]) window.location.assign(links[event.key]);
    return;
  }
  if (event.key === '?') {
    event.preventDefault();
    showHelp();
  } else if (event.key === '/') {
    if (focusSearch()) event.preventDefault();
  } else if (event.key === 'g') {
    pendingG = true;
    window.setTimeout(() => { pendingG = false; }, 1200);
  }
});
