import { createHash } from 'node:crypto';
import type { DocumentReference, Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { PRIOR_AUTH_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { draftBotoxMedicationRequest, draftChemodenervation } from '../../src/cds/cards/botox-order-resources.ts';
import { type Card, checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { buildScreenedRecord } from '../../src/engine/screened-record.ts';
import { buildPriorAuthSummary } from '../../src/prior-auth/prior-auth-summary.ts';
import { summaryText } from '../../src/prior-auth/render-summary.ts';
import { createMemoryCardStore } from '../../src/store/memory-card-store.ts';
import { TIMELINE_HEADERS } from '../../src/timeline/timeline-routes.ts';
import { orderRequest, patientViewRequest } from '../support/cds-requests.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';

const today = new Date().toISOString().slice(0, 10);
const E = today;
const panel = fixturePanel(E);

function resourcesOf(id: string): Resource[] {
  const p = panel.patients.find((x) => x.id === id)!;
  return (p.bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => !!r);
}

function summaryFor(id: string, policyId: string) {
  const policy = loadPolicy(policyId);
  const { record } = buildScreenedRecord(resourcesOf(id), { patientId: id });
  const a = assessCandidacy(record, policy, { evaluationDate: E, siteTimeZone: 'UTC' });
  return { a, summary: buildPriorAuthSummary(a, policy, `${E}T08:00:00.000Z`) };
}

const linkOf = (card: Card, kind: 'timeline' | 'prior-auth') =>
  card.links?.find((l) => l.url.startsWith(`${TEST_BASE_URL}/${kind}/`))?.url.slice(TEST_BASE_URL.length);

describe('the printable page behind the capability link', { timeout: 120_000 }, () => {
  test('same lifetime and headers as the timeline; a link of one kind never opens the other', async () => {
    let now = new Date(`${E}T09:00:00Z`);
    const { postJson, call } = await createTestApp({
      env: { EVALUATION_DATE: E, TIMELINE_TTL_SECONDS: '600' },
      overrides: { clock: () => now },
    });
    const res = await postJson(
      '/cds-services/botox-candidacy',
      patientViewRequest(resourcesOf('cm-candidate-daily'), 'cm-candidate-daily'),
    );
    const card = ((await res.json()) as { cards: Card[] }).cards[0]!;
    const pa = linkOf(card, 'prior-auth')!;
    const timeline = linkOf(card, 'timeline')!;
    expect(pa).toMatch(/^\/prior-auth\/[A-Za-z0-9_-]{43}$/);

    const page = await call(pa);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const [name, value] of Object.entries(TIMELINE_HEADERS)) {
      if (name === 'Content-Security-Policy') continue;
      expect(page.headers.get(name), name).toBe(value);
    }
    // The CSP allows exactly the page's one stylesheet, by hash; no script at all.
    const csp = page.headers.get('Content-Security-Policy')!;
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(html).not.toMatch(/<script|<nav|<a /);
    // Print CSS: one column, page margins, no forced paper size (A4 and US Letter alike).
    expect(style).toContain('@page');
    expect(style).not.toMatch(/size:\s*(A4|letter)/i);

    // Kinds never cross: the prior-auth token under /timeline, the timeline token under /prior-auth.
    expect((await call(pa.replace('/prior-auth/', '/timeline/'))).status).toBe(404);
    expect((await call(timeline.replace('/timeline/', '/prior-auth/'))).status).toBe(404);
    expect((await call(timeline)).status).toBe(200);

    // Lifetime: gone once the timeline's TTL has passed, like the timeline.
    now = new Date(now.getTime() + 601_000);
    const gone = await call(pa);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('Cache-Control')).toBe('no-store');
    expect(await gone.text()).not.toContain('Initial request');
    expect((await call(timeline)).status).toBe(404);
  });

  test('links disabled: the suggestion is still offered, without a link', async () => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E, TIMELINE_LINKS: 'false' } });
    const res = await postJson(
      '/cds-services/botox-candidacy',
      patientViewRequest(resourcesOf('cm-responding'), 'cm-responding'),
    );
    const card = ((await res.json()) as { cards: Card[] }).cards[0]!;
    expect(card.links).toBeUndefined();
    expect(card.extension?.[PRIOR_AUTH_EXTENSION]).toMatchObject({ kind: 'continuation', link: false });
  });
});

describe('the order card offers the summary only when the order is supported', { timeout: 120_000 }, () => {
  const drafts = (id: string) => [
    draftBotoxMedicationRequest(id, 155, 'draft-botox'),
    { ...draftChemodenervation(id), id: 'draft-64615' },
  ];
  test.each([
    ['cm-candidate-daily', 'initial'],
    ['cm-on-treatment-due', 'continuation'],
    ['cm-one-class-failed', undefined],
    ['cm-diary-too-short', undefined],
    ['cm-contra-toxin-allergy', undefined],
  ] as const)('%s -> %s', async (id, kind) => {
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E } });
    const res = await postJson(
      '/cds-services/botox-order-sign',
      orderRequest('order-sign', resourcesOf(id), drafts(id), { patientId: id }),
    );
    const body = (await res.json()) as { cards: Card[] };
    expect(checkCdsResponse(body)).toEqual([]);
    const card = body.cards[0]!;
    const offered = card.extension?.[PRIOR_AUTH_EXTENSION] as { kind: string; suggestion: string } | undefined;
    expect(offered?.kind).toBe(kind);
    if (!kind) {
      expect(JSON.stringify(card.suggestions ?? [])).not.toContain('DocumentReference');
      return;
    }
    const s = card.suggestions!.find((x) => x.uuid === offered!.suggestion)!;
    expect((s.actions![0]!.resource as DocumentReference).type?.text).toBe('Botox prior authorization summary');
    expect(linkOf(card, 'prior-auth')).toBeDefined();
  });
});

describe('the summary follows the policy in force', { timeout: 120_000 }, () => {
  test('payer-strict asks for three failures and blocks on medication overuse; offered as an initial request', () => {
    const strict = summaryFor('cm-one-class-failed', 'payer-strict').summary!;
    const text = summaryText(strict);
    expect(text).toContain('>= 3 preventives failed');
    expect(text).toContain('payer-strict');
    const overuse = summaryFor('cm-medication-overuse', 'payer-strict');
    expect(overuse.a.status).toBe('not-eligible');
    const notYet = summaryText(overuse.summary!).split('NOT YET DOCUMENTED')[1]!;
    expect(notYet).toContain('Blocks under this policy: Medication overuse');
  });

  test('NICE TA260 prints its own terms (3 prior preventives, its stop rule) and its thresholds', () => {
    const nice = summaryText(summaryFor('cm-non-responding', 'nice-ta260').summary!);
    expect(nice).toContain('NICE TA260');
    expect(nice).toContain('has not responded to at least 3 prior preventive treatments');
    expect(nice).toContain('>= 3 preventives failed');
    expect(nice).toContain('not responding below 30% after 2 cycles');
    expect(nice).not.toContain('or a MIDAS/HIT-6 response');
  });

  test('never for a contraindication or an unmet label or ICHD-3 criterion, under every policy', () => {
    for (const policy of ['default', 'payer-strict', 'nice-ta260']) {
      for (const id of ['cm-contra-toxin-allergy', 'cm-contra-scalp-infection', 'cm-minor', 'migraine-episodic']) {
        expect(summaryFor(id, policy).summary, `${id} ${policy}`).toBeUndefined();
      }
    }
  });
});

describe('the card log and feedback', { timeout: 120_000 }, () => {
  test('the log records the offer; feedback records the accepted suggestion by its uuid', async () => {
    const store = createMemoryCardStore();
    const { postJson } = await createTestApp({ env: { EVALUATION_DATE: E }, overrides: { store } });
    const res = await postJson(
      '/cds-services/botox-candidacy',
      patientViewRequest(resourcesOf('cm-candidate-daily'), 'cm-candidate-daily'),
    );
    const card = ((await res.json()) as { cards: Card[] }).cards[0]!;
    const offered = card.extension?.[PRIOR_AUTH_EXTENSION] as { suggestion: string };
    await expect.poll(() => store.invocations.length).toBe(1);
    expect(store.invocations[0]!.cards[0]!.priorAuth).toEqual({
      kind: 'initial',
      suggestion: offered.suggestion,
      link: true,
    });
    const fb = await postJson('/cds-services/botox-candidacy/feedback', {
      feedback: [
        {
          card: card.uuid,
          outcome: 'accepted',
          acceptedSuggestions: [{ id: offered.suggestion }],
          outcomeTimestamp: new Date().toISOString(),
        },
      ],
    });
    expect(fb.status).toBe(200);
    expect(store.feedback[0]!.knownCard).toBe(true);
    expect(store.feedback[0]!.entry.acceptedSuggestions).toEqual([{ id: offered.suggestion }]);
  });
});
