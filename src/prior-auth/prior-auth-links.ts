import { z } from 'zod';
import type { Logger } from '../log/logger.ts';
import { redactPatientId } from '../timeline/redact-patient-id.ts';
import type { TimelineStore } from '../timeline/timeline-store.ts';
import { isTimelineToken, newTimelineToken, timelineKey } from '../timeline/timeline-token.ts';
import type { PriorAuthSummary } from './prior-auth-summary.ts';

const line = z.object({ text: z.string(), evidence: z.array(z.string()) });

/** What a stored summary may hold: checked when stored and again when read back (a shared store is outside us). */
export const priorAuthSummarySchema = z.object({
  kind: z.enum(['initial', 'continuation']),
  title: z.string(),
  request: z.string(),
  evaluationDate: z.iso.date(),
  assessedAt: z.string(),
  policy: z.object({ id: z.string(), version: z.string(), title: z.string(), description: z.string() }),
  sections: z.array(z.object({ heading: z.string(), lines: z.array(line) })),
  notYetDocumented: z.array(line),
});

export interface PriorAuthView {
  summary: PriorAuthSummary;
  createdAt: string;
  expiresAt: string;
}

export interface PriorAuthLinksOptions {
  /** The service's public URL, without a trailing slash. */
  publicBaseUrl: string;
  /** The timeline's lifetime: a summary lives exactly as long as its link. */
  ttlSeconds: number;
  clock: () => Date;
  /** The same store as the timeline snapshots (entries of kind `prior-auth`). */
  store: TimelineStore;
  logger?: Logger;
}

export interface PriorAuthLinks {
  /** Stores the summary (patient id removed) under a fresh token; answers `${publicBaseUrl}/prior-auth/<token>`. */
  priorAuth(input: { patientId: string; hookInstance: string; summary: PriorAuthSummary }): Promise<string | undefined>;
  /** The summary behind `token`, or undefined when malformed, unknown, expired, or a link of another kind. */
  open(token: string): Promise<PriorAuthView | undefined>;
}

/**
 * Capability links for the printable summary, by the timeline's mechanism (timeline-token.ts: 256-bit token, stored
 * under its SHA-256) in the same `TimelineStore`, as entries of kind `prior-auth`: a timeline link never opens a
 * summary and a summary link never opens a timeline.
 */
export function createPriorAuthLinks(options: PriorAuthLinksOptions): PriorAuthLinks {
  const { publicBaseUrl, ttlSeconds, clock, store, logger } = options;
  return {
    async priorAuth({ patientId, hookInstance, summary }) {
      // The page carries no patient identifier: resource ids often embed the patient's (as on the timeline).
      const parsed = priorAuthSummarySchema.safeParse(redactPatientId(summary, patientId));
      if (!parsed.success) {
        logger?.warn('prior-auth summary not stored: unexpected shape', {
          issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
        });
        return undefined;
      }
      const token = newTimelineToken();
      const now = clock();
      await store.save({
        kind: 'prior-auth',
        key: timelineKey(token),
        hookInstance,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        snapshot: JSON.stringify(parsed.data),
      });
      return `${publicBaseUrl}/prior-auth/${token}`;
    },
    async open(token) {
      if (!isTimelineToken(token)) return undefined;
      const entry = await store.load(timelineKey(token), clock());
      if (entry?.kind !== 'prior-auth') return undefined;
      let stored: unknown;
      try {
        stored = JSON.parse(entry.snapshot);
      } catch {
        stored = undefined;
      }
      const parsed = priorAuthSummarySchema.safeParse(stored);
      if (!parsed.success) {
        logger?.warn('prior-auth summary unreadable', {
          issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
        });
        return undefined;
      }
      return { summary: parsed.data, createdAt: entry.createdAt, expiresAt: entry.expiresAt };
    },
  };
}
