/** CDS Hooks: a summary is shorter than 140 characters; clinical-rules 8: never cut mid-word. */
export const SUMMARY_MAX = 139;

/**
 * The first candidate that fits, candidates ordered from the fullest to the shortest wording (clinical-rules 11.17:
 * drop the policy name first, then shorten). When none fits, the last is shortened at a word boundary with an ellipsis.
 */
export function fitSummary(...candidates: string[]): string {
  for (const c of candidates) if (c.length <= SUMMARY_MAX) return c;
  const last = candidates[candidates.length - 1] ?? '';
  const cut = last.slice(0, SUMMARY_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut.slice(0, SUMMARY_MAX - 1)).replace(/[\s,;:(-]+$/, '')}…`;
}
