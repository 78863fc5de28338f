import type { Resource } from '@medplum/fhirtypes';
import { screenResources } from './fhir/resource-shape.ts';
import { belongsTo, buildPatientRecord, type PatientRecord, type RecordPart } from './patient-record.ts';
import type { DataNote } from './types.ts';

/** Parts where a set-aside resource could hide a contraindication (clinical-rules 2): the part counts as unavailable. */
const CONTRAINDICATION_PARTS: Partial<Record<string, RecordPart>> = {
  AllergyIntolerance: 'allergies',
  Condition: 'conditions',
};

/** A record built from the resources that pass the shape check, and the check's verdict on the patient. */
export interface ScreenedRecord {
  record: PatientRecord;
  /** Set when the patient's own Patient resource failed the check: the path of the first wrong field. */
  patientUnreadable?: string;
}

/**
 * Screens the resources (src/engine/fhir/resource-shape.ts), then builds the record from the readable ones; each
 * resource of this patient set aside becomes an `unused` note. A set-aside AllergyIntolerance or Condition also makes
 * its part unavailable, so that the status cannot be `candidate`: a hypersensitivity or an injection-site infection
 * may be the very resource that could not be read (the clinically safer reading; the brief is silent on it).
 */
export function buildScreenedRecord(
  resources: Resource[],
  options: { patientId?: string; unavailable?: Partial<Record<RecordPart, string>> } = {},
): ScreenedRecord {
  const screened = screenResources(resources);
  const unavailable = { ...options.unavailable };
  let patientUnreadable: string | undefined;
  const notes: DataNote[] = [];
  const noted = new Set<string>();
  for (const { resource, path, note } of screened.rejected) {
    if (resource.resourceType === 'Patient') {
      if (!options.patientId || resource.id === options.patientId) patientUnreadable ??= path;
      continue;
    }
    // Another patient's resources are dropped by the record anyway; their ids never reach this patient's card.
    if (options.patientId && !belongsTo(resource, options.patientId)) continue;
    const part = CONTRAINDICATION_PARTS[resource.resourceType];
    if (part) unavailable[part] ??= 'a record could not be read: not valid FHIR R4';
    if (noted.has(note.text)) continue;
    noted.add(note.text);
    notes.push(note);
  }
  const record = buildPatientRecord(screened.usable, { ...options, unavailable, notes });
  return { record, ...(patientUnreadable ? { patientUnreadable } : {}) };
}
