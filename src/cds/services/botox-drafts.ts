import type { CodeableConcept, Condition, Medication, Reference, Resource } from '@medplum/fhirtypes';
import { fhirDay } from '../../engine/dates.ts';
import { hasCoding, SYSTEMS } from '../../engine/fhir/codeable-concept.ts';
import { refOf, targetOf } from '../../engine/fhir/reference.ts';
import type { PatientRecord } from '../../engine/patient-record.ts';
import { matchValueSet } from '../../engine/terminology/value-set-match.ts';
import { valueSet } from '../../engine/terminology/value-sets.ts';
import { classifyToxinProduct } from '../../engine/toxin/toxin-product.ts';

/** A draft order as the EHR sent it; read leniently (R4 MedicationRequest/ServiceRequest, DSTU2 MedicationOrder). */
type Draft = Resource & Record<string, unknown>;

export interface BotoxDraft {
  resource: Draft;
  /** `Type/id`, when the draft has an id (needed for update/delete suggestions). */
  ref?: string;
  kind: 'medication' | 'procedure';
  reason: 'migraine' | 'absent' | 'other';
  /** The planned administration date found on the draft, if any (YYYY-MM-DD). */
  plannedDate?: string;
  product: string;
}

const MEDICATION_ORDER_TYPES = new Set(['MedicationRequest', 'MedicationOrder']);
const PROCEDURE_ORDER_TYPES = new Set(['ServiceRequest', 'ProcedureRequest']);

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The medication a draft orders: its CodeableConcept, or the Medication it references (contained, in the bundle or record). */
function medicationOf(draft: Draft, bundleMedications: Map<string, Medication>, record: PatientRecord) {
  const concept = draft.medicationCodeableConcept as CodeableConcept | undefined;
  const ref = (draft.medicationReference as Reference | undefined)?.reference;
  let medication: Medication | undefined;
  if (ref?.startsWith('#')) {
    medication = asArray(draft.contained as Resource[]).find(
      (r) => r.resourceType === 'Medication' && r.id === ref.slice(1),
    ) as Medication | undefined;
  } else if (ref) {
    const target = targetOf(ref);
    medication = target ? (bundleMedications.get(target) ?? record.medications.get(target)) : undefined;
  }
  return { concept: concept ?? medication?.code, medication };
}

function reasonOf(draft: Draft, record: PatientRecord): BotoxDraft['reason'] {
  const codes = [
    ...asArray(draft.reasonCode as CodeableConcept[]),
    ...asArray(draft.reasonCodeableConcept as CodeableConcept),
  ];
  const refs = [...asArray(draft.reasonReference as Reference[]), ...asArray(draft.reasonReference as Reference)]
    .map((r) => targetOf(r?.reference))
    .filter((r): r is string => !!r);
  if (!codes.length && !refs.length) return 'absent';
  const migraine = valueSet('migraine');
  if (codes.some((c) => matchValueSet(c, migraine))) return 'migraine';
  const conditions = new Map(record.conditions.map((c) => [`Condition/${c.id}`, c] as [string, Condition]));
  if (
    refs.some((r) => {
      const c = conditions.get(r);
      return c !== undefined && matchValueSet(c.code, migraine) !== undefined;
    })
  )
    return 'migraine';
  // A reference we cannot resolve might be a migraine diagnosis: treat it as absent rather than as another indication.
  if (!codes.length && refs.every((r) => !conditions.has(r))) return 'absent';
  return 'other';
}

/**
 * The planned administration date D (clinical-rules 5): occurrence[x], a dosage timing start, or the dispense
 * validity start. Undefined when the draft states none ("if given today": the caller uses E).
 */
function plannedDateOf(draft: Draft, siteTimeZone: string): string | undefined {
  const occurrence =
    (draft.occurrenceDateTime as string | undefined) ??
    (draft.occurrencePeriod as { start?: string } | undefined)?.start ??
    (draft.occurrenceTiming as { event?: string[] } | undefined)?.event?.[0];
  const timing = asArray(
    draft.dosageInstruction as { timing?: { event?: string[]; repeat?: { boundsPeriod?: { start?: string } } } }[],
  )
    .map((d) => d?.timing?.event?.[0] ?? d?.timing?.repeat?.boundsPeriod?.start)
    .find((d) => d !== undefined);
  const validity = (draft.dispenseRequest as { validityPeriod?: { start?: string } } | undefined)?.validityPeriod
    ?.start;
  for (const candidate of [occurrence, timing, validity]) {
    const day = fhirDay(candidate, siteTimeZone);
    if (day) return day;
  }
  return undefined;
}

/**
 * The onabotulinumtoxinA drafts of a request: MedicationRequest (or DSTU2 MedicationOrder) for a therapeutic BOTOX
 * product, or ServiceRequest (or DSTU2 ProcedureRequest) for CPT 64615. For order-select only the selected drafts count.
 */
export function findBotoxDrafts(
  entries: Resource[],
  options: { selections?: string[]; record: PatientRecord; siteTimeZone: string },
): BotoxDraft[] {
  const selected = options.selections ? new Set(options.selections.map((s) => targetOf(s) ?? s)) : undefined;
  const bundleMedications = new Map(
    entries
      .filter((r) => r.resourceType === 'Medication' && r.id)
      .map((r) => [`Medication/${r.id}`, r as Medication] as const),
  );
  const drafts: BotoxDraft[] = [];
  for (const entry of entries) {
    if (!entry || typeof entry !== 'object') continue;
    const draft = entry as Draft;
    // Only a draft with a FHIR id has a ref: it is cited as evidence and is what a `delete` names (`Type/id`).
    const ref = refOf(draft);
    if (selected && (!ref || !selected.has(ref))) continue;
    let kind: BotoxDraft['kind'] | undefined;
    let product = '';
    if (MEDICATION_ORDER_TYPES.has(draft.resourceType)) {
      const { concept, medication } = medicationOf(draft, bundleMedications, options.record);
      const match = classifyToxinProduct(concept, medication);
      if (match?.kind === 'botox-therapeutic') {
        kind = 'medication';
        product = match.product;
      }
    } else if (PROCEDURE_ORDER_TYPES.has(draft.resourceType)) {
      if (hasCoding(draft.code as CodeableConcept | undefined, SYSTEMS.cpt, '64615')) {
        kind = 'procedure';
        product = 'CPT 64615 chemodenervation';
      }
    }
    if (!kind) continue;
    const plannedDate = plannedDateOf(draft, options.siteTimeZone);
    drafts.push({
      resource: draft,
      ...(ref ? { ref } : {}),
      kind,
      reason: reasonOf(draft, options.record),
      ...(plannedDate ? { plannedDate } : {}),
      product,
    });
  }
  return drafts;
}
