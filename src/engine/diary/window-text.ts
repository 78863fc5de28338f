import { dateString } from '../dates.ts';
import { type CountWindow, unloggedDays } from './diary-windows.ts';

/**
 * "18 in 2026-10-25 to 2026-11-23" for each window, newest first, comma separated; "18 (24 of 30 days logged) in ..."
 * when the diary records headache-free days (clinical-rules 2.1 "Logged days").
 */
export function windowsText(windows: CountWindow[]): string {
  return windows
    .map(
      (w) =>
        `${w.count}${w.covered ? '' : ' (partly recorded)'}${w.logged === undefined ? '' : ` (${w.logged} of ${w.end - w.start + 1} days logged)`} in ${dateString(w.start)} to ${dateString(w.end)}`,
    )
    .join(', ');
}

/** "6 days not logged in 2026-10-25 to 2026-11-23" per covered window with unlogged days (clinical-rules 2.1). */
export function unloggedTexts(windows: CountWindow[]): string[] {
  return windows
    .filter((w) => w.covered && unloggedDays(w) > 0)
    .map((w) => {
      const u = unloggedDays(w);
      return `${u} day${u === 1 ? '' : 's'} not logged in ${dateString(w.start)} to ${dateString(w.end)}`;
    });
}

/** The note on a daily diary that records no headache-free day (clinical-rules 2.1 "Logged days"). */
export const HEADACHE_ONLY_DIARY =
  'this diary records headache days only: days without an entry are read as headache-free';

/** "daily diary" or "monthly summaries". */
export function sourceText(source: 'daily' | 'summary'): string {
  return source === 'daily' ? 'daily diary' : 'monthly summaries';
}

/** The refs of the windows, each once, in window order. */
export function evidenceOf(windows: CountWindow[]): string[] {
  const refs = new Set<string>();
  for (const w of windows) for (const ref of w.evidence) refs.add(ref);
  return [...refs];
}
