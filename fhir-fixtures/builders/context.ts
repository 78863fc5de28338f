import type { Patient, Reference } from '@medplum/fhirtypes';
import { addDays } from '../../src/engine/dates.ts';

/** What a patient file needs to generate its resources: E, its own id, and day arithmetic relative to E. */
export interface FixtureContext {
  /** E, YYYY-MM-DD. */
  evaluationDate: string;
  patientId: string;
  /** E + `offset` days as YYYY-MM-DD (offsets are negative for the past). */
  day(offset: number): string;
  /** E + `offset` days at a local clock time, as a FHIR dateTime with the patient's UTC offset. */
  at(offset: number, time: string): string;
  /** A resource id unique to this patient: `<patientId>-<suffix>`. */
  id(suffix: string): string;
  /** `Patient/<patientId>`. */
  patientRef: Reference<Patient>;
}

/** Patients of the panel live in US Central time; timestamps carry that offset (never "Z"), so days never shift. */
const LOCAL_OFFSET = '-06:00';

export function fixtureContext(evaluationDate: string, patientId: string): FixtureContext {
  return {
    evaluationDate,
    patientId,
    day: (offset) => addDays(evaluationDate, offset),
    at: (offset, time) => `${addDays(evaluationDate, offset)}T${time}:00${LOCAL_OFFSET}`,
    id: (suffix) => `${patientId}-${suffix}`,
    patientRef: { reference: `Patient/${patientId}` },
  };
}
