import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { collectGalleryCards } from '../../scripts/gallery/collect-cards.ts';
import { ASSESSMENT_EXTENSION } from '../../src/cds/card-log-summary.ts';
import {
  assessmentExtensionSchema,
  BASES,
  CRITERION_IDS,
  CRITERION_STATUSES,
  FINDING_SEVERITIES,
  ORDER_FINDING_IDS,
  STATUSES,
  VERDICTS,
} from '../../src/cds/cards/assessment-extension-schema.ts';
import { main } from '../../src/cli/main.ts';
import { FINDING_IDS } from '../../src/engine/policy/policy-schema.ts';

const E = new Date().toISOString().slice(0, 10);
const doc = readFileSync(new URL('../../docs/assessment-extension.md', import.meta.url), 'utf8');

/** Every key path of a zod object schema ("treatment.response.verdict", "criteria[].id"). */
function fieldPaths(schema: z.ZodType, prefix = ''): string[] {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  if (inner instanceof z.ZodArray) return fieldPaths(inner.element as z.ZodType, `${prefix}[]`);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...fieldPaths(value as z.ZodType, path)];
  });
}

describe('docs/assessment-extension.md and the schema stay in step (issue 18 item 6)', () => {
  test.each(fieldPaths(assessmentExtensionSchema))('field `%s` is documented', (path) => {
    expect(doc).toContain(`\`${path}\``);
  });

  const enums = {
    status: STATUSES,
    'criterion id': CRITERION_IDS,
    'criterion status': CRITERION_STATUSES,
    basis: BASES,
    'finding id': [...FINDING_IDS, ...ORDER_FINDING_IDS],
    'finding severity': FINDING_SEVERITIES,
    verdict: VERDICTS,
  };
  test.each(Object.entries(enums))('every %s value is documented', (_kind, values) => {
    for (const v of values) expect(doc, v).toContain(`\`${v}\``);
  });

  test('every fixture card (patient-view and orders) carries an extension the schema accepts', async () => {
    const cards = await collectGalleryCards(E);
    expect(cards.length).toBeGreaterThan(20);
    for (const { name, card } of cards) {
      const parsed = assessmentExtensionSchema.safeParse(card.extension?.[ASSESSMENT_EXTENSION]);
      expect(parsed.error?.issues, name).toBeUndefined();
    }
  });

  test("the CLI's --json `assessment` is the card's extension value", async () => {
    const patient = fixturePanel(E).patients.find((p) => p.id === 'cm-caution-myasthenia')!;
    const file = join(mkdtempSync(join(tmpdir(), 'ext-doc-')), 'bundle.json');
    writeFileSync(file, JSON.stringify(patient.bundle));
    let output = '';
    expect(await main(['assess', file, '--date', E, '--json'], (s) => (output += s))).toBe(0);
    const json = JSON.parse(output);
    expect(json.inScope).toBe(true);
    expect(json.assessment).toEqual(json.card.extension[ASSESSMENT_EXTENSION]);
    expect(assessmentExtensionSchema.parse(json.assessment).findings?.[0]?.id).toBe('neuromuscular-disorder');
  });
});
