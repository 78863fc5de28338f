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
        fhirAuthorization: { access_token: 'secret-token', token_type: 'Bearer', scope: 'user/*.read', subject: 'x' },
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

  test('a prefetch key with a hostile name is masked in the error', async () => {
    const { postJson } = await createTestApp();
    const body = { ...validPatientView, prefetch: { '<script>alert(1)</script>': 'not a resource' } };
    const res = await postJson('/cds-services/botox-candidacy', body);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('script');
  });
});
