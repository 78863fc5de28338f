import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createTestApp } from '../support/test-app.ts';

const validPatientView = {
  hook: 'patient-view',
  hookInstance: 'd1577c69-dfbe-44ad-ba6d-3e05e953b2ea',
  context: { userId: 'Practitioner/1', patientId: 'p1' },
  prefetch: { patient: { resourceType: 'Patient', id: 'p1', birthDate: '1980-01-01' } },
};

async function expectOutcome(res: Response, status: number, diagnosticsPattern?: RegExp) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { resourceType: string; issue: { diagnostics: string }[] };
  expect(body.resourceType).toBe('OperationOutcome');
  expect(body.issue[0]?.diagnostics).toBeTruthy();
  if (diagnosticsPattern) expect(body.issue[0]?.diagnostics).toMatch(diagnosticsPattern);
  return body;
}

describe('malformed requests get an OperationOutcome with the right status', () => {
  test.each([
    ['not JSON', '{"hook": patient-view', /not valid JSON/],
    ['empty body', '', /empty/],
    ['a JSON array', '[]', /JSON object/],
    ['a JSON string', '"hello"', /JSON object/],
  ])('%s -> 400', async (_name, body, pattern) => {
    const { postJson } = await createTestApp();
    await expectOutcome(await postJson('/cds-services/botox-candidacy', body), 400, pattern);
  });

  test.each([
    ['hook missing', { ...validPatientView, hook: undefined }, /hook/],
    ['hookInstance a number', { ...validPatientView, hookInstance: 42 }, /hookInstance/],
    ['context missing', { ...validPatientView, context: undefined }, /context/],
    ['patientId missing', { ...validPatientView, context: { userId: 'Practitioner/1' } }, /context\.patientId/],
    [
      'patientId with a path',
      { ...validPatientView, context: { userId: 'P/1', patientId: '../x' } },
      /context\.patientId/,
    ],
    [
      'fhirAuthorization without fhirServer',
      {
        ...validPatientView,
        fhirAuthorization: {
          access_token: 'secret-token',
          token_type: 'Bearer',
          expires_in: 300,
          scope: 'user/*.read',
          subject: 'x',
        },
      },
      /fhirServer/,
    ],
    ['fhirServer not a URL', { ...validPatientView, fhirServer: 'file:///etc/passwd' }, /fhirServer/],
  ])('%s -> 400 naming the field', async (_name, body, pattern) => {
    const { postJson } = await createTestApp();
    const outcome = await expectOutcome(await postJson('/cds-services/botox-candidacy', body), 400, pattern);
    expect(JSON.stringify(outcome)).not.toContain('secret-token');
  });

  test('wrong hook for the service -> 400', async () => {
    const { postJson } = await createTestApp();
    await expectOutcome(
      await postJson('/cds-services/botox-candidacy', { ...validPatientView, hook: 'order-sign' }),
      400,
      /patient-view/,
    );
  });

  test('order-select without selections -> 400 naming context.selections', async () => {
    const { postJson } = await createTestApp();
    const body = {
      ...validPatientView,
      hook: 'order-select',
      context: { ...validPatientView.context, draftOrders: { resourceType: 'Bundle', entry: [] } },
    };
    await expectOutcome(await postJson('/cds-services/botox-order-select', body), 400, /context\.selections/);
  });

  test('unknown service -> 404', async () => {
    const { postJson } = await createTestApp();
    await expectOutcome(await postJson('/cds-services/nope', validPatientView), 404, /Unknown CDS service/);
  });

  test('unknown route -> 404 OperationOutcome', async () => {
    const { call } = await createTestApp();
    await expectOutcome(await call('/nothing-here'), 404);
  });

  test('GET on a service -> 405 with Allow', async () => {
    const { call } = await createTestApp();
    const res = await call('/cds-services/botox-candidacy');
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    await expectOutcome(res, 405);
  });

  test('non-JSON content type -> 415', async () => {
    const { call } = await createTestApp();
    const res = await call('/cds-services/botox-candidacy', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(validPatientView),
    });
    await expectOutcome(res, 415);
  });

  test('a body over the limit -> 413, declared or streamed', async () => {
    const { postJson, call } = await createTestApp({ env: { BODY_LIMIT_BYTES: '1000' } });
    const huge = { ...validPatientView, padding: 'x'.repeat(5000) };
    await expectOutcome(await postJson('/cds-services/botox-candidacy', huge), 413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(500)));
        controller.close();
      },
    });
    const res = await call('/cds-services/botox-candidacy', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      // Node's fetch needs duplex for streamed bodies
      duplex: 'half',
    });
    await expectOutcome(res, 413);
  });

  test('missing required prefetch with no FHIR server -> 412 naming the key', async () => {
    const { postJson } = await createTestApp();
    const res = await postJson('/cds-services/botox-candidacy', { ...validPatientView, prefetch: undefined });
    await expectOutcome(res, 412, /patient/);
  });

  test('error bodies never echo the request', async () => {
    const { postJson } = await createTestApp();
    const marker = 'Jane-Doe-1970-01-01';
    const body = { ...validPatientView, hookInstance: { name: marker }, context: { patientId: marker } };
    const res = await postJson('/cds-services/botox-candidacy', body);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain(marker);
  });

  test('a prefetch key the client chose is never named in the error or the log, however plain it looks', async () => {
    const { postJson, logger } = await createTestApp();
    const key = 'JohnSmithSSN123';
    const body = { ...validPatientView, prefetch: { ...validPatientView.prefetch, [key]: 5 } };
    const res = await postJson('/cds-services/botox-candidacy', body);
    const outcome = await expectOutcome(res, 400, /prefetch\.<key>/);
    expect(outcome).toMatchObject({ issue: [{ expression: ['prefetch.<key>'] }] });
    expect(JSON.stringify(outcome)).not.toContain(key);
    expect(logger.lines.some((l) => l.includes('"status":400'))).toBe(true);
    expect(logger.lines.filter((l) => l.includes(key))).toEqual([]);
  });

  test('a prefetch key this service declares is named, any other prefetch key is not', async () => {
    const { postJson } = await createTestApp();
    const body = {
      ...validPatientView,
      prefetch: {
        patient: 5,
        conditions: { resourceType: 'Bundle', entry: 'x' },
        MaryJonesMRN42: { resourceType: 'Bundle', entry: 'x' },
      },
    };
    const outcome = await expectOutcome(await postJson('/cds-services/botox-candidacy', body), 400);
    const text = JSON.stringify(outcome);
    expect(outcome).toMatchObject({
      issue: [{ expression: ['prefetch.patient', 'prefetch.conditions', 'prefetch.<key>'] }],
    });
    expect(text).toContain('Bundle.entry must be an array');
    expect(text).not.toContain('MaryJones');
  });

  test('a prefetch key with a hostile name is masked in the error', async () => {
    const { postJson } = await createTestApp();
    const body = { ...validPatientView, prefetch: { '<script>alert(1)</script>': 'not a resource' } };
    const res = await postJson('/cds-services/botox-candidacy', body);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('script');
  });
});

describe('envelope rules of a CDS Hooks 2.0 request: 400 naming the field, never quoting the value', () => {
  const fhirAccess = {
    fhirServer: 'http://127.0.0.1:9/fhir',
    fhirAuthorization: {
      access_token: 'secret-token',
      token_type: 'Bearer',
      expires_in: 300,
      scope: 'user/*.read',
      subject: 'migraine-cds',
    },
  };
  const withAuthorization = (change: Record<string, unknown>, drop?: string) => {
    const fhirAuthorization: Record<string, unknown> = { ...fhirAccess.fhirAuthorization, ...change };
    if (drop) delete fhirAuthorization[drop];
    return { ...validPatientView, ...fhirAccess, fhirAuthorization };
  };

  test.each([
    ['hookInstance not a UUID', { ...validPatientView, hookInstance: 'not-a-uuid' }, 'hookInstance', 'not-a-uuid'],
    [
      'userId a bare id, not Type/id',
      { ...validPatientView, context: { userId: 'COREPRACTITIONER1', patientId: 'p1' } },
      'context.userId',
      'COREPRACTITIONER1',
    ],
    [
      'fhirAuthorization.token_type Basic',
      withAuthorization({ token_type: 'Basic' }),
      'fhirAuthorization.token_type',
      'Basic',
    ],
    ...(['expires_in', 'scope', 'subject'] as const).map((field) => [
      `fhirAuthorization without ${field}`,
      withAuthorization({}, field),
      `fhirAuthorization.${field}`,
      'secret-token',
    ]),
  ] as [string, unknown, string, string][])('%s -> 400', async (_name, body, field, value) => {
    const { postJson } = await createTestApp();
    const res = await postJson('/cds-services/botox-candidacy', body);
    const outcome = await expectOutcome(res, 400);
    expect(outcome).toMatchObject({ issue: [{ expression: [field] }] });
    expect(JSON.stringify(outcome)).not.toContain(value);
  });

  test('order-select selections that are bare ids, not Type/id -> 400 naming context.selections', async () => {
    const { postJson } = await createTestApp();
    const file = resolve(import.meta.dirname, '../../cds-hooks/requests/order-select/above-label-200u.json');
    const body = JSON.parse(readFileSync(file, 'utf8'));
    body.context.selections = ['draft-botox-above-label-200u'];
    const outcome = await expectOutcome(await postJson('/cds-services/botox-order-select', body), 400);
    expect(outcome).toMatchObject({ issue: [{ expression: ['context.selections[0]'] }] });
    expect(JSON.stringify(outcome)).not.toContain('draft-botox');
  });
});
