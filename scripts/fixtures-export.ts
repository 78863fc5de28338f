import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fixturePanel } from '../fhir-fixtures/index.ts';

/**
 * `npm run fixtures:export -- <dir> [--date YYYY-MM-DD]`: writes each fixture patient as a FHIR R4 transaction
 * Bundle (`<dir>/<id>.json`, loadable with `POST [base]` into any R4 server) and `<dir>/panel.json`, the list of
 * patients with their situation and expected result. The date defaults to today (UTC).
 */
function main() {
  const { values, positionals } = parseArgs({ options: { date: { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir || positionals.length > 1) {
    process.stderr.write('usage: npm run fixtures:export -- <dir> [--date YYYY-MM-DD]\n');
    process.exit(2);
  }
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  const { patients } = fixturePanel(date);
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  for (const p of patients) writeFileSync(resolve(out, `${p.id}.json`), `${JSON.stringify(p.bundle, null, 2)}\n`);
  const index = {
    evaluationDate: date,
    patients: patients.map(({ id, situation, expected }) => ({ id, situation, expected, file: `${id}.json` })),
  };
  writeFileSync(resolve(out, 'panel.json'), `${JSON.stringify(index, null, 2)}\n`);
  process.stdout.write(`Wrote ${patients.length} patient bundles for ${date} to ${out}\n`);
}

main();
