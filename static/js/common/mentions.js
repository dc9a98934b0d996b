// @mention autocomplete in comment boxes: typing "@" and a few letters lists newsroom people
// (GET <meta name="mentions-url">?q=…); ↑/↓ move, Enter or Tab picks, Esc closes the list
// (and only the list). Names are inserted as text, never as HTML.
const meta = document.querySelector('meta[name="mentions-url"]');
const SELECTOR = '[data-comment-form] textarea, textarea[data-mentions]';
const TOKEN = /(?:^|[^\w@])@([\w.+-]{0,30})$/u;

let list = null; // the open listbox, if any
let field = null; // the textarea it belongs to
let token = null; // {start, end} of the "@prefix" being completed
let results = [];
let active = -1;
let asked = 0;
let timer = null;

function tokenAt(textarea) {
  const caret = textarea.selectionStart;
  if (caret !== textarea.selectionEnd) return null;
  const match = TOKEN.exec(textarea.value.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[1].length - 1, end: caret, prefix: match[1] };
}

function close() {
  if (!list) return;
  list.remove();
  field?.removeAttribute('aria-activedescendant');
  field?.removeAttribute('aria-controls');
  list = null; field = null; token = null; results = []; active = -1;
}

function highlight(index) {
  active = index;
  [...list.children].forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
  const option = list.children[index];
  if (option) {
    field.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  }
}

function render(textarea, people) {
  close();
  if (!people.length) return;
  field = textarea;
  token = tokenAt(textarea);
  results = people;
  list = document.createElement('ul');
  list.className = 'mention-list';
  list.id = `mentions-${textarea.id || 'box'}`;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'People to mention');
  people.forEach((person, index) => {
    const option = document.createElement('li');
    option.id = `${list.id}-${index}`;
    option.setAttribute('role', 'option');
    option.dataset.username = person.username;
    const name = document.createElement('span');
    name.textContent = person.name;
    const handle = document.createElement('span');
    handle.className = 'muted';
    handle.textContent = ` @${person.username}`;
    option.append(name, handle);
    list.append(option);
  });
  textarea.insertAdjacentElement('afterend', list);
  textarea.setAttribute('aria-controls', list.id);
  highlight(0);
}

function pick(index) {
  const person = results[index];
  if (!person || !field || !token) return;
  const textarea = field;
  const insert = `@${person.username} `;
  textarea.setRangeText(insert, token.start, token.end, 'end');
  close();
  textarea.dispatchEvent(new Event('input', { bubbles: true }));
  textarea.focus();
}

async function suggest(textarea) {
  const found = tokenAt(textarea);
  if (!found) { close(); return; }
  const ticket = ++asked;
  const url = `${meta.content}?q=${encodeURIComponent(found.prefix)}`;
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok || ticket !== asked) return;
    const data = await response.json();
    if (ticket !== asked || document.activeElement !== textarea) return;
    render(textarea, data.results || []);
  } catch {
    close(); // no suggestions is no error: the comment can still be typed by hand
  }
}

if (meta) {
  document.addEventListener('input', (event) => {
    const textarea = event.target.closest?.(SELECTOR);
    if (!textarea) return;
    if (!tokenAt(textarea)) { close(); return; }
    textarea.setAttribute('aria-autocomplete', 'list');
    clearTimeout(timer);
    timer = setTimeout(() => suggest(textarea), 120);
  });

  // Capture phase: while the list is open its keys are the list's, not the form's or the page's.
  document.addEventListener('keydown', (event) => {
    if (!list || event.target !== field) return;
    const keys = { ArrowDown: 1, ArrowUp: -1 };
    if (event.key in keys) {
      highlight((active + keys[event.key] + results.length) % results.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      pick(active);
    } else if (event.key === 'Escape') {
      close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  }, true);

  document.addEventListener('mousedown', (event) => {
    const option = event.target.closest('.mention-list [role="option"]');
    if (!option || !list) return;
    event.preventDefault(); // keep the focus (and the caret) in the textarea
    pick([...list.children].indexOf(option));
  });

  document.addEventListener('focusout', (event) => {
    if (list && event.target === field) setTimeout(() => { if (document.activeElement !== field) close(); }, 0);
  });
}
