import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Patient } from '@medplum/fhirtypes';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type LocalServer, sendFhir, startFaultServer } from '../prefetch/support/local-servers.ts';
import { searchset } from '../prefetch/support/patient-record.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { ISSUER, makeKey, rawToken, signToken, type TestKey, writeTrustFile } from '../trust/jwt-kit.ts';
import { mutate, mutation } from './support/hostile-values.ts';
import { panelAt, type Route, requestFor, SERVICES } from './support/panel-requests.ts';

/**
 * Every kind of traffic the other reliability tests send (real fixture patients, hostile requests, FHIR faults,
 * good and bad client JWTs, fhirAuthorization access tokens), with CDS_AUTH=verify and a memory logger: no log line
 * may hold a JWT, an access token, a patient's name or birth date.
 */
const E = new Date().toISOString().slice(0, 10);
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const panel = panelAt(E);
const OPAQUE_TOKEN = `opaque-${randomUUID()}`;
const JWT_ACCESS_TOKEN = rawToken({ alg: 'RS384', typ: 'JWT' }, { sub: 'cds', nonce: randomUUID() }, 'c2lnbmF0dXJl');
const JWT_SHAPE = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/;

const patients = panel.flatMap((p) => p.resources.filter((r): r is Patient => r.resourceType === 'Patient'));
const NAMES = [...new Set(patients.flatMap((p) => (p.name ?? []).flatMap((n) => [n.family ?? '', ...(n.given ?? [])])))]
  .filter((n) => n.length >= 3)
  .map((n) => n.replace(/\.$/, ''));
const BIRTH_DATES = [...new Set(patients.map((p) => p.birthDate).filter((d): d is string => !!d))];

let key: TestKey;
let app: Awaited<ReturnType<typeof createTestApp>>;
let fhir: LocalServer;
const tokensUsed: string[] = [];

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
/** The FHIR server answers differently by call: fine, 401, garbage quoting a patient, reset, slow. */
const behaviours: Handler[] = [
  (_req, res) => sendFhir(res, 200, searchset([])),
  (_req, res) => sendFhir(res, 401, { resourceType: 'OperationOutcome', issue: [] }),
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/fhir+json' });
    res.end(`{"resourceType":"Bundle","entry":[{"resource":{"name":"${NAMES[0]}","birthDate":"${BIRTH_DATES[0]}"`);
  },
  (req) => req.socket.destroy(),
  (_req, res) => setTimeout(() => sendFhir(res, 200, searchset([])), 2000).unref(),
];
let call = 0;

beforeAll(async () => {
  key = await makeKey('ES384');
  const trustFile = writeTrustFile([{ iss: ISSUER, jwks: { keys: [key.publicJwk] } }]);
  fhir = await startFaultServer((req, res) => (behaviours[call++ % behaviours.length] as Handler)(req, res));
  app = await createTestApp({
    env: { CDS_AUTH: 'verify', CDS_TRUSTED_ISSUERS: trustFile, EVALUATION_DATE: E, FHIR_FETCH_TIMEOUT_MS: '300' },
    overrides: { clock: () => NOW },
  });
});
afterAll(() => fhir.close());

async function bearerFor(path: string): Promise<string> {
  const token = await signToken({ key, aud: `${TEST_BASE_URL}${path}`, now: NOW });
  tokensUsed.push(token);
  return token;
}

/** Posts with a fresh client JWT; the diary key is left out so that it is fetched with the access token. */
async function send(route: Route, body: unknown, token?: string) {
  const path = SERVICES[route];
  const jwt = token ?? (await bearerFor(path));
  const res = await app.postJson(path, typeof body === 'string' ? body : JSON.stringify(body), {
    authorization: `Bearer ${jwt}`,
  });
  await res.arrayBuffer();
  return res.status;
}

function withFhirAccess(body: unknown, n: number): unknown {
  const request = body as { prefetch?: Record<string, unknown>; fhirServer?: string; fhirAuthorization?: unknown };
  if (!request.prefetch) return body;
  delete request.prefetch.observations;
  if (n % 3 === 0) delete request.prefetch.patient;
  request.fhirServer = fhir.base;
  request.fhirAuthorization = {
    access_token: n % 2 ? OPAQUE_TOKEN : JWT_ACCESS_TOKEN,
    token_type: 'Bearer',
    expires_in: 300,
    scope: 'user/*.read',
    subject: 'migraine-cds',
  };
  return request;
}

describe('log safety', () => {
  test('no JWT, access token, patient name or birth date in any log line, under every kind of traffic', async () => {
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    let n = 0;
    // Real fixture patients on every route, with FHIR access and faults.
    for (const patient of panel) {
      for (const route of Object.keys(SERVICES) as Route[]) {
        count(await send(route, withFhirAccess(structuredClone(requestFor(route, patient, NOW)), n++)));
      }
    }
    // Hostile requests (fields replaced, bodies cut short).
    const samples = fc.sample(fc.tuple(fc.nat(), fc.constantFrom(...(Object.keys(SERVICES) as Route[])), mutation), {
      numRuns: 150,
      seed: 20261,
    });
    for (const [i, route, m] of samples) {
      const body = withFhirAccess(structuredClone(requestFor(route, panel[i % panel.length] as never, NOW)), n++);
      count(await send(route, i % 4 ? mutate(body, m) : JSON.stringify(body).slice(0, i % 500)));
    }
    // Client JWTs that fail: replayed, for another URL, expired, unsigned, garbage.
    const replayed = await bearerFor(SERVICES.candidacy);
    const valid = requestFor('candidacy', panel[0] as never, NOW);
    const bad = [
      replayed,
      replayed,
      await signToken({ key, aud: `${TEST_BASE_URL}/elsewhere`, now: NOW }),
      await signToken({ key, aud: `${TEST_BASE_URL}${SERVICES.candidacy}`, now: new Date(NOW.getTime() - 3_600_000) }),
      rawToken({ alg: 'none', typ: 'JWT' }, { iss: ISSUER, aud: `${TEST_BASE_URL}${SERVICES.candidacy}` }),
      `${OPAQUE_TOKEN}.not.a.jwt`,
    ];
    tokensUsed.push(...bad);
    for (const token of bad) count(await send('candidacy', valid, token));

    const log = app.logger.lines;
    console.log(
      `log safety: ${log.length} log lines from ${[...statuses.values()].reduce((a, b) => a + b, 0)} calls ` +
        `(statuses ${JSON.stringify(Object.fromEntries(statuses))}); ${NAMES.length} names, ` +
        `${BIRTH_DATES.length} birth dates and ${tokensUsed.length + 2} tokens checked`,
    );
    expect(statuses.get(200)).toBeGreaterThan(50);
    expect(statuses.get(401)).toBeGreaterThanOrEqual(5);
    expect(fhir.seen.length).toBeGreaterThan(50);
    for (const line of log) {
      expect(line).not.toMatch(JWT_SHAPE);
      expect(line).not.toContain(OPAQUE_TOKEN);
      for (const token of tokensUsed) {
        expect(line).not.toContain(token);
        const signature = token.split('.')[2] ?? '';
        if (signature.length >= 16) expect(line).not.toContain(signature);
      }
      for (const name of NAMES) expect(line, `a log line names "${name}"`).not.toContain(name);
      for (const date of BIRTH_DATES) expect(line, `a log line holds birth date ${date}`).not.toContain(date);
    }
  }, 120_000);
});
