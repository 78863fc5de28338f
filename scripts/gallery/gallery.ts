import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { collectGalleryCards } from './collect-cards.ts';
import { hasChromium, launchChromium } from './launch-chromium.ts';
import { cardPage, indexPage, PANEL } from './render-card.ts';

/**
 * `npm run gallery -- [--date YYYY-MM-DD] [--out dir]`: every card of the fixture panel (patient-view for each fixture
 * patient, order-select and order-sign for each order scenario) rendered as the CDS Hooks sandbox shows it, in a
 * 480 px panel of Debian chromium: one HTML page and one full-length PNG per card, and index.html. Defaults: today
 * (UTC) and gallery/ (git-ignored).
 */
async function main() {
  const { values } = parseArgs({ options: { date: { type: 'string' }, out: { type: 'string' } } });
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    process.stderr.write('gallery: --date must be YYYY-MM-DD\n');
    return 2;
  }
  if (!hasChromium()) {
    process.stderr.write('gallery: /usr/bin/chromium is not installed (apt-get install chromium)\n');
    return 2;
  }
  const out = resolve(values.out ?? 'gallery');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const entries = await collectGalleryCards(date);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: PANEL.width, height: PANEL.firstScreen } });
    for (const entry of entries) {
      const file = join(out, `${entry.name}.html`);
      writeFileSync(file, cardPage(entry));
      await page.goto(`file://${file}`);
      await page.screenshot({ path: join(out, `${entry.name}.png`), fullPage: true });
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(out, 'index.html'), indexPage(entries, date));
  process.stdout.write(`Wrote ${entries.length} cards for ${date} to ${join(out, 'index.html')}\n`);
  return 0;
}

process.exitCode = await main();
