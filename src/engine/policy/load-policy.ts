import defaultPolicy from '../../policies/default.json' with { type: 'json' };
import niceTa260 from '../../policies/nice-ta260.json' with { type: 'json' };
import payerStrict from '../../policies/payer-strict.json' with { type: 'json' };
import { type Policy, policySchema } from './policy-schema.ts';

const RAW: Record<string, unknown> = { default: defaultPolicy, 'payer-strict': payerStrict, 'nice-ta260': niceTa260 };

export const POLICY_IDS = Object.keys(RAW);

/** Loads and validates a shipped policy profile by id; throws with the problems named when it is invalid. */
export function loadPolicy(id: string): Policy {
  const raw = RAW[id];
  if (!raw) throw new Error(`Unknown policy "${id}" (known: ${POLICY_IDS.join(', ')})`);
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Policy "${id}" is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  if (parsed.data.id !== id) throw new Error(`Policy file for "${id}" declares id "${parsed.data.id}"`);
  return parsed.data;
}
