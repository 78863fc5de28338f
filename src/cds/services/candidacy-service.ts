import { assessCandidacy } from '../../engine/assess-candidacy.ts';
import { candidacyCard } from '../cards/candidacy-card.ts';
import type { CdsResponse } from '../schemas/response.ts';
import type { ServiceInput } from '../service.ts';
import { recordFromPrefetch } from './record-from-prefetch.ts';

/** patient-view: one candidacy card for a patient in scope, `{"cards": []}` otherwise. */
export async function handleCandidacy(input: ServiceInput): Promise<CdsResponse> {
  const patientId = input.request.context.patientId;
  const record = recordFromPrefetch(await input.data(), patientId);
  const assessment = assessCandidacy(record, input.policy, {
    evaluationDate: input.evaluationDate,
    siteTimeZone: input.siteTimeZone,
  });
  if (!assessment.inScope) return { cards: [] };
  const timelineUrl = await input.links?.timeline({
    patientId,
    hookInstance: input.request.hookInstance,
    payload: assessment,
  });
  return { cards: [candidacyCard(assessment, input.policy, { patientId, ...(timelineUrl ? { timelineUrl } : {}) })] };
}
