import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { renderClinicalDataDoc } from '../../scripts/docs/clinical-data-doc.ts';

const ROOT = resolve(import.meta.dirname, '../..');

test('docs/clinical-data.md is what the data files say (run `npm run docs:data` after changing one)', () => {
  expect(readFileSync(resolve(ROOT, 'docs/clinical-data.md'), 'utf8')).toBe(renderClinicalDataDoc());
});

test('the data reference lists every policy parameter and a code of every value set', () => {
  const doc = renderClinicalDataDoc();
  const policy = JSON.parse(readFileSync(resolve(ROOT, 'src/policies/default.json'), 'utf8'));
  for (const name of Object.keys(policy.parameters)) expect(doc).toContain(`| \`${name}\` |`);
  const neuromuscular = JSON.parse(
    readFileSync(resolve(ROOT, 'src/terminology/value-sets/neuromuscular-disorder.json'), 'utf8'),
  );
  for (const entry of neuromuscular.include) expect(doc).toContain(`\`${entry.code}`);
});
