import { exampleRequests } from '../../cds-hooks/example-requests.ts';
import { createApp } from '../../src/app.ts';
import { buildDeps } from '../../src/build-deps.ts';
import type { Card } from '../../src/cds/schemas/response.ts';
import { loadConfig } from '../../src/config.ts';
import { createMemoryLogger } from '../../src/log/logger.ts';

const BASE_URL = 'http://gallery.local';

/** One card of the gallery: the request it answers (hook, patient, scenario) and the card itself. */
export interface GalleryCard {
  /** A file-safe name: `<hook>--<scenario or patient>` (a second card of one request gets `-2`). */
  name: string;
  hook: string;
  patientId: string;
  /** What the fixture or scenario expects, in plain words. */
  expect: string;
  card: Card;
}

/**
 * Every card the service answers for the fixture panel at E: one patient-view per fixture patient and the order-select
 * and order-sign scenarios of cds-hooks/ (the requests `npm run cds-hooks:generate` writes), answered in-process by
 * the real app with test configuration (no authentication, no database, no network).
 */
export async function collectGalleryCards(evaluationDate: string): Promise<GalleryCard[]> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: BASE_URL,
    EMBEDDED_FHIR: 'off',
    EVALUATION_DATE: evaluationDate,
  });
  const app = createApp(await buildDeps(config, { logger: createMemoryLogger() }));
  const out: GalleryCard[] = [];
  // The request that names a FHIR server would need one running; its card is the prefetch one's.
  for (const r of exampleRequests(evaluationDate).filter((x) => !('fhirServer' in x.body))) {
    const service = r.hook === 'patient-view' ? 'botox-candidacy' : `botox-${r.hook}`;
    const res = await app.request(`${BASE_URL}/cds-services/${service}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(r.body),
    });
    if (res.status !== 200) throw new Error(`${r.file}: HTTP ${res.status}`);
    const { cards } = (await res.json()) as { cards: Card[] };
    const base = `${r.hook}--${r.file.replace(/^.*\//, '').replace(/\.json$/, '')}`;
    cards.forEach((card, i) => {
      out.push({ name: i ? `${base}-${i + 1}` : base, hook: r.hook, patientId: r.patientId, expect: r.expect, card });
    });
  }
  return out;
}
