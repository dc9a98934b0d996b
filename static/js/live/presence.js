// Presence: this tab reports itself (and the claim it edits); the stream says who else is here.
// The "X is editing" badges are painted on the cards and painted again after every redraw
// of the cards (one's own save, a live refresh, a filter), by a MutationObserver.

export function startPresence({ live, root, panel, slot, source, status, csrfToken, panelClaim }) {
  const tab = (crypto.randomUUID && crypto.randomUUID()) || `${Date.now()}-${Math.random()}`.replace('.', '');
  const url = live.dataset.presenceUrl;
  const every = Number(live.dataset.heartbeat || 10) * 1000;
  const cards = root.querySelector('[data-claims-list]');
  let here = [];
  let editing = null;

  function beat(fields = {}) {
    const data = new FormData();
    data.append('tab', tab);
    data.append('claim', editing ?? '');
    for (const [key, value] of Object.entries(fields)) data.append(key, value);
    return fetch(url, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-CSRFToken': csrfToken() } })
      .catch(() => {});
  }

  function setEditing(id) {
    if (id === editing) return;
    editing = id;
    beat();
  }

  function wanted() {
    const byClaim = new Map();
    for (const person of here) {
      if (person.claim === null) continue;
      const key = String(person.claim);
      byClaim.set(key, [...new Set([...(byClaim.get(key) || []), person.name])]);
    }
    return byClaim;
  }

  function paint() {
    observer.disconnect();
    for (const old of root.querySelectorAll('[data-live-badge]')) old.remove();
    for (const [id, names] of wanted()) {
      const card = root.querySelector(`[data-card-for="${CSS.escape(id)}"]`);
      if (!card) continue;
      const badge = document.createElement('span');
      badge.className = 'pill live-editing';
      badge.dataset.liveBadge = id;
      badge.textContent = `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} editing`;
      (card.querySelector('.card-top') || card).append(badge);
    }
    const names = [...new Set(here.map((person) => person.name))];
    status.textContent = names.length ? `Also here: ${names.join(', ')}` : '';
    status.hidden = !names.length;
    observer.observe(cards, { childList: true, subtree: true });
  }

  // A redraw that lost a badge gets it back (only then: painting is itself a mutation).
  const observer = new MutationObserver(() => {
    const byClaim = wanted();
    const shown = root.querySelectorAll('[data-live-badge]');
    const missing = [...byClaim.keys()].some((id) => root.querySelector(`[data-card-for="${CSS.escape(id)}"]`)
      && !root.querySelector(`[data-card-for="${CSS.escape(id)}"] [data-live-badge]`));
    if (missing || shown.length > byClaim.size) paint();
  });

  source.addEventListener('presence', (message) => {
    here = JSON.parse(message.data).here;
    paint();
  });

  // Editing = typing in or focusing the edit form of the open claim.
  slot.addEventListener('focusin', (event) => {
    if (event.target.closest('form[data-claim-form]') && panelClaim() !== null) setEditing(Number(panelClaim()));
  });
  new MutationObserver(() => { if (panel.hidden || !slot.querySelector('form[data-claim-form]')) setEditing(null); })
    .observe(panel, { attributes: true, attributeFilter: ['hidden'], childList: true, subtree: true });

  beat();
  window.setInterval(beat, every);
  window.addEventListener('pagehide', () => {
    const data = new FormData();
    data.append('tab', tab);
    data.append('leave', '1');
    data.append('csrfmiddlewaretoken', csrfToken());
    navigator.sendBeacon(url, data);
  });
  paint();
}
