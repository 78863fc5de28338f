import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Card } from '../../src/cds/schemas/response.ts';
import type { CdsServiceDefinition } from '../../src/cds/service.ts';
import { SERVICE_IDS } from '../../src/cds/services/registry.ts';
import type { FeedbackAnalytics } from '../../src/store/card-store.ts';
import type { SqlCardStore } from '../../src/store/sql-card-store.ts';
import { allowAllAuthenticator } from '../../src/trust/authenticator.ts';
import { ourPath, recordedRequests } from '../support/sandbox-capture.ts';
import { createTestApp } from '../support/test-app.ts';
import { type BackendLocation, storeBackends } from './store-backends.ts';
import { dayBefore, OVERRIDE_REASON_SYSTEM } from './store-fixtures.ts';

const ADMIN_TOKEN = 'analytics-admin-token-for-tests-0123456789';
const NOW = new Date();
/** The card uuid the recorded sandbox session dismissed (its stub service issued it). */
const RECORDED_CARD_UUID = '11111111-1111-4111-8111-111111111111';

/** A candidacy card as the real service words it, with the machine-readable assessment the card log reads. */
function candidacyCard(uuid: string): Card {
  return {
    uuid,
    summary: 'Not yet a candidate for onabotulinumtoxinA: 2 failed preventives needed',
    indicator: 'warning',
    overrideReasons: [
      { system: OVERRIDE_REASON_SYSTEM, code: 'data-incorrect', display: 'The data shown is incorrect or outdated' },
    ],
    source: {
      label: 'migraine-cds',
      topic: { system: 'http://migraine-cds.org/fhir/CodeSystem/card-topic', code: 'botox-candidacy' },
    },
    extension: {
      'org.migraine-cds.assessment': {
        status: 'not-eligible',
        criteria: [
          { id: 'age', status: 'met' },
          { id: 'chronic-migraine', status: 'met' },
          { id: 'preventive-failures', status: 'unmet' },
        ],
      },
    },
  };
}

/** The registry's candidacy service with a fixed answer, so that these tests do not depend on the engine. */
const candidacyService = (cardUuid: () => string): CdsServiceDefinition => ({
  id: SERVICE_IDS.candidacy,
  hook: 'patient-view',
  title: 'Candidacy (card log test)',
  description: 'Answers one not-eligible card',
  prefetch: {},
  handle: () => ({ cards: [candidacyCard(cardUuid())] }),
});

describe.each(storeBackends())('feedback through the app into the store ($name)', (backend) => {
  let location: BackendLocation;
  let store: SqlCardStore;
  let nextCardUuid = RECORDED_CARD_UUID;

  const testApp = (env: Record<string, string> = { ADMIN_TOKEN }) =>
    createTestApp({
      env,
      overrides: { store, authenticator: allowAllAuthenticator, services: [candidacyService(() => nextCardUuid)] },
    });
  const range = `from=${dayBefore(NOW, 1)}&to=${dayBefore(NOW, 0)}`;

  beforeAll(async () => {
    location = backend.create();
    store = await location.open();
  });
  afterAll(async () => {
    await store?.close();
    await location?.destroy();
  });

  test('the recorded sandbox invocation and feedback are stored and show up in the analytics', async () => {
    const { call, postJson } = await testApp();
    const recorded = recordedRequests().filter((r) => r.method === 'POST' && r.path.startsWith('/cds-services/pv'));
    expect(recorded.map((r) => r.path)).toEqual(['/cds-services/pv', '/cds-services/pv/feedback']);
    for (const request of recorded) {
      const res = await postJson(ourPath(request.path), request.body);
      expect(res.status).toBe(200);
    }
    const [feedback] = await store.db.query('select known_card, outcome from card_feedback where card_uuid = $1', [
      RECORDED_CARD_UUID,
    ]);
    expect(feedback).toEqual({ known_card: true, outcome: 'overridden' });

    const res = await call(`/analytics/feedback?${range}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as FeedbackAnalytics;
    expect(report.services.find((s) => s.serviceId === SERVICE_IDS.candidacy)).toMatchObject({
      issued: 1,
      overridden: 1,
      overridesWithoutReason: 1,
      byStatus: [{ status: 'not-eligible', issued: 1, overridden: 1 }],
    });
  });

  test('posting the same feedback again answers 200 and stores nothing new', async () => {
    const { postJson } = await testApp();
    const body = recordedRequests().find((r) => r.method === 'POST' && r.path === '/cds-services/pv/feedback')?.body;
    const res = await postJson(`/cds-services/${SERVICE_IDS.candidacy}/feedback`, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ stored: 0, duplicates: 1, unknownCards: 0 });
  });

  test('the card log keeps the keyed patient hash, never the patient id or name', async () => {
    const { deps, postJson } = await testApp();
    const patientId = `pt-${randomUUID()}`;
    nextCardUuid = randomUUID();
    const res = await postJson(`/cds-services/${SERVICE_IDS.candidacy}`, {
      hook: 'patient-view',
      hookInstance: randomUUID(),
      fhirServer: 'https://ehr.example.org/fhir',
      fhirAuthorization: {
        access_token: 'secret-access-token-7d1f',
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'patient/*.read',
        subject: 'cds-service',
        patient: patientId,
      },
      context: { userId: 'Practitioner/pr-1', patientId },
      prefetch: {
        patient: { resourceType: 'Patient', id: patientId, name: [{ family: 'Kowalczyk', given: ['Agnieszka'] }] },
      },
    });
    expect(res.status).toBe(200);
    const dump = JSON.stringify(
      await Promise.all(
        ['card_invocation', 'issued_card', 'card_feedback'].map((t) => store.db.query(`select * from ${t}`)),
      ),
    );
    expect(dump).toContain(nextCardUuid);
    expect(dump).toContain(deps.patientKey(patientId, 'https://ehr.example.org/fhir'));
    for (const secret of [patientId, 'Kowalczyk', 'Agnieszka', 'secret-access-token-7d1f', 'Practitioner/pr-1']) {
      expect(dump).not.toContain(secret);
    }
  });

  test('an invalid entry rejects the whole batch before anything is stored', async () => {
    const { postJson } = await testApp();
    const good = { card: randomUUID(), outcome: 'overridden', outcomeTimestamp: NOW.toISOString() };
    const bad = { card: randomUUID(), outcome: 'accepted', outcomeTimestamp: NOW.toISOString() };
    const res = await postJson(`/cds-services/${SERVICE_IDS.candidacy}/feedback`, { feedback: [good, bad] });
    expect(res.status).toBe(400);
    expect(
      await store.db.query('select 1 from card_feedback where card_uuid in ($1, $2)', [good.card, bad.card]),
    ).toEqual([]);
  });

  test.each([
    ['a year-0 outcomeTimestamp', { outcomeTimestamp: '0000-01-01T00:00:00Z' }, 'outcomeTimestamp'],
    ['a NUL in the card id', { card: `${randomUUID()}\u0000` }, 'card'],
    [
      'a NUL in a reason code',
      { overrideReason: { reason: { system: OVERRIDE_REASON_SYSTEM, code: 'data-incorrect\u0000' } } },
      'overrideReason.reason.code',
    ],
    [
      'a NUL in an accepted suggestion id',
      { outcome: 'accepted', acceptedSuggestions: [{ id: 'a\u0000b' }] },
      'acceptedSuggestions[0].id',
    ],
    [
      'a lone surrogate in a reason display',
      { overrideReason: { reason: { code: 'data-incorrect', display: 'Dr \ud800 Nowak' } } },
      'overrideReason.reason.display',
    ],
    ['a card id that is not a UUID', { card: '<card uuid>' }, 'card'],
  ])('%s: 400 naming the entry by its index, nothing stored, on this backend', async (_name, change, field) => {
    const { postJson } = await testApp();
    const good = { card: randomUUID(), outcome: 'overridden', outcomeTimestamp: NOW.toISOString() };
    const bad = { ...good, card: randomUUID(), ...change };
    const res = await postJson(`/cds-services/${SERVICE_IDS.candidacy}/feedback`, { feedback: [good, bad] });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain(`feedback[1].${field}`);
    for (const content of ['0000-01-01', 'Nowak', '<card uuid>', 'data-incorrect', '\\u0000']) {
      expect(text).not.toContain(content);
    }
    expect(await store.db.query('select 1 from card_feedback where card_uuid = $1', [good.card])).toEqual([]);
  });

  test('the reasons a card offered are logged with it; feedback keeps only those, and the analytics echo no free text', async () => {
    const { call, postJson } = await testApp();
    nextCardUuid = randomUUID();
    const invoked = await postJson(`/cds-services/${SERVICE_IDS.candidacy}`, {
      hook: 'patient-view',
      hookInstance: randomUUID(),
      context: { userId: 'Practitioner/pr-1', patientId: 'pt-reasons' },
      prefetch: {},
    });
    expect(invoked.status).toBe(200);
    const phi = 'Agnieszka Kowalczyk MRN 4471902';
    const feedback = (reason: { system?: string; code: string; display?: string }) => ({
      card: nextCardUuid,
      outcome: 'overridden',
      overrideReason: { reason },
      outcomeTimestamp: new Date().toISOString(),
    });
    const res = await postJson(`/cds-services/${SERVICE_IDS.candidacy}/feedback`, {
      feedback: [feedback({ code: 'data-incorrect', display: phi }), feedback({ code: phi, display: phi })],
    });
    expect(res.status).toBe(200);
    const report = await call(`/analytics/feedback?${range}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const text = await report.text();
    expect(text).not.toContain('Kowalczyk');
    const service = (JSON.parse(text) as FeedbackAnalytics).services.find((s) => s.serviceId === SERVICE_IDS.candidacy);
    // The later of the two is the card's latest feedback; both were stored.
    expect(service?.overrideReasons.map((r) => r.code)).toContain('other');
    const stored = await store.db.query<{ reason_code: string; reason_display: string }>(
      'select reason_code, reason_display from card_feedback where card_uuid = $1 order by id',
      [nextCardUuid],
    );
    expect(stored).toEqual([
      { reason_code: 'data-incorrect', reason_display: 'The data shown is incorrect or outdated' },
      { reason_code: 'other', reason_display: 'Other reason (not one the card offered)' },
    ]);
  });

  test.each([
    ['to=9999-12-31', `from=${dayBefore(NOW, 1)}&to=9999-12-31`],
    ['from=0000-01-01', `from=0000-01-01&to=${dayBefore(NOW, 0)}`],
  ])('analytics with %s: 400 saying which days a range may name', async (_name, query) => {
    const { call } = await testApp();
    const res = await call(`/analytics/feedback?${query}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('between 2000-01-01 and 2099-12-31');
  });

  test('analytics need the admin token: 401 without it or with another, 404 when none is configured', async () => {
    const { call } = await testApp();
    const missing = await call(`/analytics/feedback?${range}`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await call(`/analytics/feedback?${range}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const basic = await call(`/analytics/feedback?${range}`, { headers: { authorization: `Basic ${ADMIN_TOKEN}` } });
    expect(basic.status).toBe(401);
    const unconfigured = await testApp({});
    expect((await unconfigured.call(`/analytics/feedback?${range}`)).status).toBe(404);
  });

  test('analytics reject a malformed range without echoing it, and default to the last 30 days', async () => {
    const { call } = await testApp();
    const auth = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
    const bad = await call('/analytics/feedback?from=<script>&to=2026-13-45', auth);
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain('OperationOutcome');
    expect(text).not.toContain('<script>');
    const reversed = await call(`/analytics/feedback?from=${dayBefore(NOW, 0)}&to=${dayBefore(NOW, 1)}`, auth);
    expect(reversed.status).toBe(400);
    const fallback = await call('/analytics/feedback', auth);
    expect(fallback.status).toBe(200);
    expect(await fallback.json()).toMatchObject({ from: dayBefore(NOW, 29), to: dayBefore(NOW, 0) });
  });
});
