import type { FeedbackEntry } from '../cds/schemas/feedback.ts';
import type { CardStore, FeedbackResult, InvocationRecord } from './card-store.ts';

/** Volatile store for tests and for runs that opt out of persistence. */
export function createMemoryCardStore(): CardStore & {
  invocations: InvocationRecord[];
  feedback: { serviceId: string; entry: FeedbackEntry; receivedAt: string; knownCard: boolean }[];
} {
  const invocations: InvocationRecord[] = [];
  const feedback: { serviceId: string; entry: FeedbackEntry; receivedAt: string; knownCard: boolean }[] = [];
  const seen = new Set<string>();
  return {
    invocations,
    feedback,
    async recordInvocation(record) {
      invocations.push(record);
    },
    async recordFeedback(serviceId, entries, receivedAt): Promise<FeedbackResult> {
      const result = { stored: 0, duplicates: 0, unknownCards: 0 };
      for (const entry of entries) {
        const key = JSON.stringify([serviceId, entry.card, entry.outcome, entry.outcomeTimestamp]);
        if (seen.has(key)) {
          result.duplicates++;
          continue;
        }
        seen.add(key);
        const knownCard = invocations.some((i) => i.cards.some((c) => c.uuid === entry.card));
        if (!knownCard) result.unknownCards++;
        feedback.push({ serviceId, entry, receivedAt, knownCard });
        result.stored++;
      }
      return result;
    },
    async ping() {},
    async close() {},
  };
}
