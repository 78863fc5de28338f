import type { Assessment } from '../engine/assessment.ts';

export type PriorAuthKind = 'initial' | 'continuation';

/**
 * Which summary the card offers (clinical-rules 11, item 18): a continuation request on every on-treatment card,
 * whatever the verdict; an initial request for candidate, incomplete, and not-eligible when every unmet item is a
 * `coverage` criterion or a finding the policy blocks on; none for contraindicated or an unmet `label`/`ichd3`
 * criterion.
 */
export function priorAuthKind(a: Pick<Assessment, 'status' | 'criteria'>): PriorAuthKind | undefined {
  switch (a.status) {
    case 'on-treatment':
      return 'continuation';
    case 'candidate':
    case 'incomplete':
      return 'initial';
    case 'not-eligible': {
      // A criterion tagged both coverage and label (or ICHD-3) is a label criterion: never offered then.
      const unmet = a.criteria.filter((c) => c.status === 'unmet');
      return unmet.every((c) => c.basis.every((b) => b === 'coverage')) ? 'initial' : undefined;
    }
    default:
      return undefined;
  }
}
