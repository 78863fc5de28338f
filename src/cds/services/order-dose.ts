import { isUnitsSpelling, unitsInText } from '../../engine/toxin/toxin-units.ts';

/** How a draft states its dose (clinical-rules 5, `dose`). */
export type DoseReading =
  | { stated: 'units'; units: number; from: 'doseQuantity' | 'text' }
  | { stated: 'not-units'; unit: string }
  | { stated: 'missing' };

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
 * Reads the dose from `dosageInstruction.doseAndRate.doseQuantity` in units, else a number of units in
 * `dosageInstruction.text` (amounts describing a vial are skipped there); never `dispenseRequest.quantity` or the vial
 * size.
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
      if (isUnitsSpelling(unit)) return { stated: 'units', units: q.value, from: 'doseQuantity' };
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
