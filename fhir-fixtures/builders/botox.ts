import type {
  AdverseEvent,
  CodeableConcept,
  MedicationAdministration,
  MedicationStatement,
  Procedure,
} from '@medplum/fhirtypes';
import {
  BOTOX_COSMETIC,
  BOTOX_THERAPEUTIC,
  CPT_64615,
  INTRAMUSCULAR,
  MIGRAINE_REASON,
  US_CORE,
  units,
} from './codes.ts';
import type { FixtureContext } from './context.ts';
import { practitionerRef } from './people.ts';

/**
 * One chronic-migraine cycle (clinical-rules 2.3): the CPT 64615 Procedure and the BOTOX (HCPCS J0585)
 * MedicationAdministration of `dose` units, same day, the administration `partOf` the procedure.
 */
export function botoxCycle(
  f: FixtureContext,
  o: { n: number; day: number; dose?: number },
): [Procedure, MedicationAdministration] {
  const dose = o.dose ?? 155;
  const procedureId = f.id(`botox-procedure-${o.n}`);
  const when = f.at(o.day, '10:30');
  const procedure: Procedure = {
    resourceType: 'Procedure',
    id: procedureId,
    meta: { profile: [US_CORE.procedure] },
    status: 'completed',
    code: { coding: [CPT_64615], text: 'OnabotulinumtoxinA injections for chronic migraine (PREEMPT, 31 sites)' },
    subject: f.patientRef,
    performedDateTime: when,
    performer: [{ actor: practitionerRef }],
    reasonCode: [MIGRAINE_REASON],
    note: [{ text: `Cycle ${o.n}: ${dose} Units, 5 Units at each of 31 sites (PREEMPT fixed-site paradigm).` }],
  };
  const administration: MedicationAdministration = {
    resourceType: 'MedicationAdministration',
    id: f.id(`botox-admin-${o.n}`),
    status: 'completed',
    medicationCodeableConcept: BOTOX_THERAPEUTIC,
    subject: f.patientRef,
    partOf: [{ reference: `Procedure/${procedureId}` }],
    effectiveDateTime: when,
    performer: [{ actor: practitionerRef }],
    reasonCode: [MIGRAINE_REASON],
    dosage: { text: `${dose} Units IM across 31 sites`, route: INTRAMUSCULAR, dose: units(dose) },
  };
  return [procedure, administration];
}

/** A patient-reported cosmetic BOTOX treatment (glabellar lines at a medical spa): other toxin use. */
export function cosmeticToxinStatement(f: FixtureContext, o: { day: number; dose: number }): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: f.id('botox-cosmetic'),
    status: 'completed',
    medicationCodeableConcept: BOTOX_COSMETIC,
    subject: f.patientRef,
    effectiveDateTime: f.day(o.day),
    dateAsserted: f.day(o.day + 3),
    informationSource: f.patientRef,
    reasonCode: [{ text: 'Glabellar lines (cosmetic treatment at a medical spa)' }],
    dosage: [
      {
        text: `${o.dose} Units to glabellar lines`,
        route: INTRAMUSCULAR,
        doseAndRate: [{ doseQuantity: units(o.dose) }],
      },
    ],
  };
}

/**
 * An effect recorded after an injection as an AdverseEvent (actual, dated `day` from E), naming the cycle's
 * procedure as its suspect (clinical-rules 3 `prior-toxin-adverse-effect`, 11.10).
 */
export function postInjectionAdverseEvent(
  f: FixtureContext,
  o: { suffix: string; day: number; event: CodeableConcept; suspect: Procedure; severityText: string },
): AdverseEvent {
  return {
    resourceType: 'AdverseEvent',
    id: f.id(o.suffix),
    actuality: 'actual',
    event: o.event,
    subject: f.patientRef,
    date: f.at(o.day, '09:15'),
    recorder: practitionerRef,
    seriousness: {
      coding: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/adverse-event-seriousness',
          code: 'non-serious',
          display: 'Non-serious',
        },
      ],
    },
    severity: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/adverse-event-severity', code: 'mild', display: 'Mild' },
      ],
      text: o.severityText,
    },
    suspectEntity: [{ instance: { reference: `Procedure/${o.suspect.id}` } }],
  };
}
