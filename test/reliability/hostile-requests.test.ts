import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { createTestApp } from '../support/test-app.ts';
import {
  hostileValue,
  MARKER,
  type Mutation,
  markedString,
  mutate,
  mutation,
  prototypeSnapshot,
  RUNS,
} from './support/hostile-values.ts';
import { panelAt, type Route, requestFor, SERVICES } from './support/panel-requests.ts';

/**
 * Malformed and hostile CDS Hooks requests, through the real app, for the three services and feedback. Whatever
 * comes in: no 5xx (503 is the one deliberate server status), an OperationOutcome that says what is wrong, and
 * never the input quoted back. test/http/malformed-requests.test.ts pins the hand-picked cases; this file searches.
 *
 * Field names in `expression` come from the schema (and a prefetch key only when the service declares it): a key the
 * client chose is shown as `<key>` (src/http/describe-zod-error.ts). The marker is planted in values and in keys.
 */
const E = new Date().toISOString().slice(0, 10);
const panel = panelAt(E);
const ROUTES = Object.keys(SERVICES) as Route[];
/** Property tests share two cores with the load and shutdown tests: time is not what they measure. */
vi.setConfig({ testTimeout: 120_000 });
const OK_STATUSES = new Set([200, 400, 404, 405, 412, 413, 415, 503]);

let app: Awaited<ReturnType<typeof createTestApp>>;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const before = prototypeSnapshot();
const tally = new Map<string, number>();

beforeAll(async () => {
  app = await createTestApp({ env: { EVALUATION_DATE: E, FHIR_FETCH_TIMEOUT_MS: '300' } });
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  console.log(`hostile requests (${RUNS} runs per property), statuses: ${JSON.stringify(Object.fromEntries(tally))}`);
});

/** The checks every response must pass, whatever the request was. */
async function expectSafeAnswer(route: Route, res: Response) {
  const text = await res.text();
  tally.set(String(res.status), (tally.get(String(res.status)) ?? 0) + 1);
  const logged = () =>
    app.logger.lines
      .filter((l) => l.includes('"level":"error"'))
      .slice(-1)[0]
      ?.slice(0, 600);
  expect(OK_STATUSES.has(res.status), `status ${res.status}: ${text.slice(0, 300)} ${logged()}`).toBe(true);
  expect(res.headers.get('content-type')).toMatch(/json/);
  const body = JSON.parse(text) as Record<string, unknown>;
  if (res.status !== 200) {
    expect(text).not.toContain(MARKER);
    const issue = (body as { resourceType: string; issue: { diagnostics?: string }[] }).issue?.[0];
    expect(body.resourceType).toBe('OperationOutcome');
    expect(issue?.diagnostics?.length).toBeGreaterThan(5);
    return;
  }
  if (route === 'feedback') {
    expect(body).toEqual({
      stored: expect.any(Number),
      duplicates: expect.any(Number),
      unknownCards: expect.any(Number),
    });
    return;
  }
  expect(checkCdsResponse(body)).toEqual([]);
  for (const card of (body.cards as { summary: string }[]) ?? []) expect(card.summary.length).toBeLessThan(140);
}

const post = (route: Route, body: unknown, contentType = 'application/json') =>
  app.call(SERVICES[route], {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const routeArb = fc.constantFrom(...ROUTES);
/** A panel patient, shown by id in counterexamples rather than by its whole record. */
const patientArb = fc.nat({ max: panel.length - 1 }).map((i) => {
  const patient = panel[i] as (typeof panel)[number];
  return Object.defineProperty({ ...patient }, fc.toStringMethod, { value: () => `panel:${patient.id}` });
});

describe.each(ROUTES)('%s', (route) => {
  test('a well-formed request with 1-4 fields replaced by hostile values gets a safe answer', async () => {
    await fc.assert(
      fc.asyncProperty(patientArb, fc.array(mutation, { minLength: 1, maxLength: 4 }), async (patient, mutations) => {
        const body = mutations.reduce(
          (b: unknown, m: Mutation) => mutate(b, m),
          structuredClone(requestFor(route, patient)),
        );
        await expectSafeAnswer(route, await post(route, body));
      }),
      { numRuns: RUNS },
    );
  });

  test('a body that is any JSON value at all gets a safe answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileValue, fc.jsonValue()), async (body) => {
        await expectSafeAnswer(route, await post(route, JSON.stringify(body)));
      }),
      { numRuns: RUNS },
    );
  });

  test('a request cut short, or sent as bytes that are not UTF-8 JSON, gets a 400/415', async () => {
    const whole = JSON.stringify(requestFor(route, panel[0] as (typeof panel)[number]));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: whole.length - 1 }),
        fc.constantFrom('application/json', 'application/fhir+json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (cut, type) => {
          const res = await post(route, `${whole.slice(0, cut)}"${MARKER}`, type);
          expect([400, 415]).toContain(res.status);
          await expectSafeAnswer(route, res);
        },
      ),
      { numRuns: RUNS },
    );
    const latin1 = await app.call(SERVICES[route], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x7d]),
    });
    await expectSafeAnswer(route, latin1);
  });
});

describe('hostile prefetch payloads and FHIR resources', () => {
  const services: Route[] = ['candidacy', 'orderSelect', 'orderSign'];

  test('resources with hostile fields (types, dates, unicode, huge strings, nesting, prototype keys)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...services),
        patientArb,
        fc.array(fc.tuple(fc.nat(), fc.nat(), mutation), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (route, patient, changes, keepTypes) => {
          const body = structuredClone(requestFor(route, patient)) as { prefetch: Record<string, Bundle | Resource> };
          const keys = Object.keys(body.prefetch);
          for (const [k, e, m] of changes) {
            const key = keys[k % keys.length] as string;
            const value = body.prefetch[key] as Bundle | Resource;
            const entries = value?.resourceType === 'Bundle' ? (value as Bundle).entry : undefined;
            const entry = Array.isArray(entries) && entries.length ? entries[e % entries.length] : undefined;
            if (entry && typeof entry === 'object') {
              (entry as BundleEntry).resource = mutate(entry.resource, m, keepTypes);
            } else {
              body.prefetch[key] = mutate(value, m, keepTypes);
            }
          }
          const res = await post(route, body);
          // Right types with hostile contents: the engine must read them (a 400 only from request validation, e.g.
          // a removed resourceType, never "could not be read").
          if (keepTypes && res.status === 400) {
            expect(((await res.clone().json()) as { issue: { code: string }[] }).issue[0]?.code).toBe('invalid');
          }
          await expectSafeAnswer(route, res);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('duplicated entries and reference cycles', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...services),
        patientArb,
        fc.integer({ min: 1, max: 20 }),
        async (route, patient, copies) => {
          const ref = (r: Resource) => ({ reference: `${r.resourceType}/${r.id}` });
          const cyclic: Resource[] = [
            {
              resourceType: 'Medication',
              id: 'med-cycle',
              ingredient: [{ itemReference: { reference: 'Medication/med-cycle' } }],
            } as Resource,
            {
              resourceType: 'MedicationRequest',
              id: 'mr-cycle',
              status: 'active',
              intent: 'order',
              subject: { reference: `Patient/${patient.id}` },
              medicationReference: { reference: 'Medication/med-cycle' },
              basedOn: [{ reference: 'MedicationRequest/mr-cycle' }],
              priorPrescription: { reference: 'MedicationRequest/mr-cycle' },
            } as Resource,
            {
              resourceType: 'Observation',
              id: 'obs-cycle',
              status: 'final',
              code: { text: 'Headache days' },
              subject: { reference: `Patient/${patient.id}` },
              hasMember: [{ reference: 'Observation/obs-cycle' }],
              derivedFrom: [{ reference: 'Observation/obs-cycle' }],
            } as Resource,
          ];
          const withRefs = patient.resources.map((r, i) =>
            i % 7 === 3 ? ({ ...r, partOf: [ref(r)], basedOn: [ref(r)] } as Resource) : r,
          );
          const duplicated = withRefs.flatMap((r, i) => (i % 5 === 0 ? Array(copies).fill(r) : [r]));
          const body = requestFor(route, { id: patient.id, resources: [...duplicated, ...cyclic] }) as {
            prefetch: Record<string, unknown>;
          };
          body.prefetch.extra = {
            resourceType: 'Bundle',
            type: 'searchset',
            entry: [{ resource: body.prefetch.patient }],
          };
          await expectSafeAnswer(route, await post(route, body));
        },
      ),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });

  test('prefetch keys and values that are not what the spec allows', async () => {
    const key = fc.oneof(
      fc.constantFrom('patient', 'conditions', 'observations', '__proto__', 'constructor', 'prototype'),
      markedString.map((s) => `${s} $`),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...services),
        patientArb,
        fc.dictionary(key, fc.oneof(hostileValue, fc.constant({ resourceType: 'OperationOutcome', issue: [] }))),
        async (route, patient, extra) => {
          const body = requestFor(route, patient) as { prefetch: Record<string, unknown> };
          body.prefetch = JSON.parse(JSON.stringify({ ...body.prefetch, ...extra }));
          await expectSafeAnswer(route, await post(route, body));
        },
      ),
      { numRuns: RUNS },
    );
  });

  test('a marker in the service id or the path never comes back', async () => {
    await fc.assert(
      fc.asyncProperty(routeArb, markedString, async (route, id) => {
        const res = await app.call(`/cds-services/${encodeURIComponent(id.slice(0, 2000))}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(requestFor(route, panel[0] as (typeof panel)[number])),
        });
        expect(res.status).toBe(404);
        await expectSafeAnswer(route, res);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

describe('after all of it', () => {
  test('no unhandled rejection and no prototype pollution', () => {
    expect(unhandled).toEqual([]);
    expect(prototypeSnapshot()).toBe(before);
  });
});
