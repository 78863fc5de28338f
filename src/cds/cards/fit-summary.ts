/** Card summaries must be shorter than 140 characters (CDS Hooks); longer text is cut with an ellipsis. */
export function fitSummary(text: string): string {
  return text.length <= 139 ? text : `${text.slice(0, 138).trimEnd()}…`;
}
