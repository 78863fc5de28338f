import { z } from 'zod';
import { findingLabel } from '../../engine/findings/registry.ts';
import type { PolicyParameters } from '../../engine/policy/policy-schema.ts';
import raw from './card-texts.json' with { type: 'json' };

const textsSchema = z.object({
  source: z.string(),
  criteria: z.record(z.string(), z.string().min(1)),
  findings: z.record(z.string(), z.string().min(1)),
  basis: z.record(z.string(), z.string().min(1)),
  verdicts: z.record(z.string(), z.string().min(1)),
  toDocument: z.record(z.string(), z.string().min(1)),
});

export const CARD_TEXTS = textsSchema.parse(raw);

/** Labels with placeholders, filled, per policy (policies are never changed); keyed by the label's text. */
const filledByPolicy = new WeakMap<object, Map<string, string>>();
const NO_POLICY = {};

/**
 * A label from card-texts.json with `{parameter}` placeholders filled from the policy. A finding's label is its
 * module's (src/engine/findings/<finding>/); card-texts.json names the order checks.
 */
export function label(
  kind: 'criteria' | 'findings' | 'basis' | 'verdicts' | 'toDocument',
  id: string,
  policy?: PolicyParameters,
): string {
  const text = (kind === 'findings' ? findingLabel(id) : undefined) ?? CARD_TEXTS[kind][id] ?? id;
  if (!text.includes('{')) return text;
  let filled = filledByPolicy.get(policy ?? NO_POLICY);
  if (!filled) {
    filled = new Map();
    filledByPolicy.set(policy ?? NO_POLICY, filled);
  }
  let out = filled.get(text);
  if (out === undefined) {
    out = fill(text, policy);
    filled.set(text, out);
  }
  return out;
}

function fill(text: string, policy: PolicyParameters | undefined): string {
  return text.replace(/\{(\w+)\}/g, (_m, key: string) =>
    String((policy as Record<string, unknown> | undefined)?.[key] ?? key),
  );
}
