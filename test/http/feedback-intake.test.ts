import { describe, expect, test } from 'vitest';
import { createTestApp } from '../support/test-app.ts';

const ts = '2026-11-23T18:14:23.823Z';
const CARD = '9368d37b-283f-44a0-93ea-547cebab93ef';

describe('feedback intake', () => {
  test('accepts the spec shape and the sandbox shape', async () => {
    const { postJson } = await createTestApp();
    const spec = {
      feedback: [
        {
          card: '9368d37b-283f-44a0-93ea-547cebab93ed',
          outcome: 'overridden',
          overrideReason: {
            reason: {
              code: 'not-applicable',
              system: 'http://migraine-cds.org/fhir/CodeSystem/override-reason',
              display: 'x',
            },
            userComment: 'seen elsewhere',
          },
          outcomeTimestamp: ts,
        },
        {
          card: '9368d37b-283f-44a0-93ea-547cebab93ee',
          outcome: 'accepted',
          acceptedSuggestions: [{ id: 'e56e1945-20b3-4393-8503-a1a20fd73152' }],
          outcomeTimestamp: ts,
        },
      ],
    };
    expect((await postJson('/cds-services/botox-candidacy/feedback', spec)).status).toBe(200);
    const sandbox = {
      feedback: [{ card: '11111111-1111-4111-8111-111111111111', outcome: 'overridden', outcomeTimestamp: ts }],
    };
    expect((await postJson('/cds-services/botox-candidacy/feedback', sandbox)).status).toBe(200);
  });

  test.each([
    [
      'accepted without acceptedSuggestions',
      { card: CARD, outcome: 'accepted', outcomeTimestamp: ts },
      /acceptedSuggestions/,
    ],
    ['unknown outcome', { card: CARD, outcome: 'ignored', outcomeTimestamp: ts }, /outcome/],
    [
      'override reason with neither reason nor comment',
      { card: CARD, outcome: 'overridden', overrideReason: {}, outcomeTimestamp: ts },
      /reason or a comment/,
    ],
    [
      'timestamp not a date-time',
      { card: CARD, outcome: 'overridden', outcomeTimestamp: 'yesterday' },
      /outcomeTimestamp/,
    ],
  ])('%s -> 400', async (_name, entry, pattern) => {
    const { postJson } = await createTestApp();
    const res = await postJson('/cds-services/botox-candidacy/feedback', { feedback: [entry] });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issue: { diagnostics: string }[] };
    expect(body.issue[0]?.diagnostics).toMatch(pattern);
  });

  test('feedback for an unknown service -> 404', async () => {
    const { postJson } = await createTestApp();
    const res = await postJson('/cds-services/nope/feedback', { feedback: [] });
    expect(res.status).toBe(404);
  });
});
