import type { Card, OverrideReason } from '../schemas/response.ts';
import { CARD_TEXTS } from './card-texts.ts';

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

/**
 * Why a clinician may set a card aside (clinical-rules 8): the reasons fit the card. A contraindication is set aside
 * only when the record is wrong, the problem resolved, or a specialist decided; never "benefit outweighs the concern".
 * The analytics count them per card status and criterion.
 */
export function overrideReasonsFor(contraindicated: boolean): OverrideReason[] {
  const reasons = CARD_TEXTS.overrideReasons[contraindicated ? 'contraindicated' : 'other'];
  return reasons.map((r) => ({ system: OVERRIDE_REASON_SYSTEM, code: r.code, display: r.display }));
}

/** The card link to the patient's migraine timeline (an expiring capability URL). */
export function timelineLink(url: string): NonNullable<Card['links']>[number] {
  return { label: 'Migraine timeline (diary, preventives, cycles)', url, type: 'absolute' };
}
