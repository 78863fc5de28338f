import type { TimelineView } from '../timeline-snapshot.ts';
import { criteriaTable, findingsTable, notesList } from './assessment-tables.ts';
import { chartLegend } from './chart-legend.ts';
import { verdictText } from './chart-treatments.ts';
import { diaryTables, treatmentSection, trialsTable } from './history-tables.ts';
import { html, type SafeHtml, trustedMarkup } from './html.ts';
import { PAGE_STYLE } from './page-style.ts';
import { NARROW_LAYOUT, timelineChart, WIDE_LAYOUT } from './timeline-chart.ts';
import { timelineText } from './timeline-texts.ts';

function document(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${trustedMarkup(PAGE_STYLE)}</style>
</head>
<body>${body}</body>
</html>
`.toString();
}

/** What must not be missed, under the status: contraindications, a stop rule, the response. */
function keyPoints(view: TimelineView): SafeHtml | '' {
  const a = view.assessment;
  const points = [
    ...a.findings.filter((f) => f.severity === 'contraindication').map((f) => `Contraindication: ${f.summary}`),
    ...(a.treatment ? [verdictText(view)] : []),
    ...(a.treatment?.stopAdvice ? [a.treatment.stopAdvice] : []),
  ];
  return points.length ? html`<ul class="key-points">${points.map((p) => html`<li>${p}</li>`)}</ul>` : '';
}

const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The timeline page for one snapshot: no patient name or identifier, only the policy, the evaluation date and the
 * fact that this is a snapshot. Everything data-derived goes through `html`, which escapes it.
 */
export function renderTimelinePage(view: TimelineView): string {
  const a = view.assessment;
  const body = html`<main>
<header>
<h1>Migraine timeline</h1>
<section class="snapshot status-${a.indicator}" aria-label="About this page">
<p class="status">Status: ${timelineText('statuses', a.status)}</p>${keyPoints(view)}
<p>A snapshot of the assessment behind a decision-support card. It names no patient: check that the chart you came from is open. It does not change when the record changes.</p>
<dl class="meta">
<dt>Evaluation date</dt><dd>${a.evaluationDate}</dd>
<dt>Policy</dt><dd>${a.policy.title} (${a.policy.id}, version ${a.policy.version})</dd>
<dt>Snapshot taken</dt><dd>${utc(view.createdAt)}</dd>
<dt>Link expires</dt><dd>${utc(view.expiresAt)}</dd>
</dl>
</section>
<nav aria-label="Sections"><ul>
<li><a href="#course">Course</a></li><li><a href="#criteria">Criteria</a></li><li><a href="#findings">Findings</a></li>
<li><a href="#trials">Preventive trials</a></li><li><a href="#cycles">Botox cycles</a></li><li><a href="#diary">Diary</a></li><li><a href="#notes">Data notes</a></li>
</ul></nav>
</header>
<section aria-labelledby="course"><h2 id="course">Course at a glance</h2>
${timelineChart(view, WIDE_LAYOUT)}${timelineChart(view, NARROW_LAYOUT)}
${chartLegend(view)}
</section>
<section aria-labelledby="criteria"><h2 id="criteria">Criteria</h2>${criteriaTable(view)}</section>
<section aria-labelledby="findings"><h2 id="findings">Contraindications and cautions</h2>${findingsTable(view)}</section>
<section aria-labelledby="trials"><h2 id="trials">Preventive trials</h2>${trialsTable(view)}</section>
<section aria-labelledby="cycles"><h2 id="cycles">Botox cycles and response</h2>${treatmentSection(view)}</section>
<section aria-labelledby="diary"><h2 id="diary">Headache diary</h2>${diaryTables(view)}</section>
<section aria-labelledby="notes"><h2 id="notes">Data notes</h2>${notesList(view)}</section>
<footer>migraine-cds decision support: a summary of the record for clinical review, not a diagnosis. Evidence names FHIR resources in the patient's record.</footer>
</main>`;
  return document(`Migraine timeline: snapshot of ${a.evaluationDate}`, body);
}

/** The page for an unknown or expired link: says nothing about why, or about any patient. */
export function renderNotFoundPage(): string {
  return document(
    'Not found',
    html`<main><h1>Not found</h1><p>This link is not valid. Timeline links expire: open the card again to get a new one.</p></main>`,
  );
}
