/** How a draft states its dose (clinical-criteria 5, `dose`). */
export type DoseReading =
  | { stated: 'units'; units: number; from: 'doseQuantity' | 'text' }
  | { stated: 'not-units'; unit: string }
  | { stated: 'missing' };

const UNIT_CODES = new Set(['u', '[u]', "[usp'u]", '{unit}', '{units}', 'unit', 'units']);

interface Quantity {
  value?: unknown;
  unit?: unknown;
  code?: unknown;
}

function quantityOf(instruction: Record<string, unknown>): Quantity | undefined {
  const doseAndRate = instruction.doseAndRate as { doseQuantity?: Quantity }[] | undefined;
  // R4 doseAndRate, else the DSTU2/STU3 dosageInstruction.doseQuantity.
  return doseAndRate?.find((d) => d?.doseQuantity)?.doseQuantity ?? (instruction.doseQuantity as Quantity | undefined);
}

/**
 * A total stated in free text. "5 units at each of 31 sites" / "5 U x 31 sites" reads as 155; otherwise the largest
 * number of units stated is taken as the total (per-site amounts are smaller than the total they add up to).
 */
export function unitsInText(text: string): number | undefined {
  const perSite =
    /(\d+(?:\.\d+)?)\s*(?:units?|U)\b\s*(?:at each of|at|per site (?:at|x|×)|x|×|into|to)\s*(?:each of\s*)?(\d+)\s*(?:injection\s*)?sites?/i.exec(
      text,
    );
  const stated = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(?:units?|U)\b/gi)].map((m) => Number(m[1]));
  const candidates = [...stated, ...(perSite ? [Number(perSite[1]) * Number(perSite[2])] : [])].filter(
    (n) => Number.isFinite(n) && n > 0,
  );
  return candidates.length ? Math.max(...candidates) : undefined;
}

/**
 * Reads the dose from `dosageInstruction.doseAndRate.doseQuantity` in units, else a number of units in
 * `dosageInstruction.text`; never `dispenseRequest.quantity` or the vial size.
 */
export function readDose(draft: Record<string, unknown>): DoseReading {
  const instructions = (Array.isArray(draft.dosageInstruction) ? draft.dosageInstruction : []) as Record<
    string,
    unknown
  >[];
  let otherUnit: string | undefined;
  for (const instruction of instructions) {
    if (!instruction || typeof instruction !== 'object') continue;
    const q = quantityOf(instruction);
    if (q && typeof q.value === 'number' && q.value > 0) {
      const unit = String(q.code ?? q.unit ?? '').trim();
      if (UNIT_CODES.has(unit.toLowerCase())) return { stated: 'units', units: q.value, from: 'doseQuantity' };
      otherUnit = unit || 'no unit';
    }
  }
  for (const instruction of instructions) {
    const text = typeof instruction?.text === 'string' ? instruction.text : undefined;
    const units = text ? unitsInText(text) : undefined;
    if (units !== undefined) return { stated: 'units', units, from: 'text' };
  }
  return otherUnit ? { stated: 'not-units', unit: otherUnit } : { stated: 'missing' };
}
