import type { Quantity } from '@medplum/fhirtypes';

/** UCUM and free-text spellings of "units" (clinical-criteria 5: U, [U], [USP'U], {unit}, {units}). */
const UNIT_SPELLINGS = new Set(['u', '[u]', "[usp'u]", '{unit}', '{units}', 'unit', 'units', "usp'u", 'usp units']);

/** The number of units a Quantity states, or undefined when it is not in units (mL, vials, missing value). */
export function unitsOfQuantity(quantity: Quantity | undefined): number | undefined {
  if (!quantity || typeof quantity.value !== 'number' || !Number.isFinite(quantity.value) || quantity.value < 0) {
    return undefined;
  }
  const spellings = [quantity.code, quantity.unit].filter((s): s is string => typeof s === 'string');
  return spellings.some((s) => UNIT_SPELLINGS.has(s.trim().toLowerCase())) ? quantity.value : undefined;
}

/**
 * A number of units stated in free text ("155 units IM", "155 U"). With several numbers ("155 units: 5 units at each of
 * 31 sites") the largest is taken: the total, and the safer figure for dose limits.
 */
export function unitsInText(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const values = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(?:units?\b|U\b|\[U\])/gi)].map((m) => Number(m[1]));
  return values.length ? Math.max(...values) : undefined;
}
