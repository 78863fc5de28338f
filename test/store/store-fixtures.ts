import { randomUUID } from 'node:crypto';
import type { FeedbackEntry } from '../../src/cds/schemas/feedback.ts';
import type { InvocationRecord, LoggedCard } from '../../src/store/card-store.ts';

export const DAY_MS = 86_400_000;

/** An instant `days` days before `now` (fractions allowed). */
export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();

/** The UTC day (YYYY-MM-DD) `days` days before `now`. */
export const dayBefore = (now: Date, days: number) => daysBefore(now, days).slice(0, 10);

export const OVERRIDE_REASON_SYSTEM = 'http://migraine-cds.org/fhir/CodeSystem/override-reason';

/** The override reasons the fixture cards offer (the store reads them from the logged card, whatever they are). */
export const OFFERED_REASONS: LoggedCard['overrideReasons'] = [
  { system: OVERRIDE_REASON_SYSTEM, code: 'patient-declined', display: 'Patient declined' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'site-pathway', display: 'Managed under the local headache pathway' },
];

/** A card as the candidacy service logs it, with the three eligibility criteria. */
export function loggedCard(overrides: Partial<LoggedCard> = {}): LoggedCard {
  return {
    uuid: randomUUID(),
    indicator: 'info',
    status: 'candidate',
    criteria: [
      { id: 'age', status: 'met' },
      { id: 'chronic-migraine', status: 'met' },
      { id: 'preventive-failures', status: 'met' },
    ],
    findings: [],
    suggestionUuids: [randomUUID()],
    overrideReasons: OFFERED_REASONS,
    ...overrides,
  };
}

export function invocation(serviceId: string, issuedAt: string, cards: LoggedCard[]): InvocationRecord {
  return {
    hookInstance: randomUUID(),
    serviceId,
    issuedAt,
    policy: { id: 'default', version: '2026.1' },
    patientKey: 'Qm9keS1rZXllZC1oYXNoLW9mLXBhdGll',
    cards,
  };
}

export const accepted = (card: LoggedCard, at: string): FeedbackEntry => ({
  card: card.uuid,
  outcome: 'accepted',
  acceptedSuggestions: card.suggestionUuids.map((id) => ({ id })),
  outcomeTimestamp: at,
});

export const overridden = (card: string, at: string, reason?: FeedbackEntry['overrideReason']): FeedbackEntry => ({
  card,
  outcome: 'overridden',
  ...(reason ? { overrideReason: reason } : {}),
  outcomeTimestamp: at,
});
