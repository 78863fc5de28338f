import type { CodeableConcept, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import {
  type Drug,
  drugConcept,
  MIGRAINE_REASON,
  PREVENTIVE_OUTCOME_DISPLAY,
  type PreventiveOutcome,
  SYSTEMS,
  US_CORE,
} from './codes.ts';
import type { FixtureContext } from './context.ts';
import { practitionerRef } from './people.ts';

export interface TrialOptions {
  drug: Drug;
  /** Start and end of the trial, offsets from E (end inclusive as the last day taken). */
  from: number;
  to: number;
  outcome: PreventiveOutcome;
  note?: string;
  /**
   * Also emit the original prescription (MedicationRequest, completed): 30-day supply with `repeats` refills, so that
   * its computed end (authoredOn + 30 x (1 + repeats)) equals the statement's end and the two merge into one episode.
   */
  prescription?: { repeats: number };
}

/** A stopped migraine preventive trial (MedicationStatement) with its outcome in `statusReason`. */
export function preventiveTrial(f: FixtureContext, o: TrialOptions): (MedicationStatement | MedicationRequest)[] {
  const suffix = `trial-${o.drug.name.split(' ')[0]}`;
  const statement: MedicationStatement = {
    resourceType: 'MedicationStatement',
    id: f.id(suffix),
    status: 'stopped',
    statusReason: [
      {
        coding: [
          { system: SYSTEMS.preventiveOutcome, code: o.outcome, display: PREVENTIVE_OUTCOME_DISPLAY[o.outcome] },
        ],
        text: o.note ?? PREVENTIVE_OUTCOME_DISPLAY[o.outcome],
      },
    ],
    medicationCodeableConcept: drugConcept(o.drug),
    subject: f.patientRef,
    effectivePeriod: { start: f.day(o.from), end: f.day(o.to) },
    dateAsserted: f.day(o.to),
    informationSource: practitionerRef,
    reasonCode: [MIGRAINE_REASON],
    dosage: [{ text: o.drug.dosage }],
  };
  if (!o.prescription) return [statement];
  const request: MedicationRequest = {
    resourceType: 'MedicationRequest',
    id: f.id(`rx-${o.drug.name.split(' ')[0]}`),
    meta: { profile: [US_CORE.medicationRequest] },
    status: 'completed',
    intent: 'order',
    medicationCodeableConcept: drugConcept(o.drug),
    subject: f.patientRef,
    authoredOn: f.day(o.from),
    requester: practitionerRef,
    reasonCode: [MIGRAINE_REASON],
    dosageInstruction: [{ text: o.drug.dosage }],
    dispenseRequest: {
      numberOfRepeatsAllowed: o.prescription.repeats,
      expectedSupplyDuration: { value: 30, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' },
    },
  };
  return [statement, request];
}

/** An active prescription (e.g. an acute triptan, or a drug for another condition); authored `authored` days from E. */
export function activePrescription(
  f: FixtureContext,
  o: { drug: Drug; authored: number; reason: CodeableConcept; repeats?: number },
): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id: f.id(`rx-${o.drug.name.split(' ')[0]}`),
    meta: { profile: [US_CORE.medicationRequest] },
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: drugConcept(o.drug),
    subject: f.patientRef,
    authoredOn: f.day(o.authored),
    requester: practitionerRef,
    reasonCode: [o.reason],
    dosageInstruction: [{ text: o.drug.dosage }],
    dispenseRequest: {
      numberOfRepeatsAllowed: o.repeats ?? 5,
      expectedSupplyDuration: { value: 30, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' },
    },
  };
}
