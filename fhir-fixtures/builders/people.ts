import type { Patient, Practitioner, Reference } from '@medplum/fhirtypes';
import { DEMO_MRN_SYSTEM, US_CORE } from './codes.ts';
import type { FixtureContext } from './context.ts';

/** The headache clinic's neurologist: author of orders and performer of procedures for every fixture patient. */
export const PRACTITIONER_ID = 'headache-clinic-neurologist';
export const practitionerRef: Reference<Practitioner> = {
  reference: `Practitioner/${PRACTITIONER_ID}`,
  display: 'Dr. Priya N. Raman',
};

export function practitioner(): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: PRACTITIONER_ID,
    meta: { profile: [US_CORE.practitioner] },
    identifier: [{ system: 'http://migraine-cds.org/fhir/sid/demo-staff', value: 'NEURO-0042' }],
    active: true,
    name: [{ use: 'official', family: 'Raman', given: ['Priya', 'N.'], prefix: ['Dr.'] }],
  };
}

export interface PersonOptions {
  mrn: string;
  family: string;
  given: string[];
  gender: 'female' | 'male';
  /** Age at E in whole years; the birthday falls `birthdayOffset` days after E's day-of-year (never on E itself). */
  age: number;
  /** Days after E's day-of-year the birthday falls (1-360); keeps the age unambiguous. */
  birthdayOffset: number;
  city: string;
}

/**
 * A US Core-like Patient. The birth date is E minus (age + 1) years plus `birthdayOffset` days, computed in days
 * (365.25 per year), so it moves with E like every other date and the age at E is exactly `age`.
 */
export function patient(f: FixtureContext, o: PersonOptions): Patient {
  const daysOld = Math.round((o.age + 1) * 365.25) - o.birthdayOffset;
  return {
    resourceType: 'Patient',
    id: f.patientId,
    meta: { profile: [US_CORE.patient] },
    identifier: [
      {
        use: 'usual',
        type: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' },
          ],
        },
        system: DEMO_MRN_SYSTEM,
        value: o.mrn,
      },
    ],
    active: true,
    name: [{ use: 'official', family: o.family, given: o.given }],
    telecom: [{ system: 'phone', value: `555-01${o.mrn.slice(-2)}`, use: 'mobile' }],
    gender: o.gender,
    birthDate: f.day(-daysOld),
    address: [
      { use: 'home', line: ['100 Example Street'], city: o.city, state: 'MN', postalCode: '55401', country: 'US' },
    ],
    generalPractitioner: [practitionerRef],
  };
}
