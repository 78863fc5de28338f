import type { LoggedCard } from '../store/card-store.ts';
import type { CdsResponse } from './schemas/response.ts';

export const ASSESSMENT_EXTENSION = 'org.migraine-cds.assessment';
/** The card extension that says a prior-authorization summary was offered (src/prior-auth/card-offer.ts). */
export const PRIOR_AUTH_EXTENSION = 'org.migraine-cds.prior-authorization';

interface AssessmentExtension {
  status?: string;
  criteria?: { id: string; status: string }[];
  findings?: { id: string }[];
}

/** What the card log keeps of each card: ids and statuses only, read from the machine-readable extension. */
export function logCardsOf(response: CdsResponse): LoggedCard[] {
  return response.cards.map((card) => {
    const assessment = card.extension?.[ASSESSMENT_EXTENSION] as AssessmentExtension | undefined;
    return {
      uuid: card.uuid,
      indicator: card.indicator,
      ...(assessment?.status ? { status: assessment.status } : {}),
      criteria: (assessment?.criteria ?? []).map((c) => ({ id: c.id, status: c.status })),
      findings: (assessment?.findings ?? []).map((f) => f.id),
      suggestionUuids: (card.suggestions ?? []).map((s) => s.uuid),
      ...priorAuthOf(card.extension?.[PRIOR_AUTH_EXTENSION]),
      overrideReasons: (card.overrideReasons ?? []).map((r) => ({
        system: r.system,
        code: r.code,
        display: r.display,
      })),
    };
  });
}

function priorAuthOf(value: unknown): Pick<LoggedCard, 'priorAuth'> {
  const v = value as { kind?: unknown; suggestion?: unknown; link?: unknown } | undefined;
  if (typeof v?.kind !== 'string' || typeof v.suggestion !== 'string') return {};
  return { priorAuth: { kind: v.kind, suggestion: v.suggestion, link: v.link === true } };
}
