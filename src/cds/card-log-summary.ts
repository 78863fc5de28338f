import type { LoggedCard } from '../store/card-store.ts';
import type { CdsResponse } from './schemas/response.ts';

export const ASSESSMENT_EXTENSION = 'org.migraine-cds.assessment';

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
      overrideReasons: (card.overrideReasons ?? []).map((r) => ({
        system: r.system,
        code: r.code,
        display: r.display,
      })),
    };
  });
}
