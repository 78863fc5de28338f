import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { refOf } from './reference.ts';

const r = (resourceType: unknown, id: unknown) => ({ resourceType, id }) as unknown as Resource;

describe('refOf cites only well-formed ids', () => {
  it('takes FHIR ids of 1-64 letters, digits, "-" and "." on a resource type of letters', () => {
    expect(refOf(r('Observation', 'bench-1-d9.a'))).toBe('Observation/bench-1-d9.a');
    expect(refOf(r('Observation', 'x'.repeat(64)))).toBe(`Observation/${'x'.repeat(64)}`);
    for (const id of ['x'.repeat(65), 'a b', 'a/b', 'é', 'a\n', '', undefined])
      expect(refOf(r('Observation', id))).toBeUndefined();
    for (const type of ['Obs1', '', 'Obs ervation', 'A'.repeat(65)]) expect(refOf(r(type, 'a'))).toBeUndefined();
    expect(refOf(undefined)).toBeUndefined();
  });

  it('reads values that are not strings as text, as the id pattern does', () => {
    expect(refOf(r('Observation', 12))).toBe('Observation/12');
    expect(refOf(r('Observation', ['ab']))).toBe('Observation/ab');
    expect(refOf(r('Observation', { id: 1 }))).toBeUndefined();
  });
});
