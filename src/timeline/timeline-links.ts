import type { CardLinkFactory } from '../cds/service.ts';
import { loadPolicy } from '../engine/policy/load-policy.ts';
import type { Logger } from '../log/logger.ts';
import { redactPatientId } from './redact-patient-id.ts';
import {
  type TimelineSnapshot,
  type TimelineView,
  timelineAssessmentSchema,
  timelineSnapshotSchema,
} from './timeline-snapshot.ts';
import type { TimelineStore } from './timeline-store.ts';
import { isTimelineToken, newTimelineToken, timelineKey } from './timeline-token.ts';

export interface TimelineLinksOptions {
  /** The service's public URL, without a trailing slash. */
  publicBaseUrl: string;
  ttlSeconds: number;
  clock: () => Date;
  store: TimelineStore;
  /** The parameters of a policy (by id and version); defaults to the shipped policy profiles. */
  policyParameters?: (policy: { id: string; version: string }) => TimelineSnapshot['parameters'];
  logger?: Logger;
}

/** The card link factory, and the other end of its links: the snapshot a token opens. */
export interface TimelineLinks extends CardLinkFactory {
  /** The snapshot behind `token`, or undefined when the token is malformed, unknown or expired. */
  open(token: string): Promise<TimelineView | undefined>;
}

function shippedPolicyParameters(policy: { id: string; version: string }): TimelineSnapshot['parameters'] {
  try {
    const p = loadPolicy(policy.id);
    // Another version's thresholds would draw the wrong line: none is better than a wrong one.
    if (p.version !== policy.version) return undefined;
    return p.parameters;
  } catch {
    return undefined;
  }
}

/**
 * Capability URLs for the timeline page: each call stores a snapshot of the assessment (patient id removed) under a
 * fresh 256-bit token and answers `${publicBaseUrl}/timeline/<token>`, valid for `ttlSeconds`.
 */
export function createTimelineLinks(options: TimelineLinksOptions): TimelineLinks {
  const { publicBaseUrl, ttlSeconds, clock, store, logger } = options;
  const policyParameters = options.policyParameters ?? shippedPolicyParameters;
  return {
    async timeline({ patientId, hookInstance, payload }) {
      const parsed = timelineAssessmentSchema.safeParse(redactPatientId(payload, patientId));
      if (!parsed.success) {
        // Paths only: values could carry PHI.
        logger?.warn('timeline snapshot not taken: unexpected assessment shape', {
          issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
        });
        return undefined;
      }
      const assessment = parsed.data;
      const snapshot: TimelineSnapshot = { assessment, parameters: policyParameters(assessment.policy) };
      const token = newTimelineToken();
      const now = clock();
      await store.save({
        kind: 'timeline',
        key: timelineKey(token),
        hookInstance,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        snapshot: JSON.stringify(snapshot),
      });
      return `${publicBaseUrl}/timeline/${token}`;
    },
    async open(token) {
      if (!isTimelineToken(token)) return undefined;
      const entry = await store.load(timelineKey(token), clock());
      if (entry?.kind !== 'timeline') return undefined;
      let stored: unknown;
      try {
        stored = JSON.parse(entry.snapshot);
      } catch {
        stored = undefined;
      }
      const parsed = timelineSnapshotSchema.safeParse(stored);
      if (!parsed.success) {
        logger?.warn('timeline snapshot unreadable', {
          issues: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
        });
        return undefined;
      }
      return { ...parsed.data, createdAt: entry.createdAt, expiresAt: entry.expiresAt };
    },
  };
}
