import type { Resource } from '@medplum/fhirtypes';
import { buildPatientRecord, type PatientRecord, type RecordPart } from '../../engine/patient-record.ts';
import type { PrefetchData } from '../../prefetch/types.ts';

/** Files what prefetch resolution obtained into a patient record; unobtainable keys become `unavailable` parts. */
export function recordFromPrefetch(data: PrefetchData, patientId: string): PatientRecord {
  const resources: Resource[] = [];
  const unavailable: Partial<Record<RecordPart, string>> = {};
  for (const [key, outcome] of Object.entries(data)) {
    if (outcome.status === 'ok') resources.push(...outcome.resources);
    else unavailable[key as RecordPart] = outcome.reason;
  }
  return buildPatientRecord(resources, { patientId, unavailable });
}
