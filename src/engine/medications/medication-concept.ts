import type { CodeableConcept, Medication, Reference, Resource } from '@medplum/fhirtypes';
import { targetOf } from '../fhir/reference.ts';
import type { PatientRecord } from '../patient-record.ts';

/** What a medication record is about: its concept and, when referenced, the Medication resource. */
export interface MedicationConcept {
  /** The concepts to match: medicationCodeableConcept, the Medication's code and ingredients, or the reference display. */
  concepts: CodeableConcept[];
  medication?: Medication;
  /** Medication.form, for route inference. */
  form?: CodeableConcept;
}

type MedicationBearing = Resource & {
  medicationCodeableConcept?: CodeableConcept;
  medicationReference?: Reference;
  contained?: Resource[];
};

/**
 * Resolves `medication[x]`: a CodeableConcept, a contained Medication (`#id`), or a Medication included in the
 * record (`Medication/id`, absolute URLs reduced). An unresolved reference still contributes its `display` text.
 */
export function medicationConcept(resource: MedicationBearing, record: PatientRecord): MedicationConcept {
  if (resource.medicationCodeableConcept) return { concepts: [resource.medicationCodeableConcept] };
  const ref = resource.medicationReference;
  if (!ref) return { concepts: [] };
  const medication = resolveMedication(ref.reference, resource.contained, record);
  const concepts: CodeableConcept[] = [];
  if (medication?.code) concepts.push(medication.code);
  for (const ing of medication?.ingredient ?? []) {
    if (ing.itemCodeableConcept) concepts.push(ing.itemCodeableConcept);
    if (ing.itemReference?.display) concepts.push({ text: ing.itemReference.display });
  }
  if (ref.display) concepts.push({ text: ref.display });
  return { concepts, ...(medication ? { medication } : {}), ...(medication?.form ? { form: medication.form } : {}) };
}

function resolveMedication(
  reference: string | undefined,
  contained: Resource[] | undefined,
  record: PatientRecord,
): Medication | undefined {
  if (!reference) return undefined;
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    return contained?.find((r): r is Medication => r?.resourceType === 'Medication' && r.id === id);
  }
  const target = targetOf(reference);
  return target ? record.medications.get(target) : undefined;
}
