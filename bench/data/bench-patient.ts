import type {
  AllergyIntolerance,
  Bundle,
  CodeableConcept,
  Condition,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  Resource,
} from '@medplum/fhirtypes';
import { addDays } from '../../src/engine/dates.ts';
import { SYSTEMS } from '../../src/engine/fhir/codeable-concept.ts';

/** How much diary to generate, relative to the evaluation date E. */
export interface BenchPatientOptions {
  /** E (YYYY-MM-DD): every date is an offset from it. */
  evaluationDate: string;
  patientId?: string;
  /** Years of daily diary ending on E. */
  years: number;
  /**
   * Also record headache-free days (`valueBoolean: false`), as apps that log every day do: one entry per day
   * (365 per year). Without it only headache days are recorded (about 20 a month).
   */
  headacheFreeEntries: boolean;
  /** Give headache entries a `headache-duration` component (6 h); without it the duration criterion stays unknown. */
  durations: boolean;
}

/** A chronic-migraine candidate's chart, sorted by prefetch key (the keys of PATIENT_RECORD_PREFETCH). */
export interface BenchPatient {
  patient: Patient;
  conditions: Condition[];
  observations: Observation[];
  medicationStatements: MedicationStatement[];
  medicationRequests: MedicationRequest[];
  medicationAdministrations: Resource[];
  procedures: Resource[];
  allergies: AllergyIntolerance[];
  adverseEvents: Resource[];
}

const coded = (system: string, code: string, display?: string, text?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
  ...(text ? { text } : {}),
});

/**
 * Deterministic headache pattern per day index (0 = E): 6 headache days in every 10 (18 a month, so >= 15 in each
 * 30-day window), 4 of them migraine (12 a month, >= 8), lasting 6 hours.
 */
function dayPattern(daysBeforeE: number): 'migraine' | 'headache' | 'free' {
  const k = daysBeforeE % 10;
  if (k < 4) return 'migraine';
  if (k < 6) return 'headache';
  return 'free';
}

function diaryEntry(o: BenchPatientOptions, id: string, daysBeforeE: number): Observation | undefined {
  const kind = dayPattern(daysBeforeE);
  if (kind === 'free' && !o.headacheFreeEntries) return undefined;
  const base: Observation = {
    resourceType: 'Observation',
    id: `${id}-d${daysBeforeE}`,
    status: 'final',
    code: coded(SYSTEMS.snomed, kind === 'migraine' ? '37796009' : '25064002'),
    subject: { reference: `Patient/${id}` },
    // A calendar date, as diary apps record a day: no time zone can shift it.
    effectiveDateTime: addDays(o.evaluationDate, -daysBeforeE),
  };
  if (kind === 'free') return { ...base, valueBoolean: false };
  if (!o.durations) return base;
  return {
    ...base,
    valueBoolean: true,
    component: [
      {
        code: coded(SYSTEMS.diary, 'headache-duration'),
        valueQuantity: { value: 6, unit: 'h', system: 'http://unitsofmeasure.org', code: 'h' },
      },
    ],
  };
}

function preventive(
  o: BenchPatientOptions,
  id: string,
  drug: { rxnorm: string; name: string },
  from: number,
  to: number | undefined,
  outcome?: 'inadequate-response' | 'intolerance',
): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: `${id}-ms-${drug.name}`,
    status: to === undefined ? 'active' : 'stopped',
    ...(outcome ? { statusReason: [coded(SYSTEMS.preventiveOutcome, outcome)] } : {}),
    medicationCodeableConcept: coded(SYSTEMS.rxnorm, drug.rxnorm, drug.name, drug.name),
    subject: { reference: `Patient/${id}` },
    effectivePeriod: {
      start: addDays(o.evaluationDate, -from),
      ...(to === undefined ? {} : { end: addDays(o.evaluationDate, -to) }),
    },
    reasonCode: [coded(SYSTEMS.icd10cm, 'G43.709', undefined, 'Chronic migraine')],
  };
}

/**
 * A 42-year-old woman with chronic migraine: a diary meeting the frequency criteria for `years` years, two failed
 * preventives from two classes and one ongoing, a triptan order, hypertension and a penicillin allergy.
 */
export function benchPatient(o: BenchPatientOptions): BenchPatient {
  const id = o.patientId ?? 'bench-1';
  const subject = { reference: `Patient/${id}` };
  const observations: Observation[] = [];
  for (let d = Math.round(o.years * 365) - 1; d >= 0; d--) {
    const entry = diaryEntry(o, id, d);
    if (entry) observations.push(entry);
  }
  const condition = (suffix: string, code: string, text: string, onsetDays: number): Condition => ({
    resourceType: 'Condition',
    id: `${id}-${suffix}`,
    clinicalStatus: coded('http://terminology.hl7.org/CodeSystem/condition-clinical', 'active'),
    verificationStatus: coded('http://terminology.hl7.org/CodeSystem/condition-ver-status', 'confirmed'),
    code: coded(SYSTEMS.icd10cm, code, undefined, text),
    subject,
    onsetDateTime: addDays(o.evaluationDate, -onsetDays),
    recordedDate: addDays(o.evaluationDate, -onsetDays),
  });
  return {
    patient: {
      resourceType: 'Patient',
      id,
      gender: 'female',
      birthDate: addDays(o.evaluationDate, -Math.round(42 * 365.25)),
      name: [{ family: 'Bench', given: ['Ada'] }],
    },
    conditions: [
      condition('cm', 'G43.709', 'Chronic migraine', 200),
      condition('htn', 'I10', 'Essential hypertension', 900),
    ],
    observations,
    medicationStatements: [
      preventive(o, id, { rxnorm: '38404', name: 'topiramate' }, 400, 300, 'intolerance'),
      preventive(o, id, { rxnorm: '8787', name: 'propranolol' }, 280, 170, 'inadequate-response'),
      preventive(o, id, { rxnorm: '704', name: 'amitriptyline' }, 150, undefined),
    ],
    medicationRequests: [
      {
        resourceType: 'MedicationRequest',
        id: `${id}-mr-sumatriptan`,
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: coded(SYSTEMS.rxnorm, '37418', 'sumatriptan', 'sumatriptan 50 mg tablet'),
        subject,
        authoredOn: addDays(o.evaluationDate, -60),
        dosageInstruction: [{ text: '50 mg by mouth at onset, may repeat once after 2 h' }],
      },
    ],
    medicationAdministrations: [],
    procedures: [],
    allergies: [
      {
        resourceType: 'AllergyIntolerance',
        id: `${id}-allergy-penicillin`,
        clinicalStatus: coded('http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', 'active'),
        verificationStatus: coded('http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', 'confirmed'),
        type: 'allergy',
        category: ['medication'],
        code: coded(SYSTEMS.snomed, '764146007', 'Penicillin (substance)', 'Penicillin'),
        patient: subject,
      },
    ],
    adverseEvents: [],
  };
}

/** Every resource of the chart, in prefetch-key order (what buildPatientRecord takes). */
export function benchResources(chart: BenchPatient): Resource[] {
  const { patient, ...lists } = chart;
  return [patient, ...Object.values(lists).flat()];
}

/** A searchset Bundle as a FHIR server returns it (and as a CDS client prefetches it). */
export function searchset(resources: Resource[]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ resource })),
  };
}

/** The prefetch object of a `patient-view` call: the Patient, then one searchset per search key. */
export function prefetchOf(chart: BenchPatient): Record<string, Resource> {
  const { patient, ...lists } = chart;
  return {
    patient,
    ...Object.fromEntries(Object.entries(lists).map(([key, resources]) => [key, searchset(resources)])),
  };
}

/**
 * A `patient-view` request for `botox-candidacy`. With `prefetch: false` it carries `fhirServer` and
 * `fhirAuthorization` instead, so that the service fetches every key itself.
 */
export function candidacyRequest(
  chart: BenchPatient,
  options: { prefetch: true } | { prefetch: false; fhirServer: string },
): Record<string, unknown> {
  const base = {
    hook: 'patient-view',
    hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
    context: { userId: 'Practitioner/bench-clinician', patientId: chart.patient.id },
  };
  if (options.prefetch) return { ...base, prefetch: prefetchOf(chart) };
  return {
    ...base,
    fhirServer: options.fhirServer,
    fhirAuthorization: {
      access_token: 'bench-access-token',
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'patient/*.read',
      subject: 'migraine-cds',
      patient: chart.patient.id,
    },
  };
}
