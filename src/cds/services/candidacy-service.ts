import { assessCandidacy } from '../../engine/assess-candidacy.ts';
import type { RecordPart } from '../../engine/patient-record.ts';
import { preconditionFailed } from '../../http/operation-outcome.ts';
import { offerPriorAuth, withPriorAuth } from '../../prior-auth/card-offer.ts';
import { cycleOrderPlan } from '../cards/botox-order-resources.ts';
import { candidacyCard } from '../cards/candidacy-card.ts';
import type { CdsResponse } from '../schemas/response.ts';
import type { ServiceInput } from '../service.ts';
import { recordFromPrefetch } from './record-from-prefetch.ts';

/** The parts of the record that can bring a patient into scope: a migraine Condition, diary data, a cycle. */
const SCOPE_PARTS: RecordPart[] = ['conditions', 'observations', 'procedures', 'medicationAdministrations'];

/** patient-view: one candidacy card for a patient in scope, `{"cards": []}` otherwise. */
export async function handleCandidacy(input: ServiceInput): Promise<CdsResponse> {
  const patientId = input.request.context.patientId;
  const record = recordFromPrefetch(await input.data(), patientId);
  const assessment = assessCandidacy(record, input.policy, {
    evaluationDate: input.evaluationDate,
    siteTimeZone: input.siteTimeZone,
  });
  if (!assessment.inScope) {
    // cds-hooks.md: "Data required and not obtainable -> 412". Scope rests on conditions, the diary and cycles
    // (clinical-rules 3); with none of them obtained, "not in scope" would be a guess, not a finding.
    const missing = SCOPE_PARTS.filter((part) => record.unavailable[part] !== undefined);
    if (missing.length === SCOPE_PARTS.length) {
      throw preconditionFailed(
        `None of the data that decides whether the patient is in scope could be obtained (${missing.join(', ')})`,
        missing.map((part) => `prefetch.${part}`),
      );
    }
    return { cards: [] };
  }
  const timelineUrl = await input.links?.timeline({
    patientId,
    hookInstance: input.request.hookInstance,
    payload: assessment,
  });
  // Drafted orders carry the patient's own code and the earliest date (clinical-rules 5, 11.15).
  const plan = cycleOrderPlan(record.conditions, assessment.cycles.at(-1), input.evaluationDate, input.siteTimeZone);
  const card = candidacyCard(assessment, input.policy, { patientId, plan, ...(timelineUrl ? { timelineUrl } : {}) });
  // The prior-authorization summary (src/prior-auth): suggestion, printable link and extension, when offered.
  const offer = await offerPriorAuth({
    assessment,
    policy: input.policy,
    patientId,
    ...(record.patient ? { patient: record.patient } : {}),
    hookInstance: input.request.hookInstance,
    assessedAt: input.assessedAt ?? new Date().toISOString(),
    ...(input.links ? { links: input.links } : {}),
  });
  return { cards: [withPriorAuth(card, offer)] };
}
