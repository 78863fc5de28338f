import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { Card } from '../../src/cds/schemas/response.ts';
import type { GalleryCard } from './collect-cards.ts';

/** The panel a card is shown in: an EHR's CDS sidebar, 480 px wide; its first screen is 720 px tall. */
export const PANEL = { width: 480, firstScreen: 720 } as const;

const COLOURS: Record<Card['indicator'], string> = { info: '#0079be', warning: '#ffae42', critical: '#c00' };

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The detail as the CDS Hooks sandbox shows it: GitHub-flavoured Markdown (tables, autolink literals,
 * strikethrough), with raw HTML neutralised (written out as text) and unsafe link targets dropped (micromark's
 * defaults).
 */
export function detailHtml(markdown: string): string {
  return micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** One card laid out as the sandbox's card list does: summary, source, detail, suggestion and link buttons. */
export function cardHtml(card: Card): string {
  const buttons = (card.suggestions ?? [])
    .map((s) => `<button type="button" class="suggestion">${escapeHtml(s.label)}</button>`)
    .join('');
  const links = (card.links ?? [])
    .map((l) => `<button type="button" class="link">${escapeHtml(l.label)}</button>`)
    .join('');
  return `<div class="card card-${card.indicator}" data-indicator="${card.indicator}">
<div class="summary" style="color:${COLOURS[card.indicator]}">${escapeHtml(card.summary)}</div>
<div class="source">Source: <span class="source-link">${escapeHtml(card.source.label)}</span></div>
<div class="detail">${card.detail ? detailHtml(card.detail) : ''}</div>
<div class="suggestions">${buttons}</div>
<div class="links">${links}</div>
</div>`;
}

/** The sandbox's card styles (card-list.css) and a system font stack: no web fonts, no emoji font assumed. */
const STYLE = `
body { margin: 0; font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 14px;
  line-height: 1.4; color: #1c1f21; background: #fff; }
.panel { width: ${PANEL.width}px; box-sizing: border-box; }
.card { padding: 15px; margin: 10px; background: #fcfcfc; border: 2px solid #ddd; border-radius: 4px; border-left-width: 3px; }
.card-info { border-left-color: #0079be; } .card-warning { border-left-color: #ffae42; } .card-critical { border-left-color: #c00; }
.summary { font-size: 18px; font-weight: 700; margin: 0 0 5px; }
.source { font-size: .85em; font-style: italic; margin: 0 0 5px; }
.source-link { color: blue; }
.detail table { border-collapse: collapse; margin: 8px 0; }
.detail th, .detail td { border: 1px solid #ddd; padding: 3px 5px; vertical-align: top; text-align: left; }
.detail p { margin: 8px 0; } .detail ul { margin: 6px 0; padding-left: 20px; }
button { margin: 6px 6px 0 0; padding: 6px 10px; font: inherit; border-radius: 3px; border: 1px solid #1c6ea4; }
button.suggestion { background: #0079be; color: #fff; } button.link { background: #fff; color: #0079be; }
`;

/** A page with one card in a 480 px panel, as a screenshot shows it. */
export function cardPage(entry: GalleryCard): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(entry.name)}</title>
<style>${STYLE}</style></head><body><div class="panel">${cardHtml(entry.card)}</div></body></html>`;
}

/** The gallery's index: every card's screenshot with its request, expectation, summary and detail length. */
export function indexPage(entries: GalleryCard[], evaluationDate: string): string {
  const rows = entries
    .map(
      (e) => `<figure id="${escapeHtml(e.name)}">
<figcaption><strong>${escapeHtml(e.name)}</strong> (${e.card.indicator}) - expected: ${escapeHtml(e.expect)}<br>
summary ${e.card.summary.length} characters, detail ${e.card.detail?.length ?? 0} characters</figcaption>
<a href="${escapeHtml(e.name)}.html"><img src="${escapeHtml(e.name)}.png" alt="${escapeHtml(e.card.summary)}" width="${PANEL.width}"></a>
</figure>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Card gallery, E = ${evaluationDate}</title>
<style>body { font-family: sans-serif; margin: 16px; } main { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; width: ${PANEL.width}px; } figcaption { font-size: 12px; margin-bottom: 4px; }
img { border: 1px solid #ccc; }</style></head>
<body><h1>Card gallery</h1><p>Every card of the fixture panel at E = ${evaluationDate}, in a ${PANEL.width} px panel
(first screen ${PANEL.firstScreen} px), rendered as the CDS Hooks sandbox does (GitHub-flavoured Markdown, raw HTML
neutralised). Regenerate with <code>npm run gallery</code>.</p><main>${rows}</main></body></html>`;
}
