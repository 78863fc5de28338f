import { expect, test } from 'vitest';
import { medicationTerminology, parseCatalog } from '../../src/engine/medications/drug-catalog.ts';
import { drugCatalogSchema } from '../../src/engine/medications/drug-catalog-schema.ts';
import { toxinCatalog } from '../../src/engine/toxin/toxin-catalog.ts';

test('every medication and toxin terminology file loads and validates', () => {
  const t = medicationTerminology();
  expect(t.drugs.ingredients.filter((i) => i.role === 'preventive').map((i) => i.class)).toEqual(
    expect.arrayContaining([
      'antiepileptic',
      'beta-blocker',
      'antidepressant',
      'calcium-channel-blocker',
      'angiotensin',
      'cgrp-pathway',
    ]),
  );
  expect(t.neuromuscular.drugs.some((d) => d.group === 'aminoglycoside' && d.activeWindowDays === 14)).toBe(true);
  expect(toxinCatalog().procedures.find((p) => p.code === '64615')?.kind).toBe('chronic-migraine');
});

test('every entry carries a source and a verify flag', () => {
  const t = medicationTerminology();
  const entries = [
    ...t.drugs.ingredients,
    ...t.neuromuscular.drugs,
    ...t.routes.routes,
    ...t.outcomes.codes,
    ...t.outcomes.text,
    ...toxinCatalog().products,
    ...toxinCatalog().procedures,
  ];
  for (const e of entries) {
    expect(e.source.length).toBeGreaterThan(0);
    expect(typeof e.verify).toBe('boolean');
  }
});

test('a bad file fails at load with the problem named', () => {
  const bad = {
    title: 't',
    source: ['s'],
    classes: [{ id: 'beta-blocker', role: 'preventive' }],
    ingredients: [
      {
        id: 'x',
        name: 'x',
        class: 'nope',
        role: 'preventive',
        codes: [],
        productCodes: [],
        names: ['xx'],
        brands: [],
        source: ['s'],
        verify: true,
      },
    ],
  };
  expect(() => parseCatalog('drug-classes.json', drugCatalogSchema, bad)).toThrow(/ingredients\.0\.class/);
  expect(() =>
    parseCatalog('drug-classes.json', drugCatalogSchema, {
      ...bad,
      ingredients: [{ ...bad.ingredients[0], class: 'beta-blocker', source: [] }],
    }),
  ).toThrow(/source/);
});
