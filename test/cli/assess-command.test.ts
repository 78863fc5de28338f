import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fixturePanel } from '../../fhir-fixtures/index.ts';
import { main } from '../../src/cli/main.ts';

const E = new Date().toISOString().slice(0, 10);
const dir = mkdtempSync(join(tmpdir(), 'assess-'));

function bundleFile(patientId: string): string {
  const patient = fixturePanel(E).patients.find((p) => p.id === patientId)!;
  const file = join(dir, `${patientId}.json`);
  writeFileSync(file, JSON.stringify(patient.bundle));
  return file;
}

async function run(args: string[]) {
  let output = '';
  const code = await main(args, (s) => {
    output += s;
  });
  return { code, output };
}

test('assess prints the card for an exported Bundle', async () => {
  const { code, output } = await run(['assess', bundleFile('cm-candidate-daily'), '--date', E]);
  expect(code).toBe(0);
  expect(output).toMatch(/^INFO: Botox candidate for chronic migraine/);
  expect(output).toContain('| Criterion |');
});

test('assess --json gives the machine-readable assessment, and --policy changes it', async () => {
  const file = bundleFile('cm-medication-overuse');
  const byDefault = JSON.parse((await run(['assess', file, '--date', E, '--json'])).output);
  expect(byDefault.assessment.status).toBe('candidate');
  const strict = JSON.parse((await run(['assess', file, '--date', E, '--json', '--policy', 'payer-strict'])).output);
  expect(strict.assessment.status).toBe('not-eligible');
});

test('an out-of-scope patient gets no card', async () => {
  const { code, output } = await run(['assess', bundleFile('no-migraine'), '--date', E]);
  expect(code).toBe(0);
  expect(output).toMatch(/Out of scope/);
});

test('bad input: a clear message and exit code 2', async () => {
  const notJson = join(dir, 'bad.json');
  writeFileSync(notJson, '{not json');
  expect(await run(['assess', notJson])).toMatchObject({ code: 2, output: expect.stringMatching(/cannot read/) });
  expect(await run(['assess'])).toMatchObject({ code: 2 });
  expect(await run(['assess', bundleFile('cm-minor'), '--date', '23/11/2026'])).toMatchObject({ code: 2 });
  expect((await run(['nope'])).code).toBe(2);
});

test('assess --help prints the usage and exits 0', async () => {
  for (const help of ['--help', '-h']) {
    const { code, output } = await run(['assess', help]);
    expect(code).toBe(0);
    expect(output).toMatch(/^Usage: migraine-cds <command>/);
    expect(output).toContain('--patient <id>');
  }
});

test.each([
  ['an unknown option', ['--frobnicate'], /Unknown option '--frobnicate'/],
  ['an unknown policy', ['--policy', 'strict'], /unknown --policy "strict" \(known: .*payer-strict/],
  ['a time zone that does not exist', ['--tz', 'Mars/Olympus'], /--tz "Mars\/Olympus" is not an IANA time zone/],
  ['a month 13', ['--date', '2026-13-45'], /--date must be a calendar date/],
  ['30 February', ['--date', '2026-02-30'], /--date must be a calendar date/],
  ['a patient not in the bundle', ['--patient', 'nobody'], /^migraine-cds assess: no Patient nobody in the bundle$/],
])('%s: one line, exit code 2, no stack trace', async (_name, args, message) => {
  const { code, output } = await run(['assess', bundleFile('cm-candidate-daily'), ...args]);
  expect(code).toBe(2);
  expect(output.trimEnd().split('\n')).toHaveLength(1);
  expect(output.trimEnd()).toMatch(message);
  expect(output).not.toMatch(/\bat .*\(|\.ts:\d+/);
});
