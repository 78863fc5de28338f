import { validateResource } from '@medplum/core';
import type { CodeableConcept, Condition, MedicationRequest, Resource, ServiceRequest } from '@medplum/fhirtypes';
import { chartChronicMigraine } from '../../engine/chart-chronic-migraine.ts';
import { SYSTEMS } from '../../engine/fhir/codeable-concept.ts';
import { ensureStructureDefinitionsIndexed } from '../../fhir-server/fhir-definitions.ts';

/** The code a drafted order carries when the chart has no chronic-migraine code of its own (clinical-rules 5). */
const CHRONIC_MIGRAINE_REASON: CodeableConcept = {
  coding: [
    {
      system: SYSTEMS.icd10cm,
      code: 'G43.709',
      display: 'Chronic migraine without aura, not intractable, without status migrainosus',
    },
  ],
  text: 'Chronic migraine',
};

/** The label regimen: 155 U, 5 U at each of 31 sites (BOTOX PI 2.2; PREEMPT). */
function regimenText(units: number): string {
  return `${units} Units IM, 5 Units at each of ${Math.round(units / 5)} sites (PREEMPT paradigm)`;
}

/** What a drafted cycle order carries besides the regimen: the patient's own code and the earliest date. */
export interface CycleOrderPlan {
  reason: CodeableConcept;
  /** YYYY-MM-DD: max(next eligible date, E). */
  earliest: string;
}

/**
 * The reason and date of a drafted order (clinical-rules 5, 11.15): the chart's chronic-migraine code
 * (chartChronicMigraine; G43.709 only when there is none) and the earliest date, max(the last cycle's next eligible
 * date, E).
 */
export function cycleOrderPlan(
  conditions: Condition[],
  lastCycle: { nextEligible: string } | undefined,
  evaluationDate: string,
  siteTimeZone: string,
): CycleOrderPlan {
  const chart = chartChronicMigraine(conditions, siteTimeZone);
  const reason: CodeableConcept = chart
    ? { coding: [chart.coding], text: chart.text ?? chart.coding.display ?? 'Chronic migraine' }
    : CHRONIC_MIGRAINE_REASON;
  const next = lastCycle?.nextEligible;
  return { reason, earliest: next && next > evaluationDate ? next : evaluationDate };
}

/** A draft CPT 64615 chemodenervation order (the procedure of a chronic-migraine cycle) at the label regimen. */
export function draftChemodenervation(patientId: string, plan?: CycleOrderPlan, units = 155): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'order',
    code: {
      coding: [
        {
          system: SYSTEMS.cpt,
          code: '64615',
          display:
            'Chemodenervation of muscle(s); muscle(s) innervated by facial, trigeminal, cervical spinal and accessory nerves, bilateral (eg, for chronic migraine)',
        },
      ],
      text: 'OnabotulinumtoxinA injection for chronic migraine (PREEMPT, 31 sites)',
    },
    subject: { reference: `Patient/${patientId}` },
    reasonCode: [plan?.reason ?? CHRONIC_MIGRAINE_REASON],
    ...(plan ? { occurrenceDateTime: plan.earliest } : {}),
    note: [{ text: `OnabotulinumtoxinA ${regimenText(units)}` }],
  };
}

/** A draft onabotulinumtoxinA order at `units` (label dose 155 U, 5 U at each of 31 sites), from the plan's date. */
export function draftBotoxMedicationRequest(
  patientId: string,
  units: number,
  id?: string,
  plan?: CycleOrderPlan,
): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    ...(id ? { id } : {}),
    status: 'draft',
    intent: 'order',
    medicationCodeableConcept: {
      coding: [{ system: SYSTEMS.hcpcs, code: 'J0585', display: 'Injection, onabotulinumtoxinA, 1 unit' }],
      text: 'onabotulinumtoxinA (BOTOX) for chronic migraine',
    },
    subject: { reference: `Patient/${patientId}` },
    reasonCode: [plan?.reason ?? CHRONIC_MIGRAINE_REASON],
    dosageInstruction: [
      {
        text: regimenText(units),
        ...(plan ? { timing: { event: [plan.earliest] } } : {}),
        route: { coding: [{ system: SYSTEMS.snomed, code: '78421000', display: 'Intramuscular route' }] },
        doseAndRate: [{ doseQuantity: { value: units, unit: 'U', system: 'http://unitsofmeasure.org', code: 'U' } }],
      },
    ],
  };
}

/**
 * The label dose and the plan applied to a copy of the clinician's draft MedicationRequest (already compacted), for an
 * `update` (clinical-rules 5, 11.15): the dose set to `units` at the label regimen; the patient's own code added
 * only when the draft has no reasonCode (an update never replaces it); the earliest date set when the draft states no
 * date or one before it. Returns what changed besides the dose, for the suggestion's description.
 */
export function applyCycleOrder(
  draft: Record<string, unknown>,
  units: number,
  plan: CycleOrderPlan | undefined,
  plannedDate: string | undefined,
): { dateSet?: string } {
  const instructions = (Array.isArray(draft.dosageInstruction) ? draft.dosageInstruction : [{}]) as Record<
    string,
    unknown
  >[];
  const first = { ...(instructions[0] ?? {}) };
  delete first.doseQuantity;
  first.doseAndRate = [{ doseQuantity: { value: units, unit: 'U', system: 'http://unitsofmeasure.org', code: 'U' } }];
  first.text = regimenText(units);
  let dateSet: string | undefined;
  if (plan && (!plannedDate || plannedDate < plan.earliest)) {
    first.timing = { ...(first.timing as object | undefined), event: [plan.earliest] };
    dateSet = plan.earliest;
  }
  draft.dosageInstruction = [first, ...instructions.slice(1)];
  const hasReason = Array.isArray(draft.reasonCode) && draft.reasonCode.length > 0;
  if (plan && !hasReason) draft.reasonCode = [plan.reason];
  return dateSet ? { dateSet } : {};
}

/** A draft referral to a headache specialist, offered when an order is not supported by the record. */
export function draftHeadacheReferral(patientId: string, reason: string): ServiceRequest {
  return {
    resourceType: 'ServiceRequest',
    status: 'draft',
    intent: 'order',
    code: {
      coding: [{ system: SYSTEMS.snomed, code: '3457005', display: 'Patient referral' }],
      text: 'Referral to a headache specialist (neurology)',
    },
    subject: { reference: `Patient/${patientId}` },
    reasonCode: [{ text: reason.slice(0, 240) }],
  };
}

/**
 * The errors Medplum's validator finds in `resource` against the R4 base definitions (as test/support/fhir-validation.ts
 * checks every suggested resource), empty when it is valid R4. For a resource built from the EHR's own draft: a field
 * of the wrong type there (`"intent": 5`) must not reach an `update`. The definitions are indexed on first use (about
 * 0.7 s of blocking JSON parsing, once per process, shared with the embedded FHIR server).
 * Never throws: a validator failure counts as an error.
 */
export function r4ValidationErrors(resource: Resource): string[] {
  try {
    ensureStructureDefinitionsIndexed();
    return validateResource(resource)
      .filter((i) => i.severity === 'error')
      .map((i) => i.details?.text ?? i.diagnostics ?? 'error');
  } catch (error) {
    return [error instanceof Error ? error.message : 'validation failed'];
  }
}
