import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exampleRequests } from '../../cds-hooks/example-requests.ts';
import { CHROMIUM, hasChromium, launchChromium } from '../../scripts/gallery/launch-chromium.ts';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log/logger.ts';

const ARTIFACTS = 'test-artifacts/timeline';
const E = '2026-11-23';
/** One fixture patient per assessment status, with the status line the page must show. */
const BY_STATUS = [
  ['cm-candidate-daily', 'Candidate for onabotulinumtoxinA'],
  ['cm-one-class-failed', 'Not eligible on the documented criteria'],
  ['cm-no-preventives-tried', 'Documentation incomplete'],
  ['cm-contra-toxin-allergy', 'Contraindicated'],
  ['cm-responding', 'On treatment'],
  ['cm-non-responding', 'On treatment'],
] as const;
const WIDTHS = [390, 1280] as const;

const chromiumInstalled = hasChromium();
if (!chromiumInstalled)
  console.warn(`timeline browser test skipped: ${CHROMIUM} is not installed (.ci/setup-system installs it)`);

describe.skipIf(!chromiumInstalled)('timeline page in a real browser (Debian chromium)', () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let base = '';
  const cardLinks = new Map<string, string>();

  beforeAll(async () => {
    let handler: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    const server = serve({ port: 0, hostname: '127.0.0.1', fetch: (req) => handler(req) });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_BASE_URL: base, EMBEDDED_FHIR: 'off', EVALUATION_DATE: E });
    const app = createApp(await buildDeps(config, { logger: silentLogger }));
    handler = (req) => app.fetch(req);
    close = () => new Promise((resolve) => server.close(() => resolve()));

    // Replay each fixture patient's patient-view request over HTTP and keep the card's timeline link.
    for (const r of exampleRequests(E).filter((x) => x.file.startsWith('patient-view/'))) {
      const res = await fetch(`${base}/cds-services/botox-candidacy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(r.body),
      });
      const body = (await res.json()) as { cards: { links?: { url: string; type: string }[] }[] };
      const link = body.cards[0]?.links?.find((l) => l.type === 'absolute');
      if (link) cardLinks.set(r.patientId, link.url);
    }

    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  /** Opens a URL at a width, failing on any console error (a CSP violation shows up as one). */
  async function open(url: string, width: number): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    return { page, errors };
  }

  // Every panel patient but the out-of-scope ones, counted from the panel (fixtures are added by several helpers).
  test('every in-scope fixture patient gets a card link under this server', () => {
    const inScope = exampleRequests(E).filter((x) => x.file.startsWith('patient-view/') && x.expectStatus).length;
    expect(inScope).toBeGreaterThanOrEqual(17);
    expect(cardLinks.size).toBe(inScope);
    for (const url of cardLinks.values()) expect(url.startsWith(`${base}/timeline/`)).toBe(true);
  });

  for (const [patientId, statusLine] of BY_STATUS) {
    for (const width of WIDTHS) {
      test(`${patientId} at ${width} px: chart, criteria table and links render, nothing overflows`, async () => {
        const { page, errors } = await open(cardLinks.get(patientId)!, width);
        try {
          expect(await page.locator('h1').textContent()).toBe('Migraine timeline');
          expect(await page.locator('.snapshot .status').textContent()).toContain(statusLine);

          const chart = page.locator(width < 560 ? 'svg.chart-narrow' : 'svg.chart-wide');
          const hidden = page.locator(width < 560 ? 'svg.chart-wide' : 'svg.chart-narrow');
          expect(await chart.isVisible()).toBe(true);
          expect(await hidden.isVisible()).toBe(false);
          expect(await chart.getAttribute('role')).toBe('img');
          expect(await chart.locator('desc').textContent()).toMatch(/Monthly diary counts|No diary data/);
          expect(await chart.locator('rect.bar, rect.bar-partial').count()).toBeGreaterThan(0);
          expect(await chart.locator('circle.migraine-dot').count()).toBeGreaterThan(0);
          expect(await chart.locator('line.threshold').count()).toBe(1);
          const box = await chart.boundingBox();
          expect(box!.width).toBeGreaterThan(width < 560 ? 340 : 700);

          const criteriaRows = page.locator('#criteria-table tbody tr');
          expect(await criteriaRows.count()).toBe(5);
          expect(await criteriaRows.first().locator('th').isVisible()).toBe(true);

          const nav = page.locator('nav a');
          expect(await nav.count()).toBe(7);
          await page.locator('nav a[href="#criteria"]').click();
          expect(page.url().endsWith('#criteria')).toBe(true);
          await page.evaluate('window.scrollTo(0, 0)');

          const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
          expect(overflow).toBeLessThanOrEqual(0);
          expect(await page.content()).not.toContain(patientId);
          expect(errors).toEqual([]);
          await page.screenshot({ path: `${ARTIFACTS}/${patientId}-${width}.png`, fullPage: true });
        } finally {
          await page.close();
        }
      });
    }
  }

  test('on treatment: cycles are diamonds with the response verdict, trials are bars with their outcome', async () => {
    const { page } = await open(cardLinks.get('cm-non-responding')!, 1280);
    try {
      const chart = page.locator('svg.chart-wide');
      expect(await chart.locator('path.cycle').count()).toBeGreaterThanOrEqual(2);
      expect(await chart.locator('text.verdict').textContent()).toMatch(/^Response: /);
      expect(await chart.locator('rect.trial-failed, rect.trial-ongoing, rect.trial-unknown').count()).toBeGreaterThan(
        0,
      );
      expect(await chart.locator('text.trial-label').first().textContent()).toMatch(/: /);
    } finally {
      await page.close();
    }
  });

  test('prints on A4 with the wide chart and its colours', async () => {
    const { page } = await open(cardLinks.get('cm-responding')!, 1280);
    try {
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('svg.chart-wide').isVisible()).toBe(true);
      expect(await page.locator('nav').isVisible()).toBe(false);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      writeFileSync(`${ARTIFACTS}/cm-responding-a4.pdf`, pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(6);
    } finally {
      await page.close();
    }
  });
});
