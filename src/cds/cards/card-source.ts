import type { Card, OverrideReason } from '../schemas/response.ts';

export const CARD_TOPIC_SYSTEM = 'http://migraine-cds.org/fhir/CodeSystem/card-topic';
export const OVERRIDE_REASON_SYSTEM = 'http://migraine-cds.org/fhir/CodeSystem/override-reason';

/** The card's source: who says this, under which policy, about what. */
export function cardSource(
  topic: 'botox-candidacy' | 'botox-order-check',
  policy: { id: string; version: string },
): Card['source'] {
  return {
    label: `migraine-cds (policy ${policy.id} ${policy.version})`,
    topic: {
      system: CARD_TOPIC_SYSTEM,
      code: topic,
      display:
        topic === 'botox-candidacy'
          ? 'OnabotulinumtoxinA candidacy for chronic migraine'
          : 'OnabotulinumtoxinA order check',
    },
  };
}

/** Why a clinician may set a card aside; the analytics count them per card status and criterion. */
export const OVERRIDE_REASONS: OverrideReason[] = [
  { system: OVERRIDE_REASON_SYSTEM, code: 'documented-elsewhere', display: 'Criteria documented outside this record' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'data-incorrect', display: 'The data shown is incorrect or outdated' },
  {
    system: OVERRIDE_REASON_SYSTEM,
    code: 'clinical-judgement',
    display: 'Clinical judgement: benefit outweighs the concern',
  },
  { system: OVERRIDE_REASON_SYSTEM, code: 'patient-declined', display: 'Patient declined' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'already-addressed', display: 'Already addressed at this visit' },
];

/** The card link to the patient's migraine timeline (an expiring capability URL). */
export function timelineLink(url: string): NonNullable<Card['links']>[number] {
  return { label: 'Migraine timeline (diary, preventives, cycles)', url, type: 'absolute' };
}
