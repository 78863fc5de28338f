import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { exampleRequests } from '../../cds-hooks/example-requests.ts';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { TIMELINE_TEXTS } from '../../src/timeline/page/timeline-texts.ts';
import type { timelineAssessmentSchema } from '../../src/timeline/timeline-snapshot.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { candidateAssessment } from './sample-assessments.ts';

const E = '2026-11-23';

// Compile-time: every engine Assessment is a valid timeline snapshot input (tsc fails here if the two drift apart).
const _engineShapeFits: z.input<typeof timelineAssessmentSchema> = candidateAssessment(E);
void _engineShapeFits;

type CardBody = { cards: { summary: string; links?: { label: string; url: string; type: string }[] }[] };

describe('timeline links from replayed patient-view cards (every fixture patient)', () => {
  const requests = exampleRequests(E).filter((r) => r.file.startsWith('patient-view/'));
  const expected = new Map(fixturePanel(E).patients.map((p) => [p.id, p.expected]));

  test.each(requests.map((r) => [r.patientId, r] as const))('%s', async (patientId, request) => {
    const { postJson, call } = await createTestApp({ env: { EVALUATION_DATE: E } });
    const res = await postJson('/cds-services/botox-candidacy', request.body);
    expect(res.status).toBe(200);
    const body = (await res.json()) as CardBody;
    const status = expected.get(patientId)?.status;
    if (!status) {
      expect(body.cards).toEqual([]);
      return;
    }
    const link = body.cards[0]?.links?.find((l) => l.type === 'absolute');
    expect(link?.url).toMatch(new RegExp(`^${TEST_BASE_URL}/timeline/[A-Za-z0-9_-]{43}$`));
    const page = await call(link!.url.slice(TEST_BASE_URL.length));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Status: ${TIMELINE_TEXTS.statuses[status]}`);
    expect(html).toContain(`<dt>Evaluation date</dt><dd>${E}</dd>`);
    expect(html).toContain('<svg class="chart chart-wide"');
    expect(html).toContain('<table id="criteria-table">');
    expect(html).not.toContain(patientId);
  });
});

test('a patient id shorter than 6 characters appears nowhere on the timeline page (cm-candidate-daily as p1234)', async () => {
  const request = exampleRequests(E).find(
    (r) => r.file.startsWith('patient-view/') && r.patientId === 'cm-candidate-daily',
  );
  const body = JSON.parse(JSON.stringify(request?.body).replaceAll('cm-candidate-daily', 'p1234'));
  const { postJson, call } = await createTestApp({ env: { EVALUATION_DATE: E } });
  const res = await postJson('/cds-services/botox-candidacy', body);
  expect(res.status).toBe(200);
  const link = ((await res.json()) as CardBody).cards[0]?.links?.find((l) => l.type === 'absolute');
  const html = await (await call(link!.url.slice(TEST_BASE_URL.length))).text();
  expect(html).toContain('Observation/[patient]-diary-');
  expect(html).not.toContain('p1234');
});
