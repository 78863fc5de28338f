import { z } from 'zod';
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

/** A label from card-texts.json with `{parameter}` placeholders filled from the policy. */
export function label(
  kind: 'criteria' | 'findings' | 'basis' | 'verdicts' | 'toDocument',
  id: string,
  policy?: PolicyParameters,
): string {
  const text = CARD_TEXTS[kind][id] ?? id;
  return text.replace(/\{(\w+)\}/g, (_m, key: string) =>
    String((policy as Record<string, unknown> | undefined)?.[key] ?? key),
  );
}
