import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Resource } from '@medplum/fhirtypes';
import { type BenchPatient, searchset } from '../data/bench-patient.ts';

/** What the slow server saw: every query answered, and the most queries it held at once (parallel fetching). */
export interface SlowFhirStats {
  requests: number;
  peakInFlight: number;
  notFound: number;
}

export interface SlowFhirServer {
  baseUrl: string;
  stats(): SlowFhirStats;
  reset(): void;
  close(): Promise<void>;
}

const SEARCH_KEYS: Record<string, keyof Omit<BenchPatient, 'patient'>> = {
  Condition: 'conditions',
  Observation: 'observations',
  MedicationStatement: 'medicationStatements',
  MedicationRequest: 'medicationRequests',
  MedicationAdministration: 'medicationAdministrations',
  Procedure: 'procedures',
  AllergyIntolerance: 'allergies',
  AdverseEvent: 'adverseEvents',
};

/**
 * A FHIR R4 server on loopback for one patient that answers every query after `delayMs`: `Patient/{id}` and
 * `{Type}?patient={id}` (bare id or `Patient/{id}`). Bodies are serialised once up front, so the server adds the
 * delay and almost nothing else.
 */
export async function startSlowFhirServer(chart: BenchPatient, delayMs: number): Promise<SlowFhirServer> {
  const patientId = chart.patient.id ?? '';
  const bodies = new Map<string, string>([[`Patient/${patientId}`, JSON.stringify(chart.patient)]]);
  for (const [type, key] of Object.entries(SEARCH_KEYS)) {
    bodies.set(`${type}?${patientId}`, JSON.stringify(searchset(chart[key] as Resource[])));
  }
  const stats: SlowFhirStats = { requests: 0, peakInFlight: 0, notFound: 0 };
  let inFlight = 0;
  const server = createServer((req, res) => {
    stats.requests++;
    inFlight++;
    stats.peakInFlight = Math.max(stats.peakInFlight, inFlight);
    const url = new URL(req.url ?? '/', 'http://fhir.local');
    const [type, id] = url.pathname.replace(/^\/fhir\//, '').split('/');
    // AdverseEvent is searched by `subject` (R4 has no `patient` parameter for it).
    const patient = (url.searchParams.get('patient') ?? url.searchParams.get('subject'))?.replace(/^Patient\//, '');
    const body = id ? bodies.get(`${type}/${id}`) : bodies.get(`${type}?${patient}`);
    setTimeout(() => {
      inFlight--;
      if (!body) {
        stats.notFound++;
        res.writeHead(404, { 'content-type': 'application/fhir+json' });
        res.end(
          JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'application/fhir+json; charset=utf-8' });
      res.end(body);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/fhir`,
    stats: () => ({ ...stats }),
    reset: () => Object.assign(stats, { requests: 0, peakInFlight: 0, notFound: 0 }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
