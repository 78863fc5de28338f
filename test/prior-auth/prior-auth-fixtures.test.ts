import type { DocumentReference, Resource } from '@medplum/fhirtypes';
import { describe, expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { ASSESSMENT_EXTENSION, PRIOR_AUTH_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { label } from '../../src/cds/cards/card-texts.ts';
import { type Card, checkCdsResponse } from '../../src/cds/schemas/response.ts';
import { assessCandidacy } from '../../src/engine/assess-candidacy.ts';
import { addDays } from '../../src/engine/dates.ts';
import { loadPolicy } from '../../src/engine/policy/load-policy.ts';
import { buildScreenedRecord } from '../../src/engine/screened-record.ts';
import { PRIOR_AUTH_DOCUMENT_TYPE } from '../../src/prior-auth/document-reference.ts';
import { priorAuthKind } from '../../src/prior-auth/prior-auth-offer.ts';
import { oneDecimal, wholePercent } from '../../src/prior-auth/prior-auth-summary.ts';
import { patientViewRequest } from '../support/cds-requests.ts';
import { r4Errors } from '../support/fhir-validation.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';

/** Today and two years on: the panel is generated relative to E, so the summaries must not depend on the day. */
const today = new Date().toISOString().slice(0, 10);
const dates = [today, addDays(today, 731)];
/** The service's clock, fixed: the DocumentReference's date is this instant. */
const NOW = new Date(`${today}T09:30:00.000Z`);

interface Ext {
  status: string;
  criteria: { id: string; status: string; basis: string[] }[];
  treatment?: {
    cycles: number;
    lastCycle: string;
    response: { baselineDays?: number; recentDays?: number; reductionPercent?: number; verdict: string };
  };
}

function decode(doc: DocumentReference, type: string): string {
  const a = doc.content.find((c) => c.attachment.contentType === type)?.attachment;
  expect(a?.data, type).toBeTruthy();
  return Buffer.from(a!.data!, 'base64').toString('utf8');
}

/** What a payer reads for a number in the HTML: the same text, with `>` and quotes as entities. */
function inHtml(html: string, text: string): boolean {
  return html.includes(text.replace(/&/g, '&#38;').replace(/>/g, '&#62;').replace(/'/g, '&#39;'));
}

describe.each(dates)('prior-authorization summary for every fixture patient at E = %s', (E) => {
  const panel = fixturePanel(E);
  const policy = loadPolicy('default');

  test.each(panel.patients.map((p) => [p.id, p] as const))(
    '%s',
    async (_id, patient) => {
      const { postJson, call } = await createTestApp({ env: { EVALUATION_DATE: E }, overrides: { clock: () => NOW } });
      const resources = (patient.bundle.entry ?? []).map((e) => e.resource).filter((r): r is Resource => !!r);
      const res = await postJson('/cds-services/botox-candidacy', patientViewRequest(resources, patient.id));
      const body = (await res.json()) as { cards: Card[] };
      expect(checkCdsResponse(body)).toEqual([]);
      if (patient.expected.outOfScope) return;
      const card = body.cards[0]!;
      const ext = card.extension?.[ASSESSMENT_EXTENSION] as Ext;
      const kind = priorAuthKind(ext as Parameters<typeof priorAuthKind>[0]);
      const offered = card.extension?.[PRIOR_AUTH_EXTENSION] as { kind: string; suggestion: string } | undefined;
      const suggestion = card.suggestions?.find((s) =>
        s.actions?.some((a) => (a.resource as DocumentReference | undefined)?.type?.text === PRIOR_AUTH_DOCUMENT_TYPE),
      );
      if (!kind) {
        // Never for contraindicated or an unmet label/ICHD-3 criterion (clinical-rules 11, item 18).
        expect(offered).toBeUndefined();
        expect(suggestion).toBeUndefined();
        expect(card.links?.some((l) => l.url.includes('/prior-auth/'))).not.toBe(true);
        return;
      }
      expect(offered?.kind).toBe(kind);
      expect(suggestion?.uuid).toBe(offered?.suggestion);
      expect(suggestion?.isRecommended).toBeUndefined();
      expect(card.selectionBehavior).toBe('any');

      const doc = suggestion!.actions![0]!.resource as DocumentReference;
      expect(r4Errors(doc)).toEqual([]);
      expect(doc).toMatchObject({
        resourceType: 'DocumentReference',
        status: 'current',
        type: { text: 'Botox prior authorization summary' },
        subject: { reference: `Patient/${patient.id}` },
        date: NOW.toISOString(),
      });
      expect(doc.content.map((c) => c.attachment.contentType)).toEqual(['text/html', 'text/plain']);
      const html = decode(doc, 'text/html');
      const text = decode(doc, 'text/plain');

      // The same assessment the card rests on (the engine is pure: same record, policy and E).
      const { record } = buildScreenedRecord(resources, { patientId: patient.id });
      const a = assessCandidacy(record, policy, { evaluationDate: E, siteTimeZone: 'UTC' });
      expect(a.status).toBe(ext.status);

      const expectBoth = (fragment: string) => {
        expect(text, fragment).toContain(fragment);
        expect(inHtml(html, fragment), fragment).toBe(true);
      };
      expectBoth(kind === 'continuation' ? 'Continuation request' : 'Initial request');
      expectBoth(`${a.policy.id} ${a.policy.version}`);
      expectBoth(`Evaluation date: ${E}`);
      // The diary numbers: every headache-days window with its dates and count.
      for (const w of a.diaryWindows.filter((x) => x.measure === 'headache-days')) {
        expectBoth(`${w.start} to ${w.end}: ${w.days} headache days`);
      }
      for (const w of a.diaryWindows.filter((x) => x.measure === 'migraine-days'))
        expectBoth(`${w.days} migraine days`);
      // The trials: ingredient, dates and length.
      for (const t of a.trials) {
        expectBoth(`${t.ingredient.charAt(0).toUpperCase()}${t.ingredient.slice(1)} (`);
        if (t.start && t.end) expectBoth(`${t.start} to ${t.end}`);
      }
      // Each criterion the card's extension shows, by its status; unmet and unknown ones under "Not yet documented".
      const notYet = text.slice(text.indexOf('NOT YET DOCUMENTED'));
      for (const c of ext.criteria) {
        if (kind === 'continuation' && ['chronic-migraine', 'migraine-days', 'headache-duration'].includes(c.id))
          continue;
        if (c.status !== 'met') expect(notYet, c.id).toContain(label('criteria', c.id, policy.parameters));
      }
      if (kind === 'continuation') {
        // The response the card's extension shows, in the summary's words: a test, so the two cannot drift.
        const r = ext.treatment!.response;
        expectBoth(`Verdict: ${label('verdicts', r.verdict)}`);
        if (r.baselineDays !== undefined) expectBoth(`${oneDecimal(r.baselineDays)} before the first cycle`);
        if (r.recentDays !== undefined) expectBoth(`${oneDecimal(r.recentDays)} since cycle 2`);
        if (r.reductionPercent !== undefined) {
          expectBoth(
            r.reductionPercent >= 0 ? `-${wholePercent(r.reductionPercent)}` : `+${wholePercent(-r.reductionPercent)}`,
          );
        }
        // Every cycle of the course, with its date.
        for (const c of a.cycles.slice(-ext.treatment!.cycles)) expectBoth(`: ${c.date}`);
        expectBoth(`last ${ext.treatment!.lastCycle}`);
      }
      // The name and birth date may be in the EHR's document; the member id is always a blank line.
      if (a.diagnosis) expectBoth(`${a.diagnosis.code} `);
      expect(text).toMatch(/Member ID: _+/);

      // The printable page behind the link: the same summary, no name, no birth date, no patient id.
      const link = card.links?.find((l) => l.url.startsWith(`${TEST_BASE_URL}/prior-auth/`));
      expect(link?.type).toBe('absolute');
      const page = await call(link!.url.slice(TEST_BASE_URL.length));
      expect(page.status).toBe(200);
      const pageHtml = await page.text();
      expect(pageHtml).not.toContain(patient.id);
      const pt = resources.find((r) => r.resourceType === 'Patient') as {
        birthDate?: string;
        name?: { family?: string }[];
      };
      if (pt.birthDate) expect(pageHtml).not.toContain(pt.birthDate);
      if (pt.name?.[0]?.family) expect(pageHtml).not.toContain(pt.name[0].family);
      expect(pageHtml).toContain('<dt>Patient name</dt><dd></dd>');
      expect(pageHtml).toContain('<dt>Date of birth</dt><dd></dd>');
      expect(pageHtml).toContain('<dt>Member ID</dt><dd></dd>');
      for (const w of a.diaryWindows.filter((x) => x.measure === 'headache-days')) {
        expect(pageHtml).toContain(`${w.start} to ${w.end}: ${w.days} headache days`);
      }
      // The first call indexes the R4 definitions (seconds on a busy machine): a generous limit, never a timing target.
    },
    120_000,
  );
});
