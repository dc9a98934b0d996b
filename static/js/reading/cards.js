// The rest of a long article's cards. Its page carries the first ones and a placeholder
// (web.fragments.DEFER_CARDS_FROM: 5,000 cards were 70% of the page); the others are fetched
// while the page is read (web.reading.article_cards, preloaded) and put in as they arrive, a
// piece per background task, so the page answers clicks and keys meanwhile.

const LIST_END = '</ol>'; // card text is escaped: the first one ends a list
const SLICE_MS = 12; // lists are put in for this long, then a click or a key gets its turn

// Background work: whatever the reader does goes first (scheduler.yield() would come back ahead
// of it, and the first click's panel waited for every card).
const nextTask = () => (globalThis.scheduler?.postTask
  ? globalThis.scheduler.postTask(() => {}, { priority: 'background' })
  : new Promise((resolve) => { window.setTimeout(resolve, 0); }));

// Resolves once every card is in the page (at once when the page had them all); `done` runs
// after the last list is in, unless the cards were redrawn meanwhile (a save, a live update:
// those bring every card).
export async function loadRestOfCards(root, done) {
  const pending = root.querySelector('[data-cards-rest]');
  if (!pending) return;
  try {
    // as the page's <link rel="preload"> asked for it, so that its answer is used
    const response = await fetch(pending.dataset.cardsRest, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    // Read as it comes, a list at a time: decoding and parsing 4 MB at once (~250 ms under
    // load) held the reader's first click.
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let slice = performance.now();
    for (;;) {
      const { value, done: ended } = await reader.read();
      text += decoder.decode(value, { stream: !ended });
      let from = 0;
      for (let end = text.indexOf(LIST_END); end !== -1; end = text.indexOf(LIST_END, from)) {
        if (!pending.isConnected) { reader.cancel(); return; }
        pending.insertAdjacentHTML('beforebegin', text.slice(from, end + LIST_END.length));
        from = end + LIST_END.length;
        if (performance.now() - slice > SLICE_MS) {
          await nextTask();
          slice = performance.now();
        }
      }
      text = text.slice(from);
      if (ended) break;
    }
  } catch (error) {
    if (!pending.isConnected) return;
    const line = pending.querySelector('p');
    if (line) line.replaceChildren('The other claims could not be loaded. ', ...line.querySelectorAll('a'));
    return;
  }
  if (!pending.isConnected) return;
  pending.remove();
  done();
  performance.mark('reading:all-cards'); // read by bench/bench_reading_browser.py
}

// While the rest of the cards is coming: how many there are in all (null once they are in).
export function pendingTotal(root) {
  const pending = root.querySelector('[data-cards-rest]');
  return pending ? Number(pending.dataset.cardsTotal) : null;
}
