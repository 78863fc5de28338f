import { type ChartRange, monthOfIndex, monthPosition } from './chart-data.ts';

/** Geometry of one rendering: the page carries a wide chart (desktop, print) and a narrow one (EHR side panel). */
export interface ChartLayout {
  id: 'wide' | 'narrow';
  width: number;
  left: number;
  right: number;
  font: number;
  diaryHeight: number;
  /** Minimum width of one month label, to pick the tick step. */
  tickSpacing: number;
}

export const WIDE_LAYOUT: ChartLayout = {
  id: 'wide',
  width: 760,
  left: 40,
  right: 16,
  font: 12,
  diaryHeight: 190,
  tickSpacing: 34,
};
export const NARROW_LAYOUT: ChartLayout = {
  id: 'narrow',
  width: 360,
  left: 30,
  right: 10,
  font: 12,
  diaryHeight: 170,
  tickSpacing: 30,
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Rounds a coordinate to one decimal: smaller markup, same picture. */
export const r1 = (n: number) => Math.round(n * 10) / 10;

export function monthName(index: number, withYear: boolean): string {
  const { year, month } = monthOfIndex(index);
  return withYear ? `${MONTHS[month - 1]} ${year}` : (MONTHS[month - 1] ?? '');
}

/** Horizontal geometry shared by every row of the chart: one time axis. */
export interface ChartFrame {
  layout: ChartLayout;
  range: ChartRange;
  plotLeft: number;
  plotRight: number;
  monthWidth: number;
  /** x of a date (clamped to the chart). */
  xAt(date: string): number;
  /** x of the first day of a month. */
  xMonth(index: number): number;
  /** Rough width of a text in this layout's font (no font metrics on the server). */
  textWidth(text: string): number;
  /** x and anchor that keep a label of `text` inside the plot, preferring to start at `x1`, else to end at `x2`. */
  placeLabel(text: string, x1: number, x2: number): { x: number; anchor: 'start' | 'end' };
}

export function chartFrame(layout: ChartLayout, range: ChartRange): ChartFrame {
  const plotLeft = layout.left;
  const plotRight = layout.width - layout.right;
  const monthWidth = (plotRight - plotLeft) / (range.last - range.first + 1);
  const textWidth = (text: string) => text.length * layout.font * 0.58;
  return {
    layout,
    range,
    plotLeft,
    plotRight,
    monthWidth,
    xAt: (date) =>
      plotLeft + (Math.min(Math.max(monthPosition(date), range.first), range.last + 1) - range.first) * monthWidth,
    xMonth: (index) => plotLeft + (index - range.first) * monthWidth,
    textWidth,
    placeLabel(text, x1, x2) {
      const w = textWidth(text);
      if (x1 + w <= plotRight) return { x: x1, anchor: 'start' };
      if (x2 - w >= plotLeft) return { x: x2, anchor: 'end' };
      return { x: plotLeft, anchor: 'start' };
    },
  };
}
