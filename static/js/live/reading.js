// Live updates of the reading view (issue 14): the article's event stream, presence, notices.
// Fragments are fetched from the ordinary state/panel views (permission-checked) and handed to
// reading/main.js with a `live:fragments` event, which redraws as after one's own save.
import { csrfToken, getHtml } from '../common/http.js';
import { needsMeChanged } from './needs-me.js';
import { startPresence } from './presence.js';

const live = document.querySelector('[data-live]');
const root = document.querySelector('[data-reading]');

if (live && root && window.EventSource) {
  const me = Number(live.dataset.userId);
  const body = root.querySelector('[data-article-body]');
  const panel = root.querySelector('[data-claim-panel]');
  const slot = panel.querySelector('[data-fragment="panel"]');
  const header = root.querySelector('.article-header');
  const seen = new Set();
  const since = Number(new URL(live.dataset.streamUrl, window.location.href).searchParams.get('since') || 0);
  let dirty = false; // the open panel's form has unsaved typing
  let bodyStale = false;
  let timer = null;

  const status = document.createElement('p');
  status.className = 'live-status muted';
  status.dataset.liveHere = '';
  status.setAttribute('aria-live', 'polite');
  header.append(status);

  const panelClaim = () => {
    if (panel.hidden) return null;
    const card = panel.closest('[data-card-for]');
    return card ? card.dataset.cardFor : null;
  };

  // A selection being made or a new claim being drawn holds text nodes: redraw the body later.
  const bodyBusy = () => {
    const selection = window.getSelection();
    const selecting = selection.rangeCount && !selection.isCollapsed && body.contains(selection.anchorNode);
    const drawing = !panel.hidden && panel.querySelector('form[data-claim-form]') && panelClaim() === null;
    return Boolean(selecting || drawing);
  };

  // Answers can arrive out of order: only the latest request's answer is applied.
  let stateAsked = 0;
  let panelAsked = 0;

  async function refresh() {
    timer = null;
    const asked = ++stateAsked;
    const response = await fetch(root.dataset.stateUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok || asked !== stateAsked) return;
    const { html } = await response.json();
    bodyStale = bodyBusy();
    if (bodyStale) delete html.body;
    document.dispatchEvent(new CustomEvent('live:fragments', { detail: html }));
  }
  // A refresh that fails (the server restarting, the network gone) is tried again every 2 s.
  let refreshFailed = false;
  const scheduleRefresh = () => {
    if (timer !== null) return;
    timer = window.setTimeout(() => {
      refresh().then(() => { refreshFailed = false; }, () => { timer = null; refreshFailed = true; });
    }, 120);
  };
  window.setInterval(() => { if (refreshFailed || (bodyStale && !bodyBusy())) scheduleRefresh(); }, 2000);

  function notice(kind, text, action) {
    const where = kind === 'panel' ? panel : header;
    let box = where.querySelector(`[data-live-notice="${kind}"]`);
    if (!box) {
      box = document.createElement('p');
      box.className = 'notice live-notice';
      box.dataset.liveNotice = kind;
      box.setAttribute('role', 'status');
      where.prepend(box);
    }
    box.textContent = `${text} `;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button small';
    button.textContent = 'Reload';
    button.addEventListener('click', action);
    box.append(button);
  }

  async function reloadPanel(id) {
    const asked = ++panelAsked;
    const html = await getHtml(root.dataset.panelUrlTemplate.replace('/0/', `/${id}/`));
    if (asked !== panelAsked || String(id) !== panelClaim()) return; // a newer answer, or closed
    slot.innerHTML = html;
    dirty = false;
  }

  function onChange(event) {
    if (event.action === 'revise') {
      notice('revision', `A new revision was saved by ${event.actor}.`, () => window.location.reload());
      return;
    }
    scheduleRefresh();
    if (event.claim === null || String(event.claim) !== panelClaim() || event.actor_id === me) return;
    const reload = () => reloadPanel(event.claim).catch(() => {
      notice('panel', `Changed by ${event.actor}; it could not be loaded.`, reload);
    });
    if (dirty) notice('panel', `Changed by ${event.actor} while you were editing.`, reload);
    else reload();
  }

  slot.addEventListener('input', () => { dirty = true; });
  // new panel content (opened, saved, reloaded, closed): nothing typed yet, no stale notice
  new MutationObserver(() => { dirty = false; panel.querySelector('[data-live-notice="panel"]')?.remove(); })
    .observe(slot, { childList: true });

  const source = new EventSource(live.dataset.streamUrl);
  source.addEventListener('open', () => { live.dataset.liveState = 'open'; });
  source.addEventListener('error', () => { live.dataset.liveState = 'reconnecting'; });
  source.addEventListener('change', (message) => {
    const event = JSON.parse(message.data);
    if (seen.has(event.id) || event.id <= since) return; // a replay overlaps what was received
    seen.add(event.id);
    live.dataset.lastEvent = String(event.id);
    onChange(event);
    needsMeChanged();
  });
  source.addEventListener('reload', scheduleRefresh);

  startPresence({ live, root, panel, slot, source, status, csrfToken, panelClaim });
}
