import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectGalleryCards, type GalleryCard } from '../../scripts/gallery/collect-cards.ts';
import { hasChromium, launchChromium } from '../../scripts/gallery/launch-chromium.ts';
import { cardPage, PANEL } from '../../scripts/gallery/render-card.ts';
import { ASSESSMENT_EXTENSION } from '../../src/cds/card-log-summary.ts';
import { findingName } from '../../src/cds/cards/candidacy-summary.ts';
import { cautionRank } from '../../src/cds/cards/card-texts.ts';
import type { FindingResult } from '../../src/engine/types.ts';

const E = new Date().toISOString().slice(0, 10);

interface Ext {
  status?: string;
  findings?: { id: FindingResult['id']; severity: string }[];
  treatment?: { nextEligible: string; due: boolean; overdue: boolean; response: { verdict: string } };
}

const VERDICT_WORDS: Record<string, string> = {
  responding: 'responding',
  partial: 'partial response',
  'non-responding': 'not responding',
};
const STATUS_WORDS: Record<string, RegExp> = {
  candidate: /candidate|order supported/i,
  'not-eligible': /not indicated|step therapy not yet met|not yet/i,
  incomplete: /undecided/i,
};

/**
 * What a clinician must see without scrolling (issue 18 item 3): the contraindication, the most severe caution by
 * name, the due date and the verdict, or else the status in words. Worked out from the machine-readable extension,
 * not from the card's own text.
 */
function decisive(card: GalleryCard['card']): (string | RegExp)[] {
  const ext = card.extension?.[ASSESSMENT_EXTENSION] as Ext;
  const findings = ext.findings ?? [];
  const out: (string | RegExp)[] = [];
  for (const f of findings.filter((x) => x.severity === 'contraindication')) out.push(findingName(f as FindingResult));
  const cautions = findings
    .filter((f) => f.severity === 'caution')
    .sort((a, b) => cautionRank(a.id) - cautionRank(b.id));
  if (cautions[0]) out.push(findingName(cautions[0] as FindingResult));
  const t = ext.treatment;
  if (t) {
    if (!t.due && !t.overdue) out.push(t.nextEligible);
    else out.push(/due now|overdue|due since/);
    if (VERDICT_WORDS[t.response.verdict]) out.push(VERDICT_WORDS[t.response.verdict]!);
  }
  if (!out.length && ext.status && STATUS_WORDS[ext.status]) out.push(STATUS_WORDS[ext.status]!);
  return out;
}

/** The bottom of the first piece of rendered text that matches, in px from the top of the page; undefined when none. */
async function topOf(page: Page, wanted: string | RegExp): Promise<number | undefined> {
  const source = typeof wanted === 'string' ? wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : wanted.source;
  // A string, as the page runs it (the project's TypeScript has no DOM types).
  const script = `(() => {
    const re = new RegExp(${JSON.stringify(source)}, 'i');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const match = re.exec(node.textContent ?? '');
      if (!match) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      return range.getBoundingClientRect().bottom + window.scrollY;
    }
    return null;
  })()`;
  const bottom = (await page.evaluate(script)) as number | null;
  return bottom ?? undefined;
}

describe.skipIf(!hasChromium())('card gallery in Debian chromium, 480 px panel (issue 18 item 3)', async () => {
  const cards = await collectGalleryCards(E);
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: PANEL.width, height: PANEL.firstScreen } });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('every fixture patient and order scenario has its card', () => {
    expect(cards.filter((c) => c.hook === 'patient-view').length).toBeGreaterThanOrEqual(17);
    expect(cards.filter((c) => c.hook !== 'patient-view').length).toBeGreaterThanOrEqual(8);
  });

  test.each(cards.map((c) => [c.name, c] as const))('%s', async (_name, entry) => {
    const { card } = entry;
    expect(card.summary.length).toBeLessThanOrEqual(140);
    expect(card.summary).not.toMatch(/…$/);
    await page.setContent(cardPage(entry));
    // Nothing wider than the panel: no horizontal scrolling.
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PANEL.width);
    const wanted = decisive(card);
    expect(wanted.length).toBeGreaterThan(0);
    for (const w of wanted) {
      const bottom = await topOf(page, w);
      expect(bottom, `${String(w)} is shown`).toBeDefined();
      expect(bottom!, `${String(w)} is on the first screen`).toBeLessThanOrEqual(PANEL.firstScreen);
    }
  });
});
