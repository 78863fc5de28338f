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

/**
 * The refs of the windows, each once, in window order. `distinct`: the caller knows that no ref is in two windows
 * (nor twice in one), so that the lists are only joined.
 */
export function evidenceOf(windows: CountWindow[], distinct = false): string[] {
  if (distinct) {
    const joined: string[] = [];
    for (const w of windows) for (const ref of w.evidence) joined.push(ref);
    return joined;
  }
  const refs = new Set<string>();
  for (const w of windows) for (const ref of w.evidence) refs.add(ref);
  return [...refs];
}
