import type {
  AllergyIntolerance,
  CodeableConcept,
  Condition,
  Dosage,
  Medication,
  MedicationAdministration,
  MedicationRequest,
  MedicationStatement,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { addDays } from '../../src/engine/dates.ts';
import { SYSTEMS } from '../../src/engine/fhir/codeable-concept.ts';
import { buildPatientRecord, type PatientRecord } from '../../src/engine/patient-record.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import type { PolicyParameters } from '../../src/engine/policy/policy-schema.ts';
import type { EvaluationContext } from '../../src/engine/types.ts';

/** Realistic FHIR R4 builders for medication and toxin tests; every date is relative to an evaluation date. */

export const PATIENT = { reference: 'Patient/p1' };

/** The evaluation date injected into every context; tests only ever use dates relative to it. */
export const E = new Date().toISOString().slice(0, 10);

/** The day `n` days before `from` (E by default). */
export function daysAgo(n: number, from: string = E): string {
  return addDays(from, -n);
}

export function ctxFor(
  overrides: Partial<PolicyParameters> = {},
  options: { evaluationDate?: string; policy?: string; siteTimeZone?: string } = {},
): EvaluationContext {
  return {
    evaluationDate: options.evaluationDate ?? E,
    siteTimeZone: options.siteTimeZone ?? 'UTC',
    policy: { ...loadPolicy(options.policy ?? 'default').parameters, ...overrides },
  };
}

export function recordOf(resources: Resource[]): PatientRecord {
  return buildPatientRecord(resources, { patientId: 'p1' });
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}-${++seq}`;

export const rx = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: SYSTEMS.rxnorm, code, display }],
  text: display,
});
export const text = (t: string): CodeableConcept => ({ text: t });
export const outcomeCode = (code: 'inadequate-response' | 'intolerance' | 'contraindicated'): CodeableConcept => ({
  coding: [{ system: SYSTEMS.preventiveOutcome, code }],
});
export const icd = (code: string, display: string): CodeableConcept => ({
  coding: [{ system: SYSTEMS.icd10cm, code, display }],
  text: display,
});
export const MIGRAINE_REASON = icd(
  'G43.709',
  'Chronic migraine without aura, not intractable, without status migrainosus',
);
export const HYPERTENSION_REASON = icd('I10', 'Essential (primary) hypertension');

interface MedOptions {
  id?: string;
  medication?: CodeableConcept;
  medicationReference?: Reference<Medication>;
  contained?: Resource[];
  start?: string;
  end?: string;
  dateTime?: string;
  reasonCode?: CodeableConcept[];
  reasonReference?: Reference<Condition>[];
  statusReason?: CodeableConcept[];
  dosage?: Dosage[];
  dateAsserted?: string;
}

function medicationX(o: MedOptions) {
  return o.medicationReference
    ? { medicationReference: o.medicationReference }
    : { medicationCodeableConcept: o.medication ?? text('unnamed') };
}

export function statement(status: MedicationStatement['status'], o: MedOptions = {}): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: o.id ?? nextId('ms'),
    status,
    subject: PATIENT,
    ...medicationX(o),
    ...(o.contained ? { contained: o.contained } : {}),
    ...(o.start || o.end
      ? { effectivePeriod: { ...(o.start ? { start: o.start } : {}), ...(o.end ? { end: o.end } : {}) } }
      : {}),
    ...(o.dateTime ? { effectiveDateTime: o.dateTime } : {}),
    ...(o.dateAsserted ? { dateAsserted: o.dateAsserted } : {}),
    ...(o.reasonCode ? { reasonCode: o.reasonCode } : {}),
    ...(o.reasonReference ? { reasonReference: o.reasonReference } : {}),
    ...(o.statusReason ? { statusReason: o.statusReason } : {}),
    ...(o.dosage ? { dosage: o.dosage } : {}),
  };
}

export function request(
  status: MedicationRequest['status'],
  o: MedOptions & { authoredOn?: string; supplyDays?: number; repeats?: number } = {},
): MedicationRequest {
  const dispense =
    o.supplyDays !== undefined || o.repeats !== undefined
      ? {
          dispenseRequest: {
            ...(o.repeats !== undefined ? { numberOfRepeatsAllowed: o.repeats } : {}),
            ...(o.supplyDays !== undefined
              ? {
                  expectedSupplyDuration: {
                    value: o.supplyDays,
                    unit: 'days',
                    system: 'http://unitsofmeasure.org',
                    code: 'd',
                  },
                }
              : {}),
          },
        }
      : {};
  return {
    resourceType: 'MedicationRequest',
    id: o.id ?? nextId('mr'),
    status,
    intent: 'order',
    subject: PATIENT,
    ...medicationX(o),
    ...(o.contained ? { contained: o.contained } : {}),
    ...(o.authoredOn ? { authoredOn: o.authoredOn } : {}),
    ...(o.reasonCode ? { reasonCode: o.reasonCode } : {}),
    ...(o.reasonReference ? { reasonReference: o.reasonReference } : {}),
    ...(o.statusReason?.[0] ? { statusReason: o.statusReason[0] } : {}),
    ...(o.dosage ? { dosageInstruction: o.dosage } : {}),
    ...dispense,
  };
}

export function administration(
  status: MedicationAdministration['status'],
  o: MedOptions & { units?: number; doseUnit?: string; route?: CodeableConcept } = {},
): MedicationAdministration {
  const dose =
    o.units !== undefined
      ? {
          dose: {
            value: o.units,
            unit: o.doseUnit ?? 'U',
            system: 'http://unitsofmeasure.org',
            code: o.doseUnit ?? 'U',
          },
        }
      : {};
  return {
    resourceType: 'MedicationAdministration',
    id: o.id ?? nextId('ma'),
    status,
    subject: PATIENT,
    ...medicationX(o),
    ...(o.contained ? { contained: o.contained } : {}),
    ...(o.dateTime ? { effectiveDateTime: o.dateTime } : {}),
    ...(o.reasonCode ? { reasonCode: o.reasonCode } : {}),
    ...(o.reasonReference ? { reasonReference: o.reasonReference } : {}),
    ...(o.units !== undefined || o.route ? { dosage: { ...dose, ...(o.route ? { route: o.route } : {}) } } : {}),
  };
}

export const CPT = (code: string, display = `CPT ${code}`): CodeableConcept => ({
  coding: [{ system: SYSTEMS.cpt, code, display }],
});
export const HCPCS = (code: string, https = false): CodeableConcept => ({
  coding: [{ system: https ? SYSTEMS.hcpcs.replace('http:', 'https:') : SYSTEMS.hcpcs, code }],
});
export const NDC = (code: string, display?: string): CodeableConcept => ({
  coding: [{ system: SYSTEMS.ndc, code, ...(display ? { display } : {}) }],
});

export function procedure(
  code: CodeableConcept,
  date: string | undefined,
  o: { id?: string; status?: Procedure['status']; reasonCode?: CodeableConcept[] } = {},
): Procedure {
  return {
    resourceType: 'Procedure',
    id: o.id ?? nextId('proc'),
    status: o.status ?? 'completed',
    subject: PATIENT,
    code,
    ...(date ? { performedDateTime: date } : {}),
    ...(o.reasonCode ? { reasonCode: o.reasonCode } : {}),
  };
}

export function condition(code: CodeableConcept, o: { id?: string; clinicalStatus?: string } = {}): Condition {
  return {
    resourceType: 'Condition',
    id: o.id ?? nextId('cond'),
    subject: PATIENT,
    clinicalStatus: {
      coding: [
        { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: o.clinicalStatus ?? 'active' },
      ],
    },
    verificationStatus: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }],
    },
    code,
  };
}

export function allergy(code: CodeableConcept, o: { id?: string; clinicalStatus?: string } = {}): AllergyIntolerance {
  return {
    resourceType: 'AllergyIntolerance',
    id: o.id ?? nextId('allergy'),
    patient: PATIENT,
    ...(o.clinicalStatus
      ? {
          clinicalStatus: {
            coding: [
              { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: o.clinicalStatus },
            ],
          },
        }
      : {}),
    code,
  };
}

export function medication(id: string, code: CodeableConcept, form?: CodeableConcept): Medication {
  return { resourceType: 'Medication', id, code, ...(form ? { form } : {}) };
}
