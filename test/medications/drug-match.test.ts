import { expect, test } from 'vitest';
import { medicationTerminology } from '../../src/engine/medications/drug-catalog.ts';
import { matchDrugs, matchIngredients, namesDrug } from '../../src/engine/medications/drug-match.ts';
import { routeCategory } from '../../src/engine/medications/medication-route.ts';
import { classifyToxinProduct } from '../../src/engine/toxin/toxin-product.ts';

const ingredient = (id: string) => medicationTerminology().drugs.ingredients.find((i) => i.id === id)!;
/** Padding that pushes a text past the length from which texts are matched without the memos. */
const LONG = ' with a long free-text note'.repeat(10);

test('a text names the same drugs, in catalogue order, whether the memo holds it or it is too long for the memo', () => {
  const text = 'Treximet (sumatriptan and naproxen sodium), then topiramate';
  const short = matchIngredients([{ text }]).map((m) => [m.drug.id, m.matchedBy]);
  expect(short).toEqual([
    ['topiramate', 'name'],
    ['sumatriptan', 'name'],
    ['naproxen', 'name'],
  ]);
  expect(matchIngredients([{ text }]).map((m) => [m.drug.id, m.matchedBy])).toEqual(short);
  expect(matchIngredients([{ text: text + LONG }]).map((m) => [m.drug.id, m.matchedBy])).toEqual(short);
});

test('namesDrug is matchDrugs on that one drug', () => {
  const topiramate = ingredient('topiramate');
  for (const concept of [{ text: 'Topamax 25 mg' }, { text: 'propranolol' }, { text: `topiramate${LONG}` }]) {
    expect(namesDrug([concept], topiramate)).toBe(matchDrugs([concept], [topiramate]).length > 0);
  }
  expect(namesDrug([{ text: 'Topamax 25 mg' }], topiramate)).toBe(true);
});

test('route words and toxin names read the same in long texts as in short ones', () => {
  expect(routeCategory([{ text: `ophthalmic${LONG}` }], [])).toBe(routeCategory([{ text: 'ophthalmic' }], []));
  expect(routeCategory([], [{ text: `intravenous infusion${LONG}` }])).toBe('parenteral-or-inhaled');
  for (const text of ['Botox Cosmetic 50 units', 'Cosmetic BOTOX', 'BOTOX 200 Units vial', 'Dysport']) {
    expect(classifyToxinProduct({ text: text + LONG })).toEqual(classifyToxinProduct({ text }));
  }
  expect(classifyToxinProduct({ text: `Cosmetic BOTOX${LONG}` })).toBeUndefined();
});
