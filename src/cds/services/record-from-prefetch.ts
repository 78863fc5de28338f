import type { Resource } from '@medplum/fhirtypes';
import type { PatientRecord, RecordPart } from '../../engine/patient-record.ts';
import { buildScreenedRecord } from '../../engine/screened-record.ts';
import { badRequest, preconditionFailed } from '../../http/operation-outcome.ts';
import type { PrefetchData } from '../../prefetch/types.ts';

/**
 * Files what prefetch resolution obtained into a patient record; unobtainable keys become `unavailable` parts, and
 * resources with a field of the wrong type are set aside with a note. The patient is required: an unreadable Patient
 * is a 400 when the client sent it in prefetch, a 412 (required data unusable) when it was fetched.
 */
export function recordFromPrefetch(data: PrefetchData, patientId: string): PatientRecord {
  const resources: Resource[] = [];
  const unavailable: Partial<Record<RecordPart, string>> = {};
  for (const [key, outcome] of Object.entries(data)) {
    if (outcome.status === 'ok') resources.push(...outcome.resources);
    else unavailable[key as RecordPart] = outcome.reason;
  }
  const { record, patientUnreadable } = buildScreenedRecord(resources, { patientId, unavailable });
  if (patientUnreadable) {
    const text = `The Patient resource is not valid FHIR R4: ${patientUnreadable} has the wrong type`;
    const patientKey = data.patient;
    if (patientKey?.status === 'ok' && patientKey.source === 'fetched') throw preconditionFailed(text, ['patient']);
    throw badRequest(text, ['prefetch.patient']);
  }
  return record;
}
