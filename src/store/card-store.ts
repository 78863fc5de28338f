import type { FeedbackEntry } from '../cds/schemas/feedback.ts';

/** One card as the log keeps it: no names, no resource bodies, only ids, statuses and the criteria that decided it. */
export interface LoggedCard {
  uuid: string;
  indicator: 'info' | 'warning' | 'critical';
  status?: string;
  criteria: { id: string; status: string }[];
  findings: string[];
  suggestionUuids: string[];
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

/** The durable record of issued cards and clinicians' feedback (issue 8). */
export interface CardStore {
  recordInvocation(record: InvocationRecord): Promise<void>;
  /** Stores a batch atomically and idempotently; resolves only once the data is committed. */
  recordFeedback(serviceId: string, entries: FeedbackEntry[], receivedAt: string): Promise<FeedbackResult>;
  /** Resolves when the store is reachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
