import type { TimelineSnapshot } from '../timeline-snapshot.ts';
import { html, type SafeHtml } from './html.ts';

const swatch = (shape: SafeHtml) =>
  html`<svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true" focusable="false">${shape}</svg>`;

/** The chart's key in words, each with the shape it stands for. */
export function chartLegend(s: TimelineSnapshot): SafeHtml {
  const items: [SafeHtml, string][] = [
    [html`<rect class="bar" x="5" y="1" width="12" height="12"/>`, 'Headache days in a month'],
    [
      html`<rect class="bar-partial" x="5" y="1" width="12" height="12"/>`,
      'Partial month (diary covers only part of it)',
    ],
    [
      html`<line class="migraine-line" x1="1" x2="21" y1="7" y2="7"/><circle class="migraine-dot" cx="11" cy="7" r="4"/>`,
      'Migraine days in a month',
    ],
    ...(s.parameters
      ? [
          [
            html`<line class="threshold" x1="0" x2="22" y1="7" y2="7"/>`,
            `Chronic migraine line: ${s.parameters.minHeadacheDays} headache days`,
          ] as [SafeHtml, string],
        ]
      : []),
    [html`<path class="cycle" d="M11 0l7 7l-7 7l-7 -7z"/>`, 'Botox cycle (outlined: before the current course)'],
    [html`<path class="next-due" d="M11 1l6 12h-12z"/>`, 'Next cycle eligible'],
    [html`<rect class="trial-failed" x="1" y="3" width="20" height="8"/>`, 'Preventive failed (✕)'],
    [
      html`<defs><pattern id="legend-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1b5e20" stroke-width="3"/></pattern></defs><rect class="trial-ongoing" fill="url(#legend-hatch)" x="1" y="3" width="20" height="8"/>`,
      'Preventive ongoing (hatched)',
    ],
    [html`<rect class="trial-unknown" x="1" y="3" width="20" height="8"/>`, 'Preventive, outcome not documented'],
  ];
  return html`<ul class="legend" aria-label="Chart key">${items.map(([shape, text]) => html`<li>${swatch(shape)}${text}</li>`)}</ul>`;
}
