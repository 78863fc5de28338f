import { label } from '../../cds/cards/card-texts.ts';
import type { TimelineSnapshot } from '../timeline-snapshot.ts';
import {
  type ChartRange,
  chartRange,
  type MonthCounts,
  monthlyCounts,
  monthPosition,
  type TrialSpan,
  trialSpans,
} from './chart-data.ts';
import { AXIS_HEIGHT, diaryPanel } from './chart-diary.ts';
import { type ChartLayout, chartFrame, monthName, r1 } from './chart-frame.ts';
import { cyclesHeight, cyclesRow, trialLanes, trialsHeight } from './chart-treatments.ts';
import { html, type SafeHtml } from './html.ts';
import { timelineText } from './timeline-texts.ts';

export { NARROW_LAYOUT, WIDE_LAYOUT } from './chart-frame.ts';

const TOP = 24;

/** Text alternative of the whole chart, for the SVG <desc>: what it shows, in numbers. */
function chartDescription(counts: MonthCounts[], spans: TrialSpan[], s: TimelineSnapshot, range: ChartRange): string {
  const a = s.assessment;
  const parts: string[] = [];
  const shown = counts.filter((c) => c.month >= range.first && c.month <= range.last);
  if (shown.length) {
    const months = shown.map(
      (c) =>
        `${monthName(c.month, true)}: ${c.headacheDays ?? 'no'} headache days, ${c.migraineDays ?? 'no'} migraine days${c.partial ? ` (partial month, ${c.coveredDays} days recorded)` : ''}`,
    );
    parts.push(`Monthly diary counts: ${months.join('; ')}.`);
  } else parts.push('No diary data in this period.');
  if (s.parameters) parts.push(`Chronic migraine line: ${s.parameters.minHeadacheDays} headache days a month.`);
  if (a.cycles.length) parts.push(`Botox cycles on ${a.cycles.map((c) => c.date).join(', ')}.`);
  if (a.treatment) parts.push(`Response: ${label('verdicts', a.treatment.response.verdict)}.`);
  if (spans.length) {
    const trials = spans.map(
      (t) =>
        `${t.trial.ingredient} from ${t.from} to ${t.to ?? 'unknown end'}, ${timelineText('trialOutcomes', t.trial.outcome)}`,
    );
    parts.push(`Preventive trials: ${trials.join('; ')}.`);
  }
  if (range.clipped) parts.push('Older history is listed in the tables only.');
  return parts.join(' ');
}

/**
 * The timeline as one inline SVG with a shared time axis: monthly headache days (bars) and migraine days (dots on a
 * line) against the chronic-migraine line, Botox cycles as diamonds with the course's response, preventive trials as
 * bars labelled with their outcome. Shapes, patterns and words carry every distinction, never colour alone.
 */
export function timelineChart(s: TimelineSnapshot, layout: ChartLayout): SafeHtml {
  const a = s.assessment;
  const range = chartRange(a);
  const frame = chartFrame(layout, range);
  const counts = monthlyCounts(a.diarySeries);
  const spans = trialSpans(a).filter((t) => monthPosition(t.to ?? t.from) >= range.first);
  const diaryTop = TOP;
  const cycleTop = diaryTop + layout.diaryHeight + AXIS_HEIGHT;
  const trialsTop = cycleTop + cyclesHeight(s);
  const height = trialsTop + trialsHeight(spans.length) + 6;
  const id = `chart-${layout.id}`;
  const ex = frame.xAt(a.evaluationDate);
  const assessedLabel = `Assessed ${a.evaluationDate}`;
  const evaluationMark = html`<line class="evaluation" x1="${r1(ex)}" x2="${r1(ex)}" y1="${diaryTop - 4}" y2="${height - 4}"/><text class="tick" x="${r1(Math.max(ex - 3, frame.plotLeft + frame.textWidth(assessedLabel)))}" y="${diaryTop - 9}" font-size="${layout.font}" text-anchor="end">${assessedLabel}</text>`;
  const hatch = html`<pattern id="${id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1b5e20" stroke-width="3"/></pattern>`;
  return html`<svg class="chart chart-${layout.id}" id="${id}" viewBox="0 0 ${layout.width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">Migraine timeline: monthly headache and migraine days, Botox cycles and preventive trials</title><desc id="${id}-desc">${chartDescription(counts, spans, s, range)}</desc><defs>${hatch}</defs><g class="diary">${diaryPanel(frame, s, counts, diaryTop)}</g><g class="cycles">${cyclesRow(frame, s, cycleTop, diaryTop)}</g><g class="trials">${trialLanes(frame, spans, trialsTop)}</g>${evaluationMark}</svg>`;
}
