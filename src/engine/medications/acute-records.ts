import type { CodeableConcept, Observation, Period } from '@medplum/fhirtypes';
import { type DayNumber, fhirDayNumber } from '../dates.ts';
import { acuteClassOf, isAcuteTakenCode } from '../diary/diary-codes.ts';
import { refOf } from '../fhir/reference.ts';
import type { PatientRecord } from '../patient-record.ts';
import { matchIngredients } from './drug-match.ts';
import { medicationConcept } from './medication-concept.ts';

/** One acute medication taken on one date, of one class (clinical-rules 2.1, "Daily acute-medication records", 3.0). */
export interface AcuteRecord {
  day: DayNumber;
  class: string;
  ref?: string;
}

/**
 * The acute class of a drug concept (clinical-rules 6 and 11.4): a product naming a triptan is a triptan (a
 * triptan combined with an NSAID included); any other product of two or more acute ingredients, or of a combination
 * ingredient (caffeine, butalbital), is a combination analgesic; a single ingredient has its class.
 */
export function acuteDrugClass(concepts: CodeableConcept[]): string | undefined {
  const acute = matchIngredients(concepts).filter((m) => m.drug.role === 'acute');
  if (!acute.length) return undefined;
  const classes = acute.map((m) => m.drug.class);
  if (classes.includes('triptan')) return 'triptan';
  if (acute.length > 1 || classes.includes('combination-analgesic')) return 'combination-analgesic';
  return classes[0];
}

/** The class a `valueCodeableConcept` names: a class code of the headache-diary system, else the drug. */
function classOfValue(value: CodeableConcept | undefined): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return acuteClassOf(value) ?? acuteDrugClass([value]);
}

/**
 * The one date a record is dated by (clinical-rules 11.4): its dateTime, or a period whose start and end fall on
 * the same calendar date. A period without an end, or across dates, is not a daily record (the safer reading: its
 * number of doses is unknown, and counting each of its dates would invent acute days).
 */
function oneDay(dateTime: string | undefined, period: Period | undefined, zone: string): DayNumber | undefined {
  if (dateTime) return fhirDayNumber(dateTime, zone);
  const start = fhirDayNumber(period?.start, zone);
  const end = fhirDayNumber(period?.end, zone);
  return start !== undefined && start === end ? start : undefined;
}

function push(out: AcuteRecord[], day: DayNumber | undefined, cls: string | undefined, ref: string | undefined): void {
  if (day === undefined || !cls) return;
  const r: AcuteRecord = { day, class: cls };
  if (ref) r.ref = ref;
  out.push(r);
}

/**
 * Every daily acute-medication record of a record (clinical-rules 2.1 and 11.4): Observations coded
 * `acute-medication-taken` and the same component of daily headache entries (`acuteObservations`, as readDiary found
 * them), completed MedicationAdministrations and active or completed MedicationStatements dated within one day, of a
 * drug of an acute class (gepants and ditans included: they count for coverage, never toward overuse).
 */
export function readAcuteRecords(
  record: PatientRecord,
  acuteObservations: Observation[],
  siteTimeZone: string,
): AcuteRecord[] {
  const out: AcuteRecord[] = [];
  for (const obs of acuteObservations) {
    const day = oneDay(obs.effectiveDateTime ?? obs.effectiveInstant, obs.effectivePeriod, siteTimeZone);
    const ref = refOf(obs);
    if (isAcuteTakenCode(obs.code)) {
      if (!obs.dataAbsentReason) push(out, day, classOfValue(obs.valueCodeableConcept), ref);
      continue;
    }
    for (const c of obs.component ?? []) {
      if (isAcuteTakenCode(c.code) && !c.dataAbsentReason) push(out, day, classOfValue(c.valueCodeableConcept), ref);
    }
  }
  for (const a of record.medicationAdministrations) {
    if (a.status !== 'completed') continue;
    const day = oneDay(a.effectiveDateTime, a.effectivePeriod, siteTimeZone);
    push(out, day, acuteDrugClass(medicationConcept(a, record).concepts), refOf(a));
  }
  for (const s of record.medicationStatements) {
    if (s.status !== 'active' && s.status !== 'completed') continue;
    const day = oneDay(s.effectiveDateTime, s.effectivePeriod, siteTimeZone);
    push(out, day, acuteDrugClass(medicationConcept(s, record).concepts), refOf(s));
  }
  return out;
}
