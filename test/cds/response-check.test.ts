import { describe, expect, test } from 'vitest';
import { checkCdsResponse, findEmptyValues } from '../../src/cds/schemas/response.ts';

describe('the response check rejects what CDS Hooks validators reject', () => {
  test('an empty card list is a valid response', () => {
    expect(checkCdsResponse({ cards: [] })).toEqual([]);
  });

  test('null, empty strings, empty lists and empty objects are reported by path', () => {
    const response = {
      cards: [{ summary: '', detail: null, suggestions: [], extension: { 'org.x.y': {} }, links: [{ label: 'a' }] }],
      systemActions: [],
    };
    expect(findEmptyValues(response)).toEqual([
      '$.cards[0].summary',
      '$.cards[0].detail',
      '$.cards[0].suggestions',
      '$.cards[0].extension.org.x.y',
      '$.systemActions',
    ]);
  });

  test('undefined fields are absent, not empty', () => {
    expect(findEmptyValues({ cards: [{ summary: 'x', detail: undefined }] })).toEqual([]);
  });

  test('an object holding only undefined fields still counts as not empty (it has keys)', () => {
    expect(findEmptyValues({ cards: [], a: { b: undefined } })).toEqual([]);
  });

  test('nested empty lists below cards are reported', () => {
    expect(findEmptyValues({ cards: [{ suggestions: [{ actions: [] }] }] })).toEqual([
      '$.cards[0].suggestions[0].actions',
    ]);
  });

  test('a card with an empty summary fails both the schema and the empty-value rule', () => {
    const problems = checkCdsResponse({
      cards: [{ uuid: 'a6f1f0e2-1c1e-4a5b-9d5e-2f0f6b1e1a11', summary: '', indicator: 'info', source: { label: 'x' } }],
    });
    expect(problems.some((p) => p.startsWith('cards.0.summary'))).toBe(true);
    expect(problems).toContain('$.cards[0].summary: empty value');
  });
});
