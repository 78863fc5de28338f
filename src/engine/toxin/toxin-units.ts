import type { Quantity } from '@medplum/fhirtypes';

/** UCUM and free-text spellings of "units" (clinical-rules 5: U, [U], [USP'U], {unit}, {units}). */
const UNIT_SPELLINGS = new Set(['u', '[u]', "[usp'u]", '{unit}', '{units}', 'unit', 'units', "usp'u", 'usp units']);

/** A Quantity's `code` or `unit` that means "units" of toxin. */
export function isUnitsSpelling(spelling: string): boolean {
  return UNIT_SPELLINGS.has(spelling.trim().toLowerCase());
}

/** The number of units a Quantity states, or undefined when it is not in units (mL, vials, missing value). */
export function unitsOfQuantity(quantity: Quantity | undefined): number | undefined {
  if (!quantity || typeof quantity.value !== 'number' || !Number.isFinite(quantity.value) || quantity.value < 0) {
    return undefined;
  }
  const spellings = [quantity.code, quantity.unit].filter((s): s is string => typeof s === 'string');
  return spellings.some(isUnitsSpelling) ? quantity.value : undefined;
}

/** "155 units", "155 U", "155 [U]", "200-unit", "100U". */
const AMOUNT = /(?<![\w.])(\d+(?:\.\d+)?)\s*-?\s*(?:units?\b|U\b|\[U\])/gi;
/** Words for what a product comes in: an amount next to one is the pack size, not a dose. */
const CONTAINER = String.raw`(?:single[- ]?(?:dose|use)\s+|multi[- ]?dose\s+)?(?:vials?|bottles?|containers?|amp(?:oule|ule)?s?|packs?|kits?)\b`;
/** "200 Unit vial", "200-unit vial", "100U vial", "200 units per vial", "200 units/vial". */
const CONTAINER_AFTER = new RegExp(String.raw`^\s*(?:\/\s*|per\s+|in\s+(?:a|one|each)\s+)?${CONTAINER}`, 'i');
/** "vial of 200 units", "vial (200 units)", "vial contains 200 units", "reconstitute 200 units with 4 mL". */
const CONTAINER_BEFORE =
  /(?:\b(?:vials?|bottles?|containers?|amp(?:oule|ule)?s?)\s*(?:of|containing|contains|with|\(|:|=)?|\b(?:reconstitut|dilut)(?:e|ed|ing)\s*(?:a|one|each|the)?)\s*$/i;
/** "5 units at each of 31 sites", "5 U x 31 sites", "5 units per site x 31 sites", "5 units into 31 sites". */
const PER_SITE =
  /^\s*(?:at each of|at|per site (?:at|x|×)|x|×|into|to)\s*(?:each of\s*)?(\d+)\s*(?:injection\s*)?sites?\b/i;

/**
 * The dose in units stated in free text (clinical-rules 5: "a number of units stated in dosageInstruction.text;
 * never dispenseRequest.quantity or the vial size"). Amounts that describe a vial or other container ("reconstitute one
 * 200 Unit vial", "vial of 100 units") are not doses and are ignored. A per-site amount times its sites ("5 units at
 * each of 31 sites") reads as the total it makes (155). When several different totals remain, the largest is taken:
 * per-site amounts are smaller than the total they add up to, and for the dose and cumulative limits the larger
 * figure is the safer reading.
 */
export function unitsInText(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const totals: number[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (CONTAINER_AFTER.test(text.slice(end)) || CONTAINER_BEFORE.test(text.slice(0, start))) continue;
    const units = Number(m[1]);
    totals.push(units);
    const sites = PER_SITE.exec(text.slice(end));
    if (sites) totals.push(units * Number(sites[1]));
  }
  const valid = totals.filter((n) => Number.isFinite(n) && n > 0);
  return valid.length ? Math.max(...valid) : undefined;
}
