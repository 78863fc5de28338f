import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Assessment } from '../../src/engine/assessment.ts';
import { escapeHtml, html } from '../../src/timeline/page/html.ts';
import { createTestApp, TEST_BASE_URL } from '../support/test-app.ts';
import { candidateAssessment, onTreatmentAssessment, PATIENT_ID } from './sample-assessments.ts';

const E = '2026-11-23';
const HOSTILE = `</td><script>alert("x")</script><img src=x onerror='alert(1)'>&amp;`;

async function appWithClock(now = new Date(`${E}T08:30:00Z`)) {
  let clock = now;
  const t = await createTestApp({ overrides: { clock: () => clock } });
  const issue = async (payload: Assessment) => {
    const url = await t.deps.links!.timeline({ patientId: PATIENT_ID, hookInstance: crypto.randomUUID(), payload });
    return url!.slice(TEST_BASE_URL.length);
  };
  return { ...t, issue, advance: (s: number) => (clock = new Date(clock.getTime() + s * 1000)) };
}

describe('html escaping', () => {
  test('escapeHtml neutralises every markup character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  test('html escapes interpolated data but keeps nested html as markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${['<', 1, undefined, false]}</p>`.toString()).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;1</p>',
    );
  });
});

describe('timeline page', () => {
  test('a hostile string in a criterion summary, a finding and a trial name is shown as text, never markup', async () => {
    const { call, issue } = await appWithClock();
    const a = candidateAssessment(E);
    a.criteria[1]!.summary = HOSTILE;
    a.findings[0]!.summary = HOSTILE;
    a.trials[0]!.ingredient = HOSTILE;
    a.notes[0]!.text = HOSTILE;
    const res = await call(await issue(a));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).not.toContain("onerror='");
    expect(page).toContain(escapeHtml(HOSTILE));
  });

  test('the page shows the chart, the criteria and the snapshot facts, and no patient id', async () => {
    const { call, issue } = await appWithClock();
    const page = await (await call(await issue(onTreatmentAssessment(E)))).text();
    expect(page).toMatch(/<svg class="chart chart-wide"[^>]*role="img"/);
    expect(page).toContain('<table id="criteria-table">');
    expect(page).toContain(`<dt>Evaluation date</dt><dd>${E}</dd>`);
    expect(page).toContain('Label + ICHD-3, common US coverage practice (default, version 2026.12.0)');
    expect(page).toContain('A snapshot of the assessment');
    expect(page).toContain('partial response');
    expect(page).not.toContain(PATIENT_ID);
  });

  test('the response forbids caching, referrers, indexing, scripts and framing; the CSP allows the one stylesheet', async () => {
    const { call, issue } = await appWithClock();
    const res = await call(await issue(candidateAssessment(E)));
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=UTF-8/i);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-robots-tag')).toContain('noindex');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(await res.text())?.[1] ?? '';
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });

  test('an expired link and an unknown one both get the same bare 404 page', async () => {
    const { call, issue, advance } = await appWithClock();
    const path = await issue(candidateAssessment(E));
    advance(3600);
    const expired = await call(path);
    const unknown = await call(`/timeline/${'A'.repeat(43)}`);
    const malformed = await call('/timeline/not-a-token');
    for (const res of [expired, unknown, malformed]) {
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    const [a, b] = [await expired.text(), await unknown.text()];
    expect(a).toBe(b);
    expect(a).not.toContain(E);
  });

  test('a JSON client gets the 404 as an OperationOutcome', async () => {
    const { call } = await appWithClock();
    const res = await call(`/timeline/${'A'.repeat(43)}`, { headers: { accept: 'application/fhir+json' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-found' }] });
  });
});
