import type { FeedbackEntry } from '../cds/schemas/feedback.ts';
import type { TimelineStore } from '../timeline/timeline-store.ts';

/** One card as the log keeps it: no names, no resource bodies, only ids, statuses and the criteria that decided it. */
export interface LoggedCard {
  uuid: string;
  indicator: 'info' | 'warning' | 'critical';
  status?: string;
  criteria: { id: string; status: string }[];
  findings: string[];
  suggestionUuids: string[];
  /** The override reasons the card offered: feedback may name only these (any other is kept as "other reason"). */
  overrideReasons: { system: string; code: string; display: string }[];
}

export interface InvocationRecord {
  hookInstance: string;
  serviceId: string;
  issuedAt: string;
  policy: { id: string; version: string };
  /** Keyed hash of the patient id (never the id itself). */
  patientKey: string;
  cards: LoggedCard[];
}

export interface FeedbackResult {
  stored: number;
  duplicates: number;
  unknownCards: number;
}

export interface PurgeResult {
  invocations: number;
  feedback: number;
}

/** The durable record of issued cards and clinicians' feedback (issue 8). */
export interface CardStore {
  recordInvocation(record: InvocationRecord): Promise<void>;
  /** Stores a batch atomically and idempotently; resolves only once the data is committed. */
  recordFeedback(serviceId: string, entries: FeedbackEntry[], receivedAt: string): Promise<FeedbackResult>;
  /** Resolves when the store is reachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Stores several invocations in one transaction (the write-behind card log flushes through it). */
export interface InvocationBatches {
  recordInvocations(records: InvocationRecord[]): Promise<void>;
}

/** Retention of the card log (CARD_LOG_RETENTION_DAYS). */
export interface CardLogPurge {
  /** Deletes invocations (with their cards) issued, and feedback received, before `before`. */
  purgeCardLog(before: Date): Promise<PurgeResult>;
}

/** Cards issued, and what became of them: accepted + overridden + ignored = issued. */
export interface OutcomeCounts {
  issued: number;
  /** Cards whose latest feedback is `accepted`. */
  accepted: number;
  /** Cards whose latest feedback is `overridden`. */
  overridden: number;
  /** Cards issued that received no feedback. */
  ignored: number;
}

export interface OverrideReasonCount {
  system?: string;
  code: string;
  display?: string;
  count: number;
}

export interface ServiceFeedbackAnalytics extends OutcomeCounts {
  serviceId: string;
  byStatus: ({ status: string } & OutcomeCounts)[];
  byCriterion: ({ criterion: string; status: string } & OutcomeCounts)[];
  /** Coded reasons given on the latest feedback of overridden cards. */
  overrideReasons: OverrideReasonCount[];
  overridesWithComment: number;
  overridesWithoutReason: number;
  /** Feedback received in the range for card uuids this service never issued (or whose log was purged). */
  unknownCardFeedback: { accepted: number; overridden: number };
}

export interface FeedbackAnalytics {
  /** First day, inclusive (YYYY-MM-DD, UTC). */
  from: string;
  /** Last day, inclusive (YYYY-MM-DD, UTC). */
  to: string;
  services: ServiceFeedbackAnalytics[];
}

/** Acceptance and override figures for the cards issued in a range of UTC days (issue 8 analytics). */
export interface FeedbackAnalyticsSource {
  feedbackAnalytics(range: { from: string; to: string }): Promise<FeedbackAnalytics>;
}

/** True when the store can answer the analytics queries (the SQL stores can; the memory store cannot). */
export function hasFeedbackAnalytics(store: CardStore): store is CardStore & FeedbackAnalyticsSource {
  return typeof (store as Partial<FeedbackAnalyticsSource>).feedbackAnalytics === 'function';
}

/** Capability-link snapshots kept beside the card log, shared by every instance that opens the same store. */
export interface LinkSnapshots {
  readonly links: TimelineStore;
}

/** True when the store keeps link snapshots (the SQL stores do; the memory card store does not). */
export function hasLinkSnapshots(store: CardStore): store is CardStore & LinkSnapshots {
  return typeof (store as Partial<LinkSnapshots>).links === 'object';
}
