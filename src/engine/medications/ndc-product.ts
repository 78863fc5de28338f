/**
 * The 9-digit labeler+product keys (5-4 form) an NDC may stand for. Hyphenated codes are padded segment by segment
 * (4-4-2, 5-3-2, 5-4-1 -> 5-4-2); an unhyphenated 11-digit code is already 5-4-2; an unhyphenated 10-digit (or 8-digit
 * product-only) code is ambiguous, so every reading is returned and any of them may match.
 */
export function ndcProductKeys(code: string): string[] {
  const c = code.trim();
  if (c.includes('-')) {
    const [labeler = '', product = ''] = c.split('-');
    if (!/^\d{4,5}$/.test(labeler) || !/^\d{3,4}$/.test(product)) return [];
    return [labeler.padStart(5, '0') + product.padStart(4, '0')];
  }
  if (!/^\d+$/.test(c)) return [];
  if (c.length === 11) return [c.slice(0, 9)];
  if (c.length === 10) return [`0${c.slice(0, 8)}`, `${c.slice(0, 5)}0${c.slice(5, 8)}`, c.slice(0, 9)];
  if (c.length === 9) return [c];
  if (c.length === 8) return [`0${c}`, `${c.slice(0, 5)}0${c.slice(5)}`];
  return [];
}
