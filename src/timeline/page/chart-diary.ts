import type { TimelineSnapshot } from '../timeline-snapshot.ts';
import { type MonthCounts, monthOfIndex } from './chart-data.ts';
import { type ChartFrame, monthName, r1 } from './chart-frame.ts';
import { type HtmlValue, html, type SafeHtml } from './html.ts';
import { timelineText } from './timeline-texts.ts';

const Y_MAX = 31;
/** Height of the month and year labels under the diary panel. */
export const AXIS_HEIGHT = 40;

/** The diary panel: grid, month axis, headache-day bars, migraine-day dots, and the chronic-migraine line. */
export function diaryPanel(frame: ChartFrame, s: TimelineSnapshot, counts: MonthCounts[], top: number): SafeHtml {
  const { layout, range, monthWidth, xMonth } = frame;
  const f = layout.font;
  const bottom = top + layout.diaryHeight;
  const yAt = (days: number) => bottom - (Math.min(days, Y_MAX) / Y_MAX) * layout.diaryHeight;

  const grid: HtmlValue[] = [0, 5, 10, 15, 20, 25, 30].map(
    (d) =>
      html`<line class="grid-h" x1="${frame.plotLeft}" x2="${frame.plotRight}" y1="${r1(yAt(d))}" y2="${r1(yAt(d))}"/><text class="tick" x="${frame.plotLeft - 4}" y="${r1(yAt(d) + f / 3)}" font-size="${f}" text-anchor="end">${d}</text>`,
  );
  const tickStep = [1, 2, 3, 4, 6, 12].find((step) => step * monthWidth >= layout.tickSpacing) ?? 12;
  for (let m = range.first; m <= range.last; m++) {
    const x = xMonth(m);
    grid.push(html`<line class="grid-v" x1="${r1(x)}" x2="${r1(x)}" y1="${top}" y2="${bottom}"/>`);
    // A label that would run past the right edge is left out rather than cut.
    if ((m - range.first) % tickStep !== 0 || x + 2 + frame.textWidth('2026') > layout.width) continue;
    const withYear = m === range.first || monthOfIndex(m - tickStep).year !== monthOfIndex(m).year;
    grid.push(
      html`<text class="tick" x="${r1(x + 2)}" y="${bottom + f + 4}" font-size="${f}">${monthName(m, false)}</text>`,
    );
    if (withYear) {
      grid.push(
        html`<text class="tick" x="${r1(x + 2)}" y="${bottom + 2 * f + 8}" font-size="${f}">${monthOfIndex(m).year}</text>`,
      );
    }
  }

  const shown = counts.filter((c) => c.month >= range.first && c.month <= range.last);
  const barWidth = Math.max(2, monthWidth * 0.62);
  const bars = shown.map((c) => {
    if (c.headacheDays === undefined) return '';
    const x = xMonth(c.month) + (monthWidth - barWidth) / 2;
    const y = yAt(c.headacheDays);
    const what = `${monthName(c.month, true)}: ${c.headacheDays} headache days${c.migraineDays !== undefined ? `, ${c.migraineDays} migraine days` : ''} (${timelineText('sources', c.source)}${c.partial ? `, partial month: ${c.coveredDays} days recorded` : ''})`;
    const value =
      monthWidth >= 20
        ? html`<text class="value" x="${r1(x + barWidth / 2)}" y="${r1(y - 3)}" font-size="${f - 1}" text-anchor="middle">${c.headacheDays}</text>`
        : '';
    return html`<rect class="${c.partial ? 'bar-partial' : 'bar'}" x="${r1(x)}" y="${r1(y)}" width="${r1(barWidth)}" height="${r1(bottom - y)}"><title>${what}</title></rect>${value}`;
  });

  const points = shown
    .filter((c): c is MonthCounts & { migraineDays: number } => c.migraineDays !== undefined)
    .map((c) => ({ x: xMonth(c.month) + monthWidth / 2, y: yAt(c.migraineDays), c }));
  // The line joins full months only: a partial month's count is not a monthly rate.
  const full = points.filter((p) => !p.c.partial);
  const line =
    full.length > 1
      ? html`<polyline class="migraine-line" points="${full.map((p) => `${r1(p.x)},${r1(p.y)}`).join(' ')}"/>`
      : '';
  const dots = points.map(
    (p) =>
      html`<circle class="${p.c.partial ? 'migraine-dot-partial' : 'migraine-dot'}" cx="${r1(p.x)}" cy="${r1(p.y)}" r="${monthWidth >= 12 ? 4 : 3}"><title>${monthName(p.c.month, true)}: ${p.c.migraineDays} migraine days${p.c.partial ? ' (partial month)' : ''}</title></circle>`,
  );

  const min = s.parameters?.minHeadacheDays;
  const threshold =
    min !== undefined
      ? html`<line class="threshold" x1="${frame.plotLeft}" x2="${frame.plotRight}" y1="${r1(yAt(min))}" y2="${r1(yAt(min))}"><title>Chronic migraine: ${min} headache days a month</title></line><text class="threshold-label" x="${frame.plotLeft + 3}" y="${r1(yAt(min) - 4)}" font-size="${f}">${min} days</text>`
      : '';
  return html`<text class="row-label" x="${frame.plotLeft}" y="${top - 9}" font-size="${f}">Days per month</text><g aria-hidden="true">${grid}</g><g>${bars}${line}${dots}${threshold}</g><line class="axis" x1="${frame.plotLeft}" x2="${frame.plotRight}" y1="${bottom}" y2="${bottom}"/>`;
}
