import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exampleRequests } from '../../cds-hooks/example-requests.ts';
import { CHROMIUM, hasChromium, launchChromium } from '../../scripts/gallery/launch-chromium.ts';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log/logger.ts';

const ARTIFACTS = 'test-artifacts/prior-auth';
const E = '2026-11-23';
/** One initial and one continuation request. */
const PATIENTS = [
  ['cm-candidate-daily', 'Initial request'],
  ['cm-responding', 'Continuation request'],
] as const;
const FORMATS = ['A4', 'Letter'] as const;

const chromiumInstalled = hasChromium();
if (!chromiumInstalled)
  console.warn(`prior-auth browser test skipped: ${CHROMIUM} is not installed (.ci/setup-system installs it)`);

/** Pages in a PDF: counted from its page objects (chromium writes one `/Type /Page` per page). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

describe.skipIf(!chromiumInstalled)('printable prior-authorization summary in Debian chromium', () => {
  let browser: Browser;
  let close: () => Promise<void>;
  let base = '';
  const links = new Map<string, string>();

  beforeAll(async () => {
    let handler: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    const server = serve({ port: 0, hostname: '127.0.0.1', fetch: (req) => handler(req) });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_BASE_URL: base, EMBEDDED_FHIR: 'off', EVALUATION_DATE: E });
    const app = createApp(await buildDeps(config, { logger: silentLogger }));
    handler = (req) => app.fetch(req);
    close = () => new Promise((resolve) => server.close(() => resolve()));

    for (const r of exampleRequests(E).filter((x) => PATIENTS.some(([id]) => x.file === `patient-view/${id}.json`))) {
      const res = await fetch(`${base}/cds-services/botox-candidacy`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(r.body),
      });
      const body = (await res.json()) as { cards: { links?: { url: string }[] }[] };
      const link = body.cards[0]?.links?.find((l) => l.url.includes('/prior-auth/'));
      if (link) links.set(r.patientId, link.url);
    }

    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  test.each(PATIENTS.flatMap(([id, request]) => FORMATS.map((format) => [id, request, format] as const)))(
    '%s (%s) prints on %s: one column, nothing cut at the right edge, no console error',
    async (id, request, format) => {
      const url = links.get(id);
      expect(url, `card link for ${id}`).toBeDefined();
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url!);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.subtitle').textContent()).toBe(request);
      // Nothing wider than the printable area of the narrower paper (A4: 210 mm less 2 x 13 mm margins = 184 mm).
      const printable = Math.floor((184 / 25.4) * 96);
      await page.setViewportSize({ width: printable, height: 1000 });
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(overflow).toBeLessThanOrEqual(0);
      const pdf = await page.pdf({ format, printBackground: true, preferCSSPageSize: true });
      const file = `${ARTIFACTS}/${id}-${format}.pdf`;
      writeFileSync(file, pdf);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = pdfPageCount(pdf);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(6);
      expect(errors).toEqual([]);
      await page.close();
    },
    60_000,
  );
});
