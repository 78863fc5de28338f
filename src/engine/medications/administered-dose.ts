import type { MedicationAdministration } from '@medplum/fhirtypes';
import type { DrugIngredient } from './drug-catalog-schema.ts';

/** mg per unit of `dosage.dose` (UCUM code, else the unit as written). */
const MG_PER: Record<string, number> = { mg: 1, g: 1000, ug: 0.001, mcg: 0.001 };

/** The dose a MedicationAdministration gave, in mg; undefined when not recorded or not in a mass unit. */
export function doseInMg(a: MedicationAdministration): number | undefined {
  const q = a.dosage?.dose;
  if (typeof q?.value !== 'number' || !Number.isFinite(q.value) || q.value <= 0) return undefined;
  const unit = typeof q.code === 'string' ? q.code : q.unit;
  const factor = typeof unit === 'string' ? MG_PER[unit.trim().toLowerCase()] : undefined;
  return factor === undefined ? undefined : q.value * factor;
}

/**
 * Days an administration of `drug` keeps it active (clinical-rules 2.2: "two dosing intervals (monthly CGRP
 * antibodies 60 days, quarterly fremanezumab and IV eptinezumab 180 days)"). Where the schedule follows the dose
 * (data: `activeAfterAdministrationByDose`), the dose given that day picks the window; a dose not listed or not known
 * keeps `activeAfterAdministrationDays`, the longer window (a missed caution is the unsafe side).
 */
export function administrationWindowDays(drug: DrugIngredient, doseMg: number | undefined): number {
  const byDose =
    doseMg === undefined
      ? undefined
      : drug.activeAfterAdministrationByDose?.find((d) => Math.abs(d.doseMg - doseMg) < 0.5);
  return byDose?.days ?? drug.activeAfterAdministrationDays ?? 60;
}
