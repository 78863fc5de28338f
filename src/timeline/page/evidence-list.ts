import { html, type SafeHtml } from './html.ts';

/** Diary criteria can rest on ninety entries: the page names the first few and counts the rest. */
const SHOWN = 4;

/** "Evidence: Observation/a, Observation/b and 12 more", or nothing when there is none. */
export function evidenceList(refs: readonly string[] | undefined): SafeHtml | '' {
  if (!refs?.length) return '';
  const more = refs.length - SHOWN;
  return html`<div class="evidence">Evidence: ${refs.slice(0, SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}</div>`;
}
