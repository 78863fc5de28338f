import { label } from '../../cds/cards/card-texts.ts';
import { daysBetween } from '../../engine/dates.ts';
import type { TimelineSnapshot } from '../timeline-snapshot.ts';
import { monthlyCounts, monthOfIndex } from './chart-data.ts';
import { evidenceList } from './evidence-list.ts';
import { html, type SafeHtml } from './html.ts';
import { timelineText } from './timeline-texts.ts';

const FAILED = new Set(['inadequate-response', 'intolerance', 'contraindicated']);

/** Preventive trials, oldest first, with dates, length and outcome (step-therapy history for a payer). */
export function trialsTable(s: TimelineSnapshot): SafeHtml {
  const trials = [...s.assessment.trials].sort((a, b) => (a.start ?? '9999').localeCompare(b.start ?? '9999'));
  if (!trials.length) return html`<p>No preventive trial on record.</p>`;
  const rows = trials.map(
    (t) => html`<tr>
<th scope="row">${t.ingredient}<div class="basis">${t.class}</div></th>
<td>${t.start ?? 'start unknown'} to ${t.end ?? (t.outcome === 'ongoing' ? 'ongoing' : 'end unknown')}${t.lengthDays !== undefined ? html`<div class="basis">${t.lengthDays} days</div>` : ''}</td>
<td>${FAILED.has(t.outcome) && t.failed ? '✕ ' : ''}${timelineText('trialOutcomes', t.outcome)}${t.failed ? ' (counts as failed)' : ''}${t.inferred ? html`<div class="basis">inferred: confirm with the patient</div>` : ''}${evidenceList(t.evidence)}</td>
</tr>`,
  );
  return html`<div class="table-wrap"><table id="trials-table">
<caption>Preventive trials</caption>
<thead><tr><th scope="col">Preventive</th><th scope="col">Dates</th><th scope="col">Outcome</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

/** The course of Botox cycles and the response verdict. */
export function treatmentSection(s: TimelineSnapshot): SafeHtml {
  const { treatment: t, cycles, previouslyTreated } = s.assessment;
  const course = t
    ? html`<dl class="meta">
<dt>Cycles in the course</dt><dd>${t.cycles} (first ${t.firstCycle}, last ${t.lastCycle})</dd>
<dt>Next eligible</dt><dd>${t.nextEligible}${t.overdue ? ' (overdue)' : t.due ? ' (due)' : ''}</dd>
<dt>Response</dt><dd><strong>${label('verdicts', t.response.verdict)}</strong>: ${t.response.summary}${evidenceList(t.response.evidence)}</dd>
${t.stopAdvice ? html`<dt>Advice</dt><dd><strong>${t.stopAdvice}</strong></dd>` : ''}
</dl>`
    : previouslyTreated
      ? html`<p>Previously treated: ${previouslyTreated.cycles} cycles, last ${previouslyTreated.last}; assessed as a new candidate.</p>`
      : '';
  const table = cycles.length
    ? html`<div class="table-wrap"><table id="cycles-table">
<caption>Botox cycles (chronic migraine)</caption>
<thead><tr><th scope="col" class="num">Cycle</th><th scope="col">Date</th><th scope="col">Next eligible</th></tr></thead>
<tbody>${cycles.map(
        (c, i) =>
          html`<tr><th scope="row" class="num">${i + 1}</th><td>${c.date}${c.indicationInferred ? html`<div class="basis">indication inferred</div>` : ''}${evidenceList(c.evidence)}</td><td>${c.nextEligible}</td></tr>`,
      )}</tbody>
</table></div>`
    : html`<p>No Botox cycle for chronic migraine on record.</p>`;
  return html`${course}${table}`;
}

/** Monthly counts as the chart draws them, and the diary windows the criteria were judged on. */
/** Calendar days in a window, both ends inclusive. */
function daysIn(w: { start: string; end: string }): number {
  return daysBetween(w.start, w.end) + 1;
}

export function diaryTables(s: TimelineSnapshot): SafeHtml {
  const counts = monthlyCounts(s.assessment.diarySeries);
  const months = counts.length
    ? html`<div class="table-wrap"><table id="diary-table">
<caption>Headache diary by calendar month</caption>
<thead><tr><th scope="col">Month</th><th scope="col" class="num">Headache days</th><th scope="col" class="num">Migraine days</th><th scope="col">Source</th></tr></thead>
<tbody>${counts.map((c) => {
        const { year, month } = monthOfIndex(c.month);
        return html`<tr><th scope="row">${year}-${String(month).padStart(2, '0')}</th><td class="num">${c.headacheDays ?? '–'}</td><td class="num">${c.migraineDays ?? '–'}</td><td>${timelineText('sources', c.source)}${c.partial ? `, partial month (${c.coveredDays} days recorded)` : ''}</td></tr>`;
      })}</tbody>
</table></div>`
    : html`<p>No headache diary on record.</p>`;
  const windows = s.assessment.diaryWindows.length
    ? html`<div class="table-wrap"><table id="windows-table">
<caption>Diary windows used by the criteria</caption>
<thead><tr><th scope="col">Measure</th><th scope="col">Window</th><th scope="col" class="num">Days</th><th scope="col" class="num">Days logged</th></tr></thead>
<tbody>${s.assessment.diaryWindows.map(
        (w) =>
          html`<tr><th scope="row">${timelineText('measures', w.measure)}<div class="basis">${timelineText('sources', w.source)}</div></th><td>${w.start} to ${w.end}${w.covered ? '' : ' (not fully covered)'}</td><td class="num">${w.days}</td><td class="num">${w.logged === undefined ? '–' : `${w.logged} of ${daysIn(w)}`}</td></tr>`,
      )}</tbody>
</table></div>`
    : '';
  return html`${months}${windows}`;
}
