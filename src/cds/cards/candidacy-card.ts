import { randomUUID } from 'node:crypto';
import type { Assessment } from '../../engine/assessment.ts';
import type { Policy } from '../../engine/policy/policy-schema.ts';
import type { Card, Suggestion } from '../schemas/response.ts';
import { assessmentDetail } from './assessment-detail.ts';
import { assessmentExtension } from './assessment-extension.ts';
import { type CycleOrderPlan, draftBotoxMedicationRequest, draftChemodenervation } from './botox-order-resources.ts';
import { candidacySummary } from './candidacy-summary.ts';
import { cardSource, overrideReasonsFor, timelineLink } from './card-source.ts';

/**
 * Draft orders for a cycle (CPT 64615 + 155 U), offered to a candidate and to a patient due for the next cycle. Never
 * `isRecommended`: with a caution present it is still offered, and the clinician decides (clinical-rules 8).
 */
function orderSuggestion(
  patientId: string,
  p: Policy['parameters'],
  what: string,
  plan: CycleOrderPlan | undefined,
): Suggestion {
  return {
    label: `Draft ${what}: CPT 64615 with onabotulinumtoxinA ${p.labelDoseUnits} Units`,
    uuid: randomUUID(),
    actions: [
      {
        type: 'create',
        description: 'Draft order: chemodenervation for chronic migraine (CPT 64615)',
        resource: draftChemodenervation(patientId, plan, p.labelDoseUnits),
      },
      {
        type: 'create',
        description: `Draft order: onabotulinumtoxinA ${p.labelDoseUnits} Units IM (J0585)`,
        resource: draftBotoxMedicationRequest(patientId, p.labelDoseUnits, undefined, plan),
      },
    ],
  };
}

/** The one patient-view card: verdict, evidence table, treatment course, and what to document next. */
export function candidacyCard(
  assessment: Assessment,
  policy: Policy,
  options: { patientId: string; timelineUrl?: string; plan?: CycleOrderPlan },
): Card {
  const p = policy.parameters;
  const t = assessment.treatment;
  const suggestions: Suggestion[] = [];
  const nextCycleDue = assessment.status === 'on-treatment' && !!t?.due;
  if (assessment.status === 'candidate')
    suggestions.push(orderSuggestion(options.patientId, p, 'first cycle', options.plan));
  if (nextCycleDue && !t?.stopAdvice)
    suggestions.push(orderSuggestion(options.patientId, p, 'next cycle', options.plan));
  // The boxed warning where an injection is next (clinical-rules 8, 11.17).
  const boxedWarning = assessment.status === 'candidate' || nextCycleDue;
  return {
    uuid: randomUUID(),
    summary: candidacySummary(assessment, p),
    indicator: assessment.indicator,
    detail: assessmentDetail(assessment, p, { boxedWarning }),
    source: cardSource('botox-candidacy', policy),
    ...(suggestions.length ? { suggestions, selectionBehavior: 'at-most-one' as const } : {}),
    overrideReasons: overrideReasonsFor(assessment.status === 'contraindicated'),
    ...(options.timelineUrl ? { links: [timelineLink(options.timelineUrl)] } : {}),
    extension: assessmentExtension(assessment),
  };
}
