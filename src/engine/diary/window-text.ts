import { dateString } from '../dates.ts';
import type { CountWindow } from './diary-windows.ts';

/** "18 (2026-10-25 to 2026-11-23)" for each window, newest first, comma separated. */
export function windowsText(windows: CountWindow[]): string {
  return windows
    .map((w) => `${w.count}${w.covered ? '' : ' (partly recorded)'} in ${dateString(w.start)} to ${dateString(w.end)}`)
    .join(', ');
}

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
