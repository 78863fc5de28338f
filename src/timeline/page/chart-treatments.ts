import { label } from '../../cds/cards/card-texts.ts';
import type { TimelineSnapshot } from '../timeline-snapshot.ts';
import { monthPosition, type TrialSpan } from './chart-data.ts';
import type { ChartFrame } from './chart-frame.ts';
import { r1 } from './chart-frame.ts';
import { html, type SafeHtml } from './html.ts';
import { timelineText } from './timeline-texts.ts';

const CYCLE_ROW_HEIGHT = 80;
const EMPTY_ROW_HEIGHT = 28;

/** Height of the cycles row: a one-line note when there is no cycle and no course. */
export function cyclesHeight(s: TimelineSnapshot): number {
  return s.assessment.cycles.length || s.assessment.treatment ? CYCLE_ROW_HEIGHT : EMPTY_ROW_HEIGHT;
}
export const TRIAL_LANE_HEIGHT = 34;
const TRIALS_HEADER = 22;
const FAILED_OUTCOMES = new Set(['inadequate-response', 'intolerance', 'contraindicated']);

/** "Response: partial response (−36.4% headache days)" for the course ("(−36.4%)" when `short`), or ''. */
export function verdictText(s: TimelineSnapshot, short = false): string {
  const r = s.assessment.treatment?.response;
  if (!r) return '';
  const change =
    r.reductionPercent !== undefined
      ? ` (${r.reductionPercent >= 0 ? '−' : '+'}${Math.abs(r.reductionPercent)}%${short ? '' : ' headache days'})`
      : '';
  return `Response: ${label('verdicts', r.verdict)}${change}`;
}

/**
 * Botox cycles as numbered diamonds (filled in the current course, outlined before it), guides up through the diary
 * panel, the next eligible date as a triangle, and the course's response on its own line.
 */
export function cyclesRow(frame: ChartFrame, s: TimelineSnapshot, top: number, diaryTop: number): SafeHtml {
  const a = s.assessment;
  const f = frame.layout.font;
  const y = top + 36;
  const courseStart = a.treatment?.firstCycle;
  const marks = a.cycles
    .map((c, i) => ({ c, n: i + 1 }))
    .filter(({ c }) => monthPosition(c.date) >= frame.range.first)
    .map(({ c, n }) => {
      const x = frame.xAt(c.date);
      const inCourse = courseStart !== undefined && c.date >= courseStart;
      const what = `Botox cycle ${n} on ${c.date}${c.indicationInferred ? ' (indication inferred)' : ''}; next eligible ${c.nextEligible}`;
      return html`<line class="cycle-guide" x1="${r1(x)}" x2="${r1(x)}" y1="${diaryTop}" y2="${y - 8}"/><path class="${inCourse ? 'cycle' : 'cycle-earlier'}" d="M${r1(x)} ${y - 8}l8 8l-8 8l-8 -8z"><title>${what}</title></path><text class="cycle-label" x="${r1(x)}" y="${y - 12}" font-size="${f - 1}" text-anchor="middle">${n}</text>`;
    });
  const next = a.treatment?.nextEligible;
  const nextMark =
    next && monthPosition(next) <= frame.range.last + 1
      ? html`<path class="next-due" d="M${r1(frame.xAt(next))} ${y - 7}l7 14h-14z"><title>Next cycle eligible from ${next}</title></path>`
      : '';
  // Bold text runs wider than the estimate: keep a margin before falling back to the short form.
  const long = verdictText(s);
  const verdict = frame.textWidth(long) * 1.15 <= frame.plotRight - frame.plotLeft ? long : verdictText(s, true);
  const verdictLine = verdict
    ? html`<text class="verdict" x="${frame.plotLeft}" y="${y + 30}" font-size="${f}">${verdict}</text>`
    : '';
  return html`<text class="row-label" x="${frame.plotLeft}" y="${top + 12}" font-size="${f}">Botox cycles${a.cycles.length ? '' : ': none on record'}</text>${marks}${nextMark}${verdictLine}`;
}

/** One lane per dated trial: a bar over its dates, labelled with the drug and the outcome (✕ when it failed). */
export function trialLanes(frame: ChartFrame, spans: TrialSpan[], top: number): SafeHtml {
  const f = frame.layout.font;
  const lanes = spans.map((t, lane) => {
    const y = top + TRIALS_HEADER + 16 + lane * TRIAL_LANE_HEIGHT;
    const x1 = frame.xAt(t.from);
    const x2 = t.to ? Math.max(frame.xAt(t.to), x1 + 3) : x1 + Math.max(6, frame.monthWidth / 2);
    const failed = FAILED_OUTCOMES.has(t.trial.outcome);
    const cls = failed ? 'trial-failed' : t.trial.outcome === 'ongoing' ? 'trial-ongoing' : 'trial-unknown';
    const fill = cls === 'trial-ongoing' ? html` fill="url(#chart-${frame.layout.id}-hatch)"` : '';
    const text = `${failed ? '✕ ' : ''}${t.trial.ingredient}: ${timelineText('trialOutcomes', t.trial.outcome)}${t.trial.inferred ? ' (inferred)' : ''}${t.trial.lengthDays !== undefined ? `, ${t.trial.lengthDays} d` : ''}${t.to ? '' : ', end unknown'}`;
    const place = frame.placeLabel(text, x1, x2);
    return html`<rect class="${cls}"${fill} x="${r1(x1)}" y="${y}" width="${r1(x2 - x1)}" height="10"><title>${t.trial.ingredient} (${t.trial.class}) ${t.from} to ${t.to ?? 'end unknown'}: ${timelineText('trialOutcomes', t.trial.outcome)}</title></rect><text class="trial-label" x="${r1(place.x)}" y="${y - 4}" font-size="${f}" text-anchor="${place.anchor}">${text}</text>`;
  });
  return html`<text class="row-label" x="${frame.plotLeft}" y="${top + 12}" font-size="${f}">Preventive trials${spans.length ? '' : ': none with dates in this period'}</text>${lanes}`;
}

/** Height of the trials block for `lanes` trials. */
export function trialsHeight(lanes: number): number {
  return TRIALS_HEADER + Math.max(1, lanes) * TRIAL_LANE_HEIGHT;
}
