// The sizes of what the browser has not laid out yet.
//
// The article's paragraphs and the sidebar's cards have `content-visibility: auto`
// (static/css/app.css): far from the screen they are neither styled nor laid out, and take the
// height they last had when rendered, else the estimate given here. Good estimates keep the
// scrollbar, the margin markers (orient.js) and a jump to a far claim close to where the text
// will be once it is rendered; nothing here forces the layout of a skipped element.

let measureContext = null;

// The average advance of one character of `sample` in the paragraphs' font, in pixels.
function averageAdvance(style, sample) {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext || !sample) return parseFloat(style.fontSize) * 0.5;
  measureContext.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return measureContext.measureText(sample).width / sample.length || parseFloat(style.fontSize) * 0.5;
}

const keyOf = (p) => `${p.dataset.paraStart}:${p.lastElementChild?.dataset.end ?? ''}`;

// The height each paragraph has now (rendered, remembered or estimated), by its offsets: taken
// before the body is redrawn, so the new elements take their predecessors' heights.
export function paragraphHeights(body) {
  const heights = new Map();
  for (const p of body.querySelectorAll(':scope > p')) heights.set(keyOf(p), p.getBoundingClientRect().height);
  return heights;
}

// Give each paragraph an estimated height: its earlier one when `known` has it, else its lines
// (its length over the characters a line holds) times the line height.
export function estimateParagraphs(body, known = null) {
  if (!body.classList.contains('is-lazy')) return; // every paragraph is laid out
  const paragraphs = body.querySelectorAll(':scope > p');
  if (!paragraphs.length) return;
  const style = getComputedStyle(paragraphs[0]);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  let sample = '';
  for (const p of paragraphs) {
    sample += p.textContent;
    if (sample.length > 2000) break;
  }
  // words wrap before the edge: a line holds a little less than its width in characters
  const perLine = Math.max(1, Math.floor((paragraphs[0].clientWidth / averageAdvance(style, sample)) * 0.95));
  for (const p of paragraphs) {
    let height = known?.get(keyOf(p));
    if (height === undefined) {
      let lines = 0;
      for (const line of p.textContent.split('\n')) lines += Math.max(1, Math.ceil(line.length / perLine));
      height = lines * lineHeight;
    }
    p.style.setProperty('contain-intrinsic-block-size', `auto ${height}px`);
  }
}

// A list of cards none of whose cards is shown is hidden. When they are laid out lazily, each
// list gets its shown cards times their height (the average of those rendered in the sidebar
// now) as its estimated height.
export function estimateCards(lists) {
  if (!lists.length) return;
  if (!lists[0].parentElement.classList.contains('is-lazy')) {
    for (const list of lists) list.hidden = ![...list.children].some((card) => !card.hidden);
    return;
  }
  const view = lists[0].closest('.reading-side')?.getBoundingClientRect();
  const gap = parseFloat(getComputedStyle(lists[0]).rowGap) || 0;
  let total = 0;
  let count = 0;
  const shown = new Map();
  for (const list of lists) {
    const cards = [...list.children].filter((card) => !card.hidden);
    shown.set(list, cards.length);
    if (!view || list.hidden || count >= 20) continue;
    const box = list.getBoundingClientRect();
    if (box.bottom < view.top || box.top > view.bottom) continue;
    for (const card of cards) {
      if (!card.checkVisibility({ contentVisibilityAuto: true })) break; // not rendered yet
      const rect = card.getBoundingClientRect();
      if (rect.top > view.bottom) break;
      if (rect.bottom < view.top || card.classList.contains('is-active')) continue;
      total += rect.height;
      count += 1;
    }
  }
  const height = count ? total / count : null;
  for (const [list, n] of shown) {
    list.hidden = n === 0;
    if (height !== null && n) list.style.setProperty('contain-intrinsic-block-size', `auto ${n * height + (n - 1) * gap}px`);
  }
}
