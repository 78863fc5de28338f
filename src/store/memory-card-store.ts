import type { FeedbackEntry } from '../cds/schemas/feedback.ts';
import type { CardLogPurge, CardStore, FeedbackResult, InvocationRecord, PurgeResult } from './card-store.ts';
import { feedbackKey } from './feedback-key.ts';

/** Volatile store for tests and for runs that opt out of persistence. */
export function createMemoryCardStore(): CardStore &
  CardLogPurge & {
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
        const key = feedbackKey(serviceId, entry);
        if (seen.has(key)) {
          result.duplicates++;
          continue;
        }
        seen.add(key);
        const knownCard = invocations.some(
          (i) => i.serviceId === serviceId && i.cards.some((c) => c.uuid === entry.card),
        );
        if (!knownCard) result.unknownCards++;
        feedback.push({ serviceId, entry, receivedAt, knownCard });
        result.stored++;
      }
      return result;
    },
    async purgeCardLog(before): Promise<PurgeResult> {
      const cutoff = before.getTime();
      const keepInvocations = invocations.filter((i) => Date.parse(i.issuedAt) >= cutoff);
      const keepFeedback = feedback.filter((f) => Date.parse(f.receivedAt) >= cutoff);
      const result = {
        invocations: invocations.length - keepInvocations.length,
        feedback: feedback.length - keepFeedback.length,
      };
      invocations.splice(0, invocations.length, ...keepInvocations);
      feedback.splice(0, feedback.length, ...keepFeedback);
      return result;
    },
    async ping() {},
    async close() {},
  };
}
