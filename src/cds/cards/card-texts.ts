import { z } from 'zod';
import { findingLabel } from '../../engine/findings/registry.ts';
import type { PolicyParameters } from '../../engine/policy/policy-schema.ts';
import type { FindingId } from '../../engine/types.ts';
import raw from './card-texts.json' with { type: 'json' };

const texts = z.record(z.string(), z.string().min(1));
const reasons = z.array(z.object({ code: z.string().min(1), display: z.string().min(1) })).min(1);

const textsSchema = z.object({
  source: z.string(),
  criteria: texts,
  findings: texts,
  basis: texts,
  verdicts: texts,
  results: texts,
  evidenceNames: texts,
  severities: texts,
  summaries: texts,
  notIndicated: texts,
  stepTherapy: texts,
  blocking: texts,
  firstToDocument: texts,
  response: texts,
  cautionRanking: z.array(z.string().min(1)),
  boxedWarning: z.string().min(1),
  overrideReasons: z.object({ contraindicated: reasons, other: reasons }),
});

export const CARD_TEXTS = textsSchema.parse(raw);

type TextKind = Exclude<keyof typeof CARD_TEXTS, 'source' | 'cautionRanking' | 'boxedWarning' | 'overrideReasons'>;

/** Labels with placeholders, filled, per policy (policies are never changed); keyed by the label's text. */
const filledByPolicy = new WeakMap<object, Map<string, string>>();
const NO_POLICY = {};

/**
 * A label from card-texts.json with `{parameter}` placeholders filled from the policy. A finding's label is its
 * module's (src/engine/findings/<finding>/); card-texts.json names the order checks.
 */
export function label(
  kind: 'criteria' | 'findings' | 'basis' | 'verdicts',
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
    out = fill(text, policy as Record<string, unknown> | undefined);
    filled.set(text, out);
  }
  return out;
}

/**
 * A card text (summary patterns and phrases of clinical-rules 8) with its `{name}` placeholders filled from
 * `values`, then from the policy's parameters (`{minAge}`).
 */
export function cardText(
  kind: TextKind,
  key: string,
  values: Record<string, string | number> = {},
  policy?: PolicyParameters,
): string {
  const text = CARD_TEXTS[kind][key];
  if (text === undefined) throw new Error(`card-texts.json has no ${kind}.${key}`);
  return fill(text, { ...(policy as Record<string, unknown> | undefined), ...values });
}

/** Where a caution ranks for the summary (clinical-rules 11.17): lower first; unranked ones last. */
export function cautionRank(id: FindingId): number {
  const i = CARD_TEXTS.cautionRanking.indexOf(id);
  return i < 0 ? CARD_TEXTS.cautionRanking.length : i;
}

function fill(text: string, values: Record<string, unknown> | undefined): string {
  return text.replace(/\{(\w+)\}/g, (_m, key: string) => String(values?.[key] ?? key));
}
