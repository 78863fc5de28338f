import { createHash } from 'node:crypto';

/**
 * The page's only stylesheet, inlined and allowed by its hash in the Content-Security-Policy. Colours meet WCAG AA
 * on white (text >= 4.5:1, graphics >= 3:1); every colour is doubled by a shape, a pattern or a word.
 */
export const PAGE_STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #b0b0b0; --accent: #1d4f8c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  color: var(--ink); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 12px 16px 32px; }
h1 { font-size: 1.45rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 0.5rem; border-bottom: 2px solid var(--accent); padding-bottom: 2px; }
h3 { font-size: 1rem; margin: 1rem 0 0.4rem; }
p, ul, dl { margin: 0.4rem 0; }
a { color: var(--accent); }
.snapshot { border: 1px solid var(--line); border-left: 6px solid var(--accent); padding: 8px 12px; background: #f3f6fa; }
.status { font-weight: 700; }
.key-points { font-weight: 600; padding-left: 1.2rem; }
.status-critical { border-left-color: #a4000f; background: #fdf0f1; }
.status-warning { border-left-color: #8a5a00; background: #fdf7ea; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0.5rem 0 0; }
.meta dt { font-weight: 600; color: var(--muted); }
.meta dd { margin: 0; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
.chart-narrow { display: none; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 0.9rem; }
.legend svg { vertical-align: middle; margin-right: 4px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.93rem; }
caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
th, td { border: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
thead th { background: #e8edf3; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; font-weight: 700; white-space: nowrap; }
.status-inline { display: none; }
.badge-met { color: #1b5e20; }
.badge-unmet, .badge-contraindication { color: #a4000f; }
.badge-unknown, .badge-caution { color: #7a4f00; }
.evidence { font-size: 0.82rem; color: var(--muted); overflow-wrap: anywhere; }
.missing { margin: 4px 0 0; padding-left: 1.1rem; }
.basis { font-size: 0.82rem; color: var(--muted); }
footer { margin-top: 2rem; font-size: 0.85rem; color: var(--muted); border-top: 1px solid var(--line); padding-top: 6px; }
.grid-h, .grid-v { stroke: #e2e2e2; stroke-width: 1; }
.axis { stroke: #4a4a4a; stroke-width: 1; }
.tick, .value, .row-label, .cycle-label, .trial-label, .verdict { fill: #1a1a1a; }
.row-label, .verdict { font-weight: 600; }
.value, .threshold-label, .cycle-label, .trial-label, .verdict { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
.bar { fill: #3467a8; }
.bar-partial { fill: #ffffff; stroke: #3467a8; stroke-width: 1.5; stroke-dasharray: 3 2; }
.migraine-line { fill: none; stroke: #a33c00; stroke-width: 2; }
.migraine-dot { fill: #a33c00; stroke: #ffffff; stroke-width: 1.5; }
.migraine-dot-partial { fill: #ffffff; stroke: #a33c00; stroke-width: 2; }
.threshold { stroke: #8c0010; stroke-width: 2; stroke-dasharray: 7 4; }
.threshold-label { fill: #8c0010; font-weight: 700; }
.evaluation { stroke: #1a1a1a; stroke-width: 1; stroke-dasharray: 2 3; }
.cycle { fill: #5a2d82; }
.cycle-earlier { fill: #ffffff; stroke: #5a2d82; stroke-width: 2; }
.cycle-guide { stroke: #5a2d82; stroke-width: 1; stroke-dasharray: 1 3; }
.next-due { fill: #ffffff; stroke: #5a2d82; stroke-width: 2; }
.trial-failed { fill: #4a4a4a; }
.trial-ongoing { stroke: #1b5e20; stroke-width: 1; }
.trial-unknown { fill: #ffffff; stroke: #4a4a4a; stroke-width: 1.5; stroke-dasharray: 4 2; }
@media (max-width: 560px) {
  body { font-size: 14px; }
  main { padding: 8px 10px 24px; }
  h1 { font-size: 1.25rem; }
  .chart-wide { display: none; }
  .chart-narrow { display: block; }
  th, td { padding: 4px 5px; }
  .col-status { display: none; }
  .status-inline { display: block; margin-top: 2px; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  .chart-wide { display: block; }
  .chart-narrow { display: none; }
  h2 { break-after: avoid; }
  tr, .chart, .snapshot { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/** The CSP source that allows exactly PAGE_STYLE. */
export const PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'`;
