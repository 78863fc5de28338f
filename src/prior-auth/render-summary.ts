import { createHash } from 'node:crypto';
import type { PriorAuthSummary, SummaryLine } from './prior-auth-summary.ts';

/** Who the summary is about, when it is created inside the EHR; the printable page never has it. */
export interface SummaryIdentity {
  name?: string;
  birthDate?: string;
}

/** At most this many sources after a line; the rest are named in the "Sources" list at the end. */
const SOURCES_PER_LINE = 3;

/** One column; A4 and US Letter alike (no page size forced: the printer's paper decides), no navigation. */
export const SUMMARY_STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: #111; background: #fff; }
main { max-width: 820px; margin: 0 auto; padding: 16px 20px 28px; }
h1 { font-size: 1.35rem; margin: 0 0 2px; }
.subtitle { margin: 0 0 10px; font-size: 1.05rem; font-weight: 600; }
h2 { font-size: 1.05rem; margin: 16px 0 4px; padding-bottom: 2px; border-bottom: 1.5px solid #1d4f8c; }
.identity { display: grid; grid-template-columns: max-content 1fr; gap: 8px 10px; margin: 8px 0 10px; max-width: 560px; }
.identity dt { font-weight: 600; }
.identity dd { margin: 0; min-height: 1.3em; border-bottom: 1px solid #333; }
.meta { margin: 4px 0; color: #333; }
ul.items { margin: 0; padding-left: 1.1rem; }
ul.items li { margin: 3px 0; }
.sources { display: block; font-size: 0.8rem; color: #444; overflow-wrap: anywhere; }
.missing h2 { border-bottom-color: #8a5a00; }
.all-sources { font-size: 0.8rem; color: #333; overflow-wrap: anywhere; }
.all-sources p { margin: 2px 0; }
footer { margin-top: 18px; font-size: 0.8rem; color: #333; border-top: 1px solid #999; padding-top: 4px; }
@page { margin: 14mm 13mm 15mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  li, .identity { break-inside: avoid; page-break-inside: avoid; }
}
`;

export const SUMMARY_STYLE_HASH = `'sha256-${createHash('sha256').update(SUMMARY_STYLE).digest('base64')}'`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shownSources(evidence: string[]): string | undefined {
  if (!evidence.length) return undefined;
  const shown = evidence.slice(0, SOURCES_PER_LINE).join(', ');
  const more = evidence.length - SOURCES_PER_LINE;
  return more > 0 ? `${shown} and ${more} more (see Sources)` : shown;
}

/** The ids of `Type/id` references listed under their type (a reference without an id stays as it is). */
function idsOf(refs: string[]): string[] {
  return refs.map((r) => (r.includes('/') ? r.slice(r.indexOf('/') + 1) : r));
}

/** A sort key that puts diary-2 before diary-10: every run of digits padded to the same width. */
function naturalKey(ref: string): string {
  return ref.replace(/\d+/g, (d) => d.padStart(10, '0'));
}

const sourcesOf = new WeakMap<PriorAuthSummary, [string, string[]][]>();

/** Every resource the summary cites, grouped by type, for the "Sources" list (computed once per summary). */
function allSources(summary: PriorAuthSummary): [string, string[]][] {
  const known = sourcesOf.get(summary);
  if (known) return known;
  const byType = new Map<string, Set<string>>();
  for (const l of [...summary.sections.flatMap((s) => s.lines), ...summary.notYetDocumented]) {
    for (const ref of l.evidence) {
      const type = ref.split('/')[0] ?? ref;
      const refs = byType.get(type) ?? new Set<string>();
      refs.add(ref);
      byType.set(type, refs);
    }
  }
  const sorted = [...byType.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([t, refs]): [string, string[]] => [
      t,
      [...refs]
        .map((r) => [naturalKey(r), r] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, r]) => r),
    ]);
  sourcesOf.set(summary, sorted);
  return sorted;
}

/** "2026-12-04 17:45 UTC": the instant as a reader writes it (the DocumentReference keeps the exact instant). */
function instantText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function metaText(s: PriorAuthSummary): string[] {
  return [
    `Policy: ${s.policy.title} (${s.policy.id} ${s.policy.version}). ${s.policy.description}`,
    `Evaluation date: ${s.evaluationDate} (prepared ${instantText(s.assessedAt)}).`,
  ];
}

const NOTHING_MISSING = 'Nothing: every item this policy requires is documented.';
const FOOTER =
  'Prepared by migraine-cds from the patient record, for review and signature by the treating clinician. Every line names the FHIR resources it rests on; items not found in the record are listed under "Not yet documented", never assumed.';

/** The summary as plain text: the DocumentReference's text/plain attachment and the CLI's `--prior-auth` output. */
export function summaryText(s: PriorAuthSummary, identity?: SummaryIdentity): string {
  const blank = '____________________';
  const out: string[] = [s.title.toUpperCase(), s.request, ''];
  out.push(`Patient name: ${identity?.name ?? blank}`);
  out.push(`Date of birth: ${identity?.birthDate ?? blank}`);
  out.push(`Member ID: ${blank}`);
  out.push(`Prescriber and NPI: ${blank}`);
  out.push('', ...metaText(s));
  const item = (l: SummaryLine) => {
    out.push(`- ${l.text}`);
    const src = shownSources(l.evidence);
    if (src) out.push(`  Sources: ${src}`);
  };
  for (const section of s.sections) {
    out.push('', section.heading.toUpperCase());
    section.lines.forEach(item);
  }
  out.push('', 'NOT YET DOCUMENTED');
  if (s.notYetDocumented.length) s.notYetDocumented.forEach(item);
  else out.push(`- ${NOTHING_MISSING}`);
  const sources = allSources(s);
  if (sources.length) {
    out.push('', 'SOURCES');
    for (const [type, refs] of sources) out.push(`${type}: ${idsOf(refs).join(', ')}`);
  }
  out.push('', FOOTER, '');
  return out.join('\n');
}

function itemsHtml(lines: SummaryLine[]): string {
  return `<ul class="items">${lines
    .map((l) => {
      const src = shownSources(l.evidence);
      return `<li>${escapeHtml(l.text)}${src ? `<span class="sources">Sources: ${escapeHtml(src)}</span>` : ''}</li>`;
    })
    .join('')}</ul>`;
}

/**
 * The summary as one HTML document. `identity` fills name and birth date (inside the EHR); without it they are blank
 * lines, like the member id and prescriber, to be completed on paper or by the EHR. `style` is inlined: the printable
 * page's Content-Security-Policy allows exactly this stylesheet by its hash.
 */
export function summaryHtml(s: PriorAuthSummary, identity?: SummaryIdentity): string {
  const field = (name: string, value?: string) => `<dt>${name}</dt><dd>${value ? escapeHtml(value) : ''}</dd>`;
  const sections = s.sections.map(
    (sec) => `<section><h2>${escapeHtml(sec.heading)}</h2>${itemsHtml(sec.lines)}</section>`,
  );
  const missing = s.notYetDocumented.length
    ? itemsHtml(s.notYetDocumented)
    : `<ul class="items"><li>${escapeHtml(NOTHING_MISSING)}</li></ul>`;
  const sources = allSources(s)
    .map(([type, refs]) => `<p><strong>${escapeHtml(type)}:</strong> ${escapeHtml(idsOf(refs).join(', '))}</p>`)
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(`${s.title}: ${s.request}`)}</title>`,
    `<style>${SUMMARY_STYLE}</style></head>`,
    '<body><main>',
    `<h1>${escapeHtml(s.title)}</h1>`,
    `<p class="subtitle">${escapeHtml(s.request)}</p>`,
    '<dl class="identity">',
    field('Patient name', identity?.name),
    field('Date of birth', identity?.birthDate),
    field('Member ID'),
    field('Prescriber and NPI'),
    '</dl>',
    ...metaText(s).map((m) => `<p class="meta">${escapeHtml(m)}</p>`),
    ...sections,
    `<section class="missing"><h2>Not yet documented</h2>${missing}</section>`,
    sources ? `<section class="all-sources"><h2>Sources</h2>${sources}</section>` : '',
    `<footer>${escapeHtml(FOOTER)}</footer>`,
    '</main></body></html>',
  ].join('\n');
}
