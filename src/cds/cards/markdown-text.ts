/**
 * Record text in a card's Markdown detail (clinical-rules 8; issue 19 item 6). The detail is GitHub-flavoured
 * Markdown and EHRs render it, raw HTML included (the CDS Hooks sandbox does). Text that comes from the record (a
 * condition's display, a drug name, a resource id, a finding's description) must read as text, never act as markup:
 * - `<` is written `&lt;`: no raw HTML, no `<scheme:...>` autolink;
 * - `\ [ ] * _ ~ | &` and the backtick are backslash-escaped: no link or image (`[x](javascript:...)`), no emphasis
 *   that could forge a bold label, no strikethrough, no table cell, code span or character reference;
 * - `:` after http/https/ftp, `.` after www and `@` are escaped: no GFM autolink literal;
 * - line breaks become spaces, the ends are trimmed, and a leading block marker (`#`, `>`, `-`, `+`, `=`, `1.`) is escaped, so the text cannot
 *   start a heading, quote, list or table row of its own.
 * Every renderer that follows CommonMark shows the escaped characters as they were.
 */
export function recordText(text: string): string {
  const oneLine = /[\r\n\u2028\u2029]/.test(text) ? text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ') : text;
  const escaped = oneLine
    .trim()
    .replace(/[\\`*_[\]~|&]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/(https?|ftp):(?=\/\/)/gi, '$1\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
  return escaped.replace(/^(\s*)([#>+=-]|\d+(?=[.)]))/, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

/** At most three `Type/id` references, then "and N more" (clinical-rules 8), as record text. */
export function evidenceText(refs: string[], shown = 3): string {
  if (!refs.length) return '';
  const listed = refs.slice(0, shown).map(recordText).join(', ');
  return refs.length > shown ? `${listed} and ${refs.length - shown} more` : listed;
}
