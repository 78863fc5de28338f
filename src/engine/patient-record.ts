import type {
  AdverseEvent,
  AllergyIntolerance,
  Condition,
  Medication,
  MedicationAdministration,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';
import type { DataNote } from './types.ts';

/** Parts of the record the engine reads; each may be unavailable (could not be obtained) independently. */
export type RecordPart =
  | 'patient'
  | 'conditions'
  | 'observations'
  | 'medicationStatements'
  | 'medicationRequests'
  | 'medicationAdministrations'
  | 'procedures'
  | 'allergies'
  | 'adverseEvents';

/** The patient's FHIR data, sorted by type. Built once per call; read by every engine module. */
export interface PatientRecord {
  patient?: Patient;
  conditions: Condition[];
  observations: Observation[];
  medicationStatements: MedicationStatement[];
  medicationRequests: MedicationRequest[];
  medicationAdministrations: MedicationAdministration[];
  procedures: Procedure[];
  allergies: AllergyIntolerance[];
  /** Adverse events (post-injection effects, clinical-rules 3 `prior-toxin-adverse-effect`). */
  adverseEvents: AdverseEvent[];
  /** Medication resources (included in searchsets) that `medicationReference` may point to, by `Medication/id`. */
  medications: Map<string, Medication>;
  /** Parts that could not be obtained, with the reason (shown in the card). */
  unavailable: Partial<Record<RecordPart, string>>;
  /** What was set aside before the engine (resources not valid FHIR R4), shown in the card's data notes. */
  notes: DataNote[];
}

export const RECORD_PART_OF_TYPE: Record<string, RecordPart | 'medications'> = {
  Patient: 'patient',
  Condition: 'conditions',
  Observation: 'observations',
  MedicationStatement: 'medicationStatements',
  MedicationRequest: 'medicationRequests',
  MedicationAdministration: 'medicationAdministrations',
  Procedure: 'procedures',
  AllergyIntolerance: 'allergies',
  AdverseEvent: 'adverseEvents',
  Medication: 'medications',
};

/** RECORD_PART_OF_TYPE as a Map: own keys only, so a resourceType of "constructor" or "__proto__" finds nothing. */
const PART_OF_TYPE = new Map(Object.entries(RECORD_PART_OF_TYPE));

/**
 * Sorts resources into a record. Resources are filed by their type, whatever key carried them; duplicates (same
 * type and id from two keys) are kept once; resources of another patient are dropped.
 */
export function buildPatientRecord(
  resources: Resource[],
  options: { patientId?: string; unavailable?: Partial<Record<RecordPart, string>>; notes?: DataNote[] } = {},
): PatientRecord {
  const record: PatientRecord = {
    conditions: [],
    observations: [],
    medicationStatements: [],
    medicationRequests: [],
    medicationAdministrations: [],
    procedures: [],
    allergies: [],
    adverseEvents: [],
    medications: new Map(),
    unavailable: { ...options.unavailable },
    notes: [...(options.notes ?? [])],
  };
  const patientId = options.patientId;
  const patientRef = patientId ? `Patient/${patientId}` : undefined;
  // Ids seen per resource type: no `Type/id` string is built per resource. Fields are read once into locals: the
  // resources are of many shapes, so every property read is a slow (megamorphic) one.
  const seen = new Map<string, Set<string>>();
  // Resources come in runs of one type (a searchset per key): the part and ids of the last type are kept at hand.
  let lastType: string | undefined;
  let part: RecordPart | 'medications' | undefined;
  let ids: Set<string> | undefined;
  let list: Resource[] | undefined;
  for (const resource of resources) {
    if (!resource || typeof resource !== 'object') continue;
    const type = resource.resourceType;
    if (typeof type !== 'string') continue;
    if (type !== lastType) {
      lastType = type;
      part = PART_OF_TYPE.get(type);
      ids = seen.get(type);
      list = part && part !== 'patient' && part !== 'medications' ? (record[part] as Resource[]) : undefined;
    }
    if (!part) continue;
    const id = resource.id;
    if (id) {
      if (!ids) {
        ids = new Set();
        seen.set(type, ids);
      }
      // One hash lookup: a duplicate leaves the set as it was.
      const size = ids.size;
      ids.add(id);
      if (ids.size === size) continue;
    }
    if (part === 'medications') {
      if (id) record.medications.set(`Medication/${id}`, resource as Medication);
      continue;
    }
    if (part === 'patient') {
      if (!patientId || id === patientId || !record.patient) record.patient = resource as Patient;
      continue;
    }
    if (patientId && !belongsToRef(resource, patientId, patientRef!)) continue;
    list!.push(resource);
  }
  return record;
}

/** True unless the resource names another patient as its subject/patient. */
export function belongsTo(resource: Resource, patientId: string): boolean {
  return belongsToRef(resource, patientId, `Patient/${patientId}`);
}

/** belongsTo, given `Patient/<patientId>` already built (the usual reference, compared as a whole). */
function belongsToRef(resource: Resource, patientId: string, patientRef: string): boolean {
  const r = resource as { subject?: { reference?: string }; patient?: { reference?: string } };
  const ref = r.subject?.reference ?? r.patient?.reference;
  // No readable reference (absent, or not a string in a resource set aside as not valid FHIR R4): read as this patient's.
  if (typeof ref !== 'string' || !ref || ref === patientRef) return true;
  const m = /(?:^|\/)Patient\/([^/]+)(?:\/_history\/[^/]+)?$/.exec(ref);
  return !m || m[1] === patientId;
}
