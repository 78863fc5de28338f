import { describe, expect, test } from 'vitest';
import { benchPatient, benchResources, candidacyRequest } from '../../bench/data/bench-patient.ts';
import { cdsRequestEnvelope, contextSchemas } from '../../src/cds/schemas/request.ts';
import { PATIENT_RECORD_PREFETCH } from '../../src/cds/services/patient-prefetch.ts';
import { addDays, dateInZone } from '../../src/engine/dates.ts';
import { buildPatientRecord } from '../../src/engine/patient-record.ts';

// The harness generates everything relative to E; any E must do, so the tests use today's.
const E = dateInZone(new Date(), 'UTC');
const httpChart = () => benchPatient({ evaluationDate: E, years: 1, headacheFreeEntries: false, durations: false });

describe('the bench request with full prefetch', () => {
  test('is a valid patient-view request of about 50 KB', () => {
    const request = candidacyRequest(httpChart(), { prefetch: true });
    const envelope = cdsRequestEnvelope.safeParse(request);
    expect(envelope.success).toBe(true);
    expect(contextSchemas['patient-view'].safeParse(envelope.data?.context).success).toBe(true);
    const bytes = Buffer.byteLength(JSON.stringify(request));
    expect(bytes).toBeGreaterThan(45_000);
    expect(bytes).toBeLessThan(65_000);
  });

  test('prefetches every key the service asks for, searches as searchset Bundles', () => {
    const prefetch = candidacyRequest(httpChart(), { prefetch: true }).prefetch as Record<
      string,
      { resourceType: string; type?: string }
    >;
    expect(Object.keys(prefetch).sort()).toEqual(Object.keys(PATIENT_RECORD_PREFETCH).sort());
    expect(prefetch.patient?.resourceType).toBe('Patient');
    for (const [key, value] of Object.entries(prefetch)) {
      if (key !== 'patient') expect(value).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    }
  });

  test('carries one year of headache days ending on E, at least 15 in every 30 days', () => {
    const dates = httpChart().observations.map((o) => o.effectiveDateTime as string);
    expect(dates.at(-1)).toBe(E);
    expect(dates[0]! >= addDays(E, -364)).toBe(true);
    for (let end = 0; end <= 330; end += 30) {
      const from = addDays(E, -end - 29);
      const to = addDays(E, -end);
      expect(dates.filter((d) => d >= from && d <= to).length).toBeGreaterThanOrEqual(15);
    }
  });
});

describe('the bench data for the engine', () => {
  test('has one diary entry per day: 365, 1825 and 3650 for 1, 5 and 10 years', () => {
    for (const years of [1, 5, 10]) {
      const chart = benchPatient({ evaluationDate: E, years, headacheFreeEntries: true, durations: true });
      expect(chart.observations).toHaveLength(365 * years);
    }
  });

  test('files into a patient record with nothing dropped', () => {
    const chart = benchPatient({ evaluationDate: E, years: 1, headacheFreeEntries: true, durations: true });
    const record = buildPatientRecord(benchResources(chart), { patientId: chart.patient.id });
    expect(record.patient?.id).toBe(chart.patient.id);
    expect(record.observations).toHaveLength(365);
    expect(record.medicationStatements).toHaveLength(3);
    expect(record.conditions).toHaveLength(2);
    expect(record.allergies).toHaveLength(1);
  });
});

test('the fallback request names a FHIR server and a token and prefetches nothing', () => {
  const request = candidacyRequest(httpChart(), { prefetch: false, fhirServer: 'http://127.0.0.1:9/fhir' });
  expect(request.prefetch).toBeUndefined();
  const envelope = cdsRequestEnvelope.safeParse(request);
  expect(envelope.success).toBe(true);
  expect(envelope.data?.fhirAuthorization?.patient).toBe('bench-1');
});
