import { createHash } from 'node:crypto';
import type { FeedbackEntry } from '../cds/schemas/feedback.ts';

/**
 * The idempotency key of a feedback entry: the same feedback sent twice (a retry, a replayed batch) has the same key.
 * The timestamp is normalised to the instant (`+00:00` and `Z` agree) and accepted suggestions are order-free.
 */
export function feedbackKey(serviceId: string, entry: FeedbackEntry): string {
  const canonical = JSON.stringify([
    serviceId,
    entry.card,
    entry.outcome,
    new Date(entry.outcomeTimestamp).toISOString(),
    (entry.acceptedSuggestions ?? []).map((s) => s.id).sort(),
    entry.overrideReason?.reason?.system ?? null,
    entry.overrideReason?.reason?.code ?? null,
    entry.overrideReason?.userComment ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('base64url');
}
