import { expect, test } from 'vitest';
import { label } from '../../../src/cds/cards/card-texts.ts';
import { FINDING_MODULES, findingLabel } from '../../../src/engine/findings/registry.ts';
import { FINDING_IDS } from '../../../src/engine/policy/policy-schema.ts';
import { allValueSets } from '../../../src/engine/terminology/value-sets.ts';

test('the registry holds one module per finding id, each id once', () => {
  expect([...FINDING_MODULES.map((m) => m.id)].sort()).toEqual([...FINDING_IDS].sort());
});

test('every module names its label, severity and source', () => {
  for (const m of FINDING_MODULES) {
    expect(m.label.length, m.id).toBeGreaterThan(3);
    expect(['contraindication', 'caution']).toContain(m.severity);
    expect(m.source, m.id).toMatch(/clinical-rules|PI|ICHD/);
  }
});

test("cards take a finding's label from its module; order checks keep theirs", () => {
  expect(label('findings', 'neuromuscular-disorder')).toBe(findingLabel('neuromuscular-disorder'));
  expect(label('findings', 'cumulative-dose')).toBe('Cumulative toxin dose');
});

test("a finding's own value sets are loaded from its folder", () => {
  for (const id of ['neuromuscular-disorder', 'post-injection-effects', 'injection-site-infection', 'delivery'])
    expect(allValueSets().has(id), id).toBe(true);
});
