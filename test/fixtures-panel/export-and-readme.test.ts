import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const tmp = mkdtempSync(resolve(tmpdir(), 'fixtures-cli-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('`npm run fixtures:export -- <dir> --date` writes one transaction Bundle per patient and panel.json', async () => {
  const out = resolve(tmp, 'export');
  await run(process.execPath, ['--import', 'tsx', 'scripts/fixtures-export.ts', out, '--date', '2026-11-23'], {
    cwd: ROOT,
  });
  const { patients } = fixturePanel('2026-11-23');
  expect(readdirSync(out).sort()).toEqual([...patients.map((p) => `${p.id}.json`), 'panel.json'].sort());
  const daily = JSON.parse(readFileSync(resolve(out, 'cm-candidate-daily.json'), 'utf8'));
  expect(daily).toEqual(patients.find((p) => p.id === 'cm-candidate-daily')!.bundle);
  const panel = JSON.parse(readFileSync(resolve(out, 'panel.json'), 'utf8'));
  expect(panel.evaluationDate).toBe('2026-11-23');
  expect(panel.patients.map((p: { id: string }) => p.id)).toEqual(patients.map((p) => p.id));
});

test('`npm run fixtures:export` without a directory exits 2 with the usage', async () => {
  await expect(
    run(process.execPath, ['--import', 'tsx', 'scripts/fixtures-export.ts'], { cwd: ROOT }),
  ).rejects.toMatchObject({
    code: 2,
  });
});

test('`npm run cds-hooks:generate -- --date --out` writes the requests and their manifest', async () => {
  const out = resolve(tmp, 'requests');
  await run(process.execPath, ['--import', 'tsx', 'cds-hooks/generate.ts', '--date', '2027-01-15', '--out', out], {
    cwd: ROOT,
  });
  const manifest = JSON.parse(readFileSync(resolve(out, 'manifest.json'), 'utf8'));
  expect(manifest.evaluationDate).toBe('2027-01-15');
  expect(readdirSync(out).sort()).toEqual(
    ['manifest.json', 'order-select', 'order-sign', 'patient-view', 'patient-view-fhir-server'].sort(),
  );
});

test('the fixture table (docs/fixtures.md) lists every patient with its expected status', () => {
  const readme = readFileSync(resolve(ROOT, 'docs/fixtures.md'), 'utf8');
  for (const p of fixturePanel('2026-11-23').patients) {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${p.id}\` |`));
    expect(row, p.id).toBeDefined();
    expect(row).toContain(p.situation);
    expect(row).toContain(p.expected.outOfScope ? 'no card' : `**${p.expected.status}**`);
    for (const f of p.expected.findings ?? []) expect(row).toContain(`\`${f}\``);
    if (p.expected.response) expect(row).toContain(`\`${p.expected.response}\``);
  }
});
