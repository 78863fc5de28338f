import type { CodeableConcept } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { conceptMemo } from './concept-memo.ts';

const SNOMED = 'http://snomed.info/sct';
const concept = (code: unknown, extra: Partial<CodeableConcept> = {}): CodeableConcept =>
  ({ coding: [{ system: SNOMED, code, display: 'Migraine' }], ...extra }) as CodeableConcept;

describe('conceptMemo', () => {
  it('computes a concept once however many objects carry it', () => {
    const seen: CodeableConcept[] = [];
    const memo = conceptMemo((c) => {
      seen.push(c);
      return c.coding?.[0]?.code;
    });
    for (let i = 0; i < 50; i++) expect(memo(concept('37796009'))).toBe('37796009');
    expect(seen).toHaveLength(1);
  });

  it('tells apart what the computation can tell apart: text, display, value types, coding count', () => {
    let calls = 0;
    const memo = conceptMemo(() => ++calls);
    const variants: CodeableConcept[] = [
      concept('5'),
      concept(5),
      concept('5', { text: 'Migraine' }),
      { coding: [{ system: SNOMED, code: '5' }] },
      { coding: [{ system: SNOMED, code: '5', display: 'Migraine' }, {}] },
      { coding: [] },
      { text: '' },
    ];
    const first = variants.map((v) => memo(v));
    expect(new Set(first).size).toBe(variants.length);
    expect(variants.map((v) => memo(structuredClone(v)))).toEqual(first);
  });

  it('computes without the memo when an object sits where a scalar belongs', () => {
    let calls = 0;
    const memo = conceptMemo(() => ++calls);
    const odd = { coding: [{ system: { nested: true }, code: '1' }] } as unknown as CodeableConcept;
    memo(odd);
    memo(odd);
    expect(calls).toBe(2);
  });

  it('the recent concepts checked before the walk never answer for another concept', () => {
    let calls = 0;
    const memo = conceptMemo((c) => {
      calls++;
      return `${c.text ?? ''}|${c.coding?.map((x) => `${x.system}/${x.code}/${x.display}`).join(',')}`;
    });
    // More concepts than the recent ring holds, differing in one value each, visited over and over.
    const concepts: CodeableConcept[] = [
      concept('1'),
      concept('2'),
      concept('1', { text: 'a' }),
      { coding: [{ system: SNOMED, code: '1' }] },
      {
        coding: [
          { system: SNOMED, code: '1', display: 'Migraine' },
          { system: SNOMED, code: '1' },
        ],
      },
      { coding: [{ system: `${SNOMED}/`, code: '1', display: 'Migraine' }] },
    ];
    const expected = concepts.map(
      (c) => `${c.text ?? ''}|${c.coding?.map((x) => `${x.system}/${x.code}/${x.display}`).join(',')}`,
    );
    for (let round = 0; round < 5; round++) {
      for (const i of [0, 1, 0, 2, 3, 4, 5, 5, 1, 3]) expect(memo(structuredClone(concepts[i]!))).toBe(expected[i]);
    }
    expect(calls).toBe(concepts.length);
  });

  it('starts again empty when full', () => {
    let calls = 0;
    const memo = conceptMemo(() => ++calls, 3);
    for (const code of ['a', 'b', 'c', 'd']) memo(concept(code));
    memo(concept('a'));
    expect(calls).toBe(5);
  });
});
